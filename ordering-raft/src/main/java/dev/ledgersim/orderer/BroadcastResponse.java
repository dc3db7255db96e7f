package dev.ledgersim.orderer;

import java.util.Objects;

/**
 * What an orderer answers to one broadcast envelope ({@code ab.BroadcastResponse}): a status and a
 * human-readable reason. {@link Status#SUCCESS} means <em>accepted for ordering</em>, not ordered and
 * not committed: an accepted envelope can still be lost if Raft leadership changes before its block
 * commits (FABRIC.md §7.4; see {@link DroppedEnvelopes}), and the client learns it only by never seeing
 * the transaction commit.
 *
 * @param status the status code
 * @param info why the envelope was refused (empty on success)
 */
public record BroadcastResponse(Status status, String info) {

    /** Fabric's {@code common.Status} values that a broadcast can return, with their numbers. */
    public enum Status {
        /** Accepted for ordering. */
        SUCCESS(200),
        /** The envelope is malformed, too large, or its creator expired. */
        BAD_REQUEST(400),
        /** The creator is unknown, invalid or revoked, the signature is wrong, or the Writers policy fails. */
        FORBIDDEN(403),
        /** The channel does not exist on this orderer. */
        NOT_FOUND(404),
        /** The consenter cannot take the envelope now (no Raft leader, submit queue full). */
        SERVICE_UNAVAILABLE(503);

        private final int code;

        Status(int code) {
            this.code = code;
        }

        /** The HTTP-like number Fabric uses. */
        public int code() {
            return code;
        }
    }

    /** Validates. */
    public BroadcastResponse {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(info, "info");
    }

    /** Accepted for ordering. */
    public static BroadcastResponse success() {
        return new BroadcastResponse(Status.SUCCESS, "");
    }

    /** A refusal with {@code status} and {@code info}. */
    public static BroadcastResponse refused(Status status, String info) {
        if (status == Status.SUCCESS) {
            throw new IllegalArgumentException("a refusal cannot have status SUCCESS");
        }
        return new BroadcastResponse(status, info);
    }

    /** Whether the envelope was accepted. */
    public boolean isSuccess() {
        return status == Status.SUCCESS;
    }
}
