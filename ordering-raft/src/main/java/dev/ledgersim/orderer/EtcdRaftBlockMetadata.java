package dev.ledgersim.orderer;

import dev.ledgersim.ledger.protocol.Bytes;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Fabric's {@code etcdraft.BlockMetadata}, the consenter metadata an etcdraft orderer puts in each
 * block's {@code OrdererBlockMetadata.consenter_metadata}: the consenters' Raft ids, the next id to
 * assign, and the index of the Raft entry that carries the block. Encoded exactly as protobuf does
 * ({@code repeated uint64 consenter_ids = 1} packed, {@code uint64 next_consenter_id = 2},
 * {@code uint64 raft_index = 3}, zero values omitted).
 *
 * @param consenterIds the Raft ids of the channel's consenters, ascending
 * @param nextConsenterId the id a new consenter would get
 * @param raftIndex the Raft log index of the entry carrying the block
 */
public record EtcdRaftBlockMetadata(List<Long> consenterIds, long nextConsenterId, long raftIndex) {

    /** Validates and copies. */
    public EtcdRaftBlockMetadata {
        consenterIds = List.copyOf(consenterIds);
    }

    /** The canonical protobuf bytes. */
    public Bytes encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!consenterIds.isEmpty()) {
            ByteArrayOutputStream packed = new ByteArrayOutputStream();
            for (long id : consenterIds) {
                varint(packed, id);
            }
            varint(out, 1 << 3 | 2);
            varint(out, packed.size());
            out.writeBytes(packed.toByteArray());
        }
        if (nextConsenterId != 0) {
            varint(out, 2 << 3);
            varint(out, nextConsenterId);
        }
        if (raftIndex != 0) {
            varint(out, 3 << 3);
            varint(out, raftIndex);
        }
        return Bytes.wrap(out.toByteArray());
    }

    /**
     * Decodes canonical bytes.
     *
     * @throws IllegalArgumentException if they are not a canonical {@code etcdraft.BlockMetadata}
     */
    public static EtcdRaftBlockMetadata decode(Bytes bytes) {
        Objects.requireNonNull(bytes, "bytes");
        byte[] in = bytes.unsafeArray();
        int[] pos = {0};
        List<Long> ids = new ArrayList<>();
        long next = 0;
        long index = 0;
        int lastField = 0;
        while (pos[0] < in.length) {
            long tag = readVarint(in, pos);
            int field = (int) (tag >>> 3);
            int wire = (int) (tag & 7);
            if (field <= lastField) {
                throw new IllegalArgumentException("etcdraft.BlockMetadata: field " + field + " out of order or repeated");
            }
            lastField = field;
            switch (field) {
                case 1 -> {
                    expectWire(wire, 2, field);
                    long length = readVarint(in, pos);
                    if (length <= 0 || length > in.length - pos[0]) {
                        throw new IllegalArgumentException("etcdraft.BlockMetadata: consenter_ids length " + length + " is invalid");
                    }
                    int end = pos[0] + (int) length;
                    while (pos[0] < end) {
                        ids.add(readVarint(in, pos));
                    }
                    if (pos[0] != end) {
                        throw new IllegalArgumentException("etcdraft.BlockMetadata: consenter_ids overruns its length");
                    }
                }
                case 2 -> {
                    expectWire(wire, 0, field);
                    next = nonZero(readVarint(in, pos), field);
                }
                case 3 -> {
                    expectWire(wire, 0, field);
                    index = nonZero(readVarint(in, pos), field);
                }
                default -> throw new IllegalArgumentException("etcdraft.BlockMetadata: unknown field " + field);
            }
        }
        return new EtcdRaftBlockMetadata(ids, next, index);
    }

    private static long nonZero(long value, int field) {
        if (value == 0) {
            throw new IllegalArgumentException("etcdraft.BlockMetadata: field " + field + " holds an explicit default value");
        }
        return value;
    }

    private static void expectWire(int wire, int expected, int field) {
        if (wire != expected) {
            throw new IllegalArgumentException("etcdraft.BlockMetadata: field " + field + " has wire type " + wire
                    + ", expected " + expected);
        }
    }

    private static void varint(ByteArrayOutputStream out, long value) {
        long v = value;
        while ((v & ~0x7FL) != 0) {
            out.write((int) (v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.write((int) v);
    }

    private static long readVarint(byte[] in, int[] pos) {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos[0] >= in.length) {
                throw new IllegalArgumentException("etcdraft.BlockMetadata: truncated varint");
            }
            byte b = in[pos[0]++];
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                if (b == 0 && shift > 0) {
                    throw new IllegalArgumentException("etcdraft.BlockMetadata: non-minimal varint");
                }
                return result;
            }
        }
        throw new IllegalArgumentException("etcdraft.BlockMetadata: varint longer than 10 bytes");
    }
}
