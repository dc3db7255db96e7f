package dev.ledgersim.msp;

import dev.ledgersim.msp.internal.BoundedCache;
import dev.ledgersim.msp.internal.Certificates;
import java.util.Collection;
import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The MSPs of a channel: turns the serialized identities found in proposals, transactions and blocks
 * back into {@link Identity} objects and validates them with the right {@link Msp}.
 *
 * <p>Decoded identities are cached by their serialized bytes, so that a certificate is parsed and its
 * public key decoded once, not on every signature check. Immutable apart from that cache: a changed MSP
 * (a new CRL) gives a new manager through {@link #withMsp}. Thread-safe.
 */
public final class MspManager {

    /** Decoded identities kept per generation of the cache (see {@link BoundedCache}). */
    private static final int IDENTITIES_CACHED = 50_000;

    private final SortedMap<String, Msp> msps;
    private final BoundedCache<IdentityKey, Identity> identities;

    /** A manager over {@code msps}; MSP ids must be distinct. */
    public MspManager(Collection<Msp> msps) {
        this(index(msps), new BoundedCache<>(IDENTITIES_CACHED));
    }

    private MspManager(SortedMap<String, Msp> msps, BoundedCache<IdentityKey, Identity> identities) {
        this.msps = Collections.unmodifiableSortedMap(msps);
        this.identities = identities;
    }

    private static SortedMap<String, Msp> index(Collection<Msp> msps) {
        SortedMap<String, Msp> byId = new TreeMap<>();
        for (Msp msp : msps) {
            if (byId.put(msp.mspId(), msp) != null) {
                throw new IllegalArgumentException("MSP " + msp.mspId() + " is given twice");
            }
        }
        return byId;
    }

    /** A manager with {@code msp} added, or replacing the MSP of the same id; identity cache shared. */
    public MspManager withMsp(Msp msp) {
        SortedMap<String, Msp> copy = new TreeMap<>(msps);
        copy.put(msp.mspId(), msp);
        return new MspManager(copy, identities);
    }

    /** The MSP ids known here, sorted. */
    public SortedSet<String> mspIds() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(msps.keySet()));
    }

    /** The MSP of {@code mspId}, if known. */
    public Optional<Msp> msp(String mspId) {
        return Optional.ofNullable(msps.get(mspId));
    }

    /**
     * The identity serialized in {@code serializedIdentity}, not yet validated.
     *
     * @throws MspException {@link MspException.Reason#MALFORMED} when the bytes or the PEM certificate
     *     cannot be read, {@link MspException.Reason#UNKNOWN_MSP} when its MSP is not known here
     */
    public Identity deserialize(byte[] serializedIdentity) {
        Objects.requireNonNull(serializedIdentity, "serializedIdentity");
        return deserialize(serializedIdentity, 0, serializedIdentity.length);
    }

    /**
     * The identity serialized in the {@code length} bytes of {@code array} from {@code offset} (a view of
     * a decoded message, read in place), not yet validated. An identity seen before is found without
     * copying the bytes; a new one is copied into the cache.
     *
     * @throws MspException {@link MspException.Reason#MALFORMED} when the bytes or the PEM certificate
     *     cannot be read, {@link MspException.Reason#UNKNOWN_MSP} when its MSP is not known here
     * @throws IndexOutOfBoundsException when the range is not inside {@code array}
     */
    public Identity deserialize(byte[] array, int offset, int length) {
        Objects.requireNonNull(array, "array");
        Objects.checkFromIndexSize(offset, length, array.length);
        Identity cached = identities.get(new IdentityKey(array, offset, length));
        if (cached != null) {
            return cached;
        }
        byte[] serializedIdentity = java.util.Arrays.copyOfRange(array, offset, offset + length);
        SerializedIdentity serialized = SerializedIdentity.fromBytes(serializedIdentity);
        Msp msp = msps.get(serialized.mspId());
        if (msp == null) {
            throw new MspException(MspException.Reason.UNKNOWN_MSP, "identity of unknown MSP '" + serialized.mspId()
                    + "' (known: " + String.join(", ", msps.keySet()) + ")");
        }
        Identity identity;
        try {
            identity = msp.identity(Certificates.fromPem(serialized.pem()));
        } catch (IllegalArgumentException e) {
            throw new MspException(MspException.Reason.MALFORMED,
                    "identity of MSP " + serialized.mspId() + " has a malformed certificate: " + e.getMessage(), e);
        }
        return identities.put(new IdentityKey(serializedIdentity, 0, serializedIdentity.length), identity);
    }

    /**
     * Validates {@code identity} with the MSP it claims.
     *
     * @throws MspException when its MSP is unknown here or the MSP refuses it
     */
    public void validate(Identity identity) {
        Msp msp = msps.get(identity.mspId());
        if (msp == null) {
            throw new MspException(MspException.Reason.UNKNOWN_MSP, "identity '" + identity.name()
                    + "' of unknown MSP '" + identity.mspId() + "' (known: " + String.join(", ", msps.keySet()) + ")");
        }
        msp.validate(identity);
    }

    /** {@link #deserialize} then {@link #validate}. */
    public Identity deserializeAndValidate(byte[] serializedIdentity) {
        Identity identity = deserialize(serializedIdentity);
        validate(identity);
        return identity;
    }

    /** {@link #deserialize(byte[], int, int)} then {@link #validate}. */
    public Identity deserializeAndValidate(byte[] array, int offset, int length) {
        Identity identity = deserialize(array, offset, length);
        validate(identity);
        return identity;
    }

    /**
     * A serialized identity as a cache key: a range of an array (a lookup's key reads the caller's bytes
     * in place; a stored key owns a copy), compared in full, hashed over its length and last 96 bytes
     * (the end of the certificate's signature, which differs between any two certificates), so a lookup
     * neither copies nor hashes the whole kilobyte of PEM.
     */
    private static final class IdentityKey {
        private static final int HASHED_TAIL = 96;
        private final byte[] array;
        private final int from;
        private final int to;
        private final int hash;

        IdentityKey(byte[] array, int offset, int length) {
            this.array = array;
            this.from = offset;
            this.to = offset + length;
            int h = length;
            for (int i = Math.max(from, to - HASHED_TAIL); i < to; i++) {
                h = 31 * h + array[i];
            }
            this.hash = h;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof IdentityKey other && hash == other.hash
                    && java.util.Arrays.equals(array, from, to, other.array, other.from, other.to);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
