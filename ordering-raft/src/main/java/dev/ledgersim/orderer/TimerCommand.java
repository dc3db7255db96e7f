package dev.ledgersim.orderer;

import java.time.Duration;
import java.util.Objects;

/**
 * The batch timer, as commands to the driver (an orderer reads no clock). The leader starts it when an
 * envelope leaves something pending and it is not already running, and stops it when a cut leaves
 * nothing pending (FABRIC.md §7.1). The driver calls {@link ChannelOrderer#batchTimeout(long)} with the
 * timer's id when {@code timeout} has elapsed since the start, unless a stop for that id came first.
 * Ids increase; a timeout for an id that is not the running timer is ignored, so a driver may deliver
 * late without harm.
 */
public sealed interface TimerCommand {

    /** The channel whose batch timer this is. */
    String channelId();

    /** The timer's id. */
    long timerId();

    /** Start the batch timer {@code timerId}, to fire after {@code timeout}. */
    record StartBatchTimer(String channelId, long timerId, Duration timeout) implements TimerCommand {
        /** Validates. */
        public StartBatchTimer {
            Objects.requireNonNull(channelId, "channelId");
            Objects.requireNonNull(timeout, "timeout");
        }
    }

    /** Cancel the batch timer {@code timerId}. */
    record StopBatchTimer(String channelId, long timerId) implements TimerCommand {
        /** Validates. */
        public StopBatchTimer {
            Objects.requireNonNull(channelId, "channelId");
        }
    }
}
