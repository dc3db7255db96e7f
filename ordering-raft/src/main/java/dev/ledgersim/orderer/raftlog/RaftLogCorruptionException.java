package dev.ledgersim.orderer.raftlog;

/**
 * Bytes read back from a durable Raft log are not what {@link RaftLogCodec} wrote: a checksum
 * mismatch, a truncated or over-long record, an unknown record kind or version, or a log whose
 * entries are not contiguous. The message names the record (entry index, hard state or snapshot)
 * and what is wrong. A node cannot continue over a corrupt log: it must be restored from its peers.
 */
public final class RaftLogCorruptionException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** A corruption described by {@code message}. */
    public RaftLogCorruptionException(String message) {
        super(message);
    }
}
