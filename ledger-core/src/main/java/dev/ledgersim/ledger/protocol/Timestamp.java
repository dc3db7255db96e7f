package dev.ledgersim.ledger.protocol;

import java.time.Instant;

/**
 * {@code google.protobuf.Timestamp}: seconds and nanoseconds since the Unix epoch, from the simulated
 * clock, never the wall clock.
 *
 * @param seconds whole seconds since 1970-01-01T00:00:00Z
 * @param nanos 0..999,999,999
 */
public record Timestamp(long seconds, int nanos) {

    /** Validates. */
    public Timestamp {
        if (nanos < 0 || nanos > 999_999_999) {
            throw new IllegalArgumentException("nanos must be within 0..999999999, got " + nanos);
        }
    }

    /** The timestamp of {@code instant}. */
    public static Timestamp of(Instant instant) {
        return new Timestamp(instant.getEpochSecond(), instant.getNano());
    }

    /** This timestamp as an {@link Instant}. */
    public Instant toInstant() {
        return Instant.ofEpochSecond(seconds, nanos);
    }

    @Override
    public String toString() {
        return toInstant().toString();
    }
}
