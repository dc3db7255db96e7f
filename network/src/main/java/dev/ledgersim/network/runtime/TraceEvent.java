package dev.ledgersim.network.runtime;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One entry of the {@link TraceRecorder}.
 *
 * @param sequence the event's position in the whole run, from 0 (gaps never occur; when the recorder
 *     discarded old events the first kept one has a sequence above 0)
 * @param time the engine's time: virtual (simulated) or wall clock (concurrent)
 * @param kind what happened
 * @param node the node it happened at: the sender of a {@link Kind#SEND}, the receiver of a
 *     {@link Kind#DELIVER}; null for a {@link Kind#FAULT}
 * @param peer the other node of a message (receiver of a send, sender of a delivery), else null
 * @param type the message's class simple name, the timer key's class simple name, the state-change
 *     event name, or the fault record's name; may be null
 * @param details further facts, with sorted keys and plain values (numbers, booleans, strings, lists,
 *     maps); see {@link Kind}
 */
public record TraceEvent(long sequence, Instant time, Kind kind, String node, String peer, String type,
        Map<String, Object> details) {

    /** Validates; {@code details} must already be sanitized (the recorder does it). */
    public TraceEvent {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(details, "details");
    }

    /** What a trace event records. */
    public enum Kind {
        /** A node was registered and started. */
        START,
        /**
         * A message was sent. Details: {@code id} (message id, unique in the run), {@code size} (bytes,
         * when known), {@code outcome} ({@code "sent"}, {@code "duplicated"} or {@code "dropped"}),
         * {@code reason} when dropped ({@code "drop rate"}, {@code "partition"}, {@code "isolated"},
         * {@code "receiver down"}, {@code "unknown node"}), {@code delaysNanos} (one per copy delivered).
         */
        SEND,
        /** A message was handed to its receiver. Details: {@code id}. */
        DELIVER,
        /**
         * A message, timer or call reached a node instance that had crashed meanwhile and was discarded.
         * Details: {@code what} ({@code "message"}, {@code "call"}), {@code id} for messages.
         */
        DISCARD,
        /**
         * A timer fired. Details: {@code key} (the key's {@code toString} when it is a string, number,
         * enum, boolean or record; else omitted, since identity hash codes would break determinism),
         * {@code background}.
         */
        TIMER,
        /** An {@link Engine#call} action ran on the node. */
        CALL,
        /** A node crashed (or was stopped by {@link Engine#close()}: details {@code reason}). */
        CRASH,
        /** A node was restarted with a fresh instance. Details: {@code incarnation}. */
        RESTART,
        /** A network fault was applied. Details: {@code fault} (the record's text). */
        FAULT,
        /** A state change recorded by the node ({@link NodeContext#record}). */
        STATE,
        /** A node callback threw. Details: {@code event}, {@code error}. */
        FAILURE
    }
}
