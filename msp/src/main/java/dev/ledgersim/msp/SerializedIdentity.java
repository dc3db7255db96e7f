package dev.ledgersim.msp;

import dev.ledgersim.msp.internal.Protobuf;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * An identity as it travels in proposals, transactions and blocks: the MSP id and the PEM-encoded
 * certificate (Fabric's {@code msp.SerializedIdentity}).
 *
 * <p>{@link #toBytes()} is the canonical byte form, exactly Fabric's protobuf encoding (field 1 the MSP id,
 * field 2 the PEM bytes), so that a txid {@code hex(SHA-256(nonce || creator))} computed here equals
 * Fabric's for the same nonce and certificate.
 *
 * @param mspId the MSP the identity claims to belong to
 * @param pem the PEM {@code CERTIFICATE} block (copied on the way in and out)
 */
public record SerializedIdentity(String mspId, byte[] pem) {

    /** Validates and copies. */
    public SerializedIdentity {
        Objects.requireNonNull(mspId, "mspId");
        Objects.requireNonNull(pem, "pem");
        if (mspId.isEmpty()) {
            throw new IllegalArgumentException("serialized identity has an empty MSP id");
        }
        if (pem.length == 0) {
            throw new IllegalArgumentException("serialized identity of MSP " + mspId + " has no certificate");
        }
        pem = pem.clone();
    }

    @Override
    public byte[] pem() {
        return pem.clone();
    }

    /** The canonical (protobuf) bytes. */
    public byte[] toBytes() {
        return new Protobuf.Writer().string(1, mspId).bytes(2, pem).toByteArray();
    }

    /**
     * Reads the canonical bytes back.
     *
     * @throws MspException with reason {@link MspException.Reason#MALFORMED} saying what is wrong
     */
    public static SerializedIdentity fromBytes(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new MspException(MspException.Reason.MALFORMED, "serialized identity is empty");
        }
        String mspId = null;
        byte[] pem = null;
        try {
            Protobuf.Reader reader = new Protobuf.Reader(bytes);
            while (reader.hasNext()) {
                int field = reader.next();
                switch (field) {
                    case 1 -> mspId = reader.string();
                    case 2 -> pem = reader.bytes();
                    default -> throw new IllegalArgumentException("unexpected field " + field);
                }
            }
        } catch (IllegalArgumentException e) {
            throw new MspException(MspException.Reason.MALFORMED, "malformed serialized identity: " + e.getMessage(), e);
        }
        if (mspId == null || mspId.isEmpty()) {
            throw new MspException(MspException.Reason.MALFORMED, "serialized identity has no MSP id");
        }
        if (pem == null) {
            throw new MspException(MspException.Reason.MALFORMED, "serialized identity of MSP " + mspId + " has no certificate");
        }
        return new SerializedIdentity(mspId, pem);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SerializedIdentity other && mspId.equals(other.mspId) && Arrays.equals(pem, other.pem);
    }

    @Override
    public int hashCode() {
        return 31 * mspId.hashCode() + Arrays.hashCode(pem);
    }

    @Override
    public String toString() {
        String text = new String(pem, StandardCharsets.US_ASCII);
        return "SerializedIdentity[" + mspId + ", " + text.length() + " PEM chars]";
    }
}
