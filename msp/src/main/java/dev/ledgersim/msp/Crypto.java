package dev.ledgersim.msp;

import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;

/**
 * How transaction signatures are made and checked throughout a network.
 *
 * <p>Two modes, both deterministic given the network seed:
 * <ul>
 *   <li>{@link #ecdsa()} (the default): ECDSA on P-256 over SHA-256, RFC 6979 deterministic nonces,
 *       low-S normalised DER signatures, and verification that rejects high-S signatures, as Fabric's
 *       BCCSP does. This is what a Fabric network really pays for. The arithmetic is BouncyCastle's, with
 *       precomputed multiples of the generator and of busy public keys, so that neither signing nor
 *       verifying doubles points: the signatures are the bytes BouncyCastle's own signer makes and the
 *       same signatures are accepted. Signing takes two fifths of the time and verifying two thirds,
 *       in variable time: fine for keys that a simulation derives from its seed, not for guarding
 *       secrets from an observer of timing.</li>
 *   <li>{@link #simulated()}: a clearly fake scheme for protocol-only experiments. A "signature" is a
 *       fast keyed 256-bit hash (not a cryptographic one) keyed by a digest of the signer's public key, so
 *       anyone holding the public key can forge one. It keeps the protocol's shape (every signature is
 *       still made and checked over every byte, a wrong signer or a changed message still fails) at well
 *       under a hundredth of the cost: it reads messages several times faster than SHA-256 does.</li>
 * </ul>
 *
 * <p>Either can {@linkplain #withSharedVerification() share verifications}: Fabric's peers and orderers
 * each check the same signatures (a transaction on a two-organisation AND policy with two committing
 * peers asks for 9 verifications of only 4 distinct triples); verification being a pure function, a
 * simulation may check each distinct triple once for the whole network with unchanged results. The
 * default is every node verifying for itself, as Fabric's nodes do; {@link #name()} says which is on.
 *
 * <p>Certificates are always real X.509 certificates signed with ECDSA, whatever the mode: key pairs
 * are P-256 in both modes. Implementations are thread-safe.
 */
public sealed interface Crypto permits EcdsaCrypto, SimulatedCrypto, SharedVerificationCrypto {

    /** Real ECDSA P-256 / SHA-256 signatures with Fabric's low-S rule. */
    static Crypto ecdsa() {
        return EcdsaCrypto.INSTANCE;
    }

    /** Cheap keyed hashes standing in for signatures; for protocol-only experiments. */
    static Crypto simulated() {
        return SimulatedCrypto.INSTANCE;
    }

    /**
     * A short name for reports: {@code ecdsa-p256} or {@code simulated}, with
     * {@code +shared-verification} when verifications are shared.
     */
    String name();

    /**
     * This scheme with verifications shared by everyone using the returned instance (give it to one
     * network): the outcome of checking a (public key, message, signature) triple is remembered, valid or
     * not, and reused when another node checks the same triple. Signatures, blocks and validation codes
     * are unchanged; only the CPU spent on repeated checks is saved. Remembers the most recent 65,536
     * triples, enough for the transactions in flight.
     */
    default Crypto withSharedVerification() {
        return new SharedVerificationCrypto(this);
    }

    /** Whether verifications are shared ({@link #withSharedVerification()}). */
    default boolean sharesVerification() {
        return false;
    }

    /**
     * How many verifications were asked of this instance and how many it performed, when it shares them;
     * zero for both otherwise (nothing is counted on the per-node path).
     */
    default VerificationCount verificationCount() {
        return new VerificationCount(0, 0);
    }

    /**
     * Verifications asked for and performed by a {@linkplain #withSharedVerification() sharing} scheme.
     *
     * @param requested checks asked for by every node together
     * @param performed checks actually computed (distinct triples, unless one was forgotten)
     */
    record VerificationCount(long requested, long performed) {
    }

    /** A fresh P-256 key pair drawn from {@code random} (a seeded {@link DeterministicRandom} in simulations). */
    KeyPair generateKeyPair(SecureRandom random);

    /** A signer for messages on behalf of the holder of {@code keyPair}. */
    Signer signer(KeyPair keyPair);

    /**
     * A verifier for signatures of the holder of {@code publicKey}. Decoding the key is done once here;
     * keep the verifier for as long as the identity is in use.
     */
    Verifier verifier(PublicKey publicKey);

    /** Signs messages with one private key. Thread-safe. */
    interface Signer {
        /** The signature over {@code message} (the message is hashed with SHA-256 first). */
        byte[] sign(byte[] message);
    }

    /** Checks signatures of one public key. Thread-safe. */
    interface Verifier {
        /** Whether {@code signature} is a valid, well-formed signature over {@code message}. */
        boolean verify(byte[] message, byte[] signature);

        /**
         * Whether {@code signature} is a valid signature over the {@code length} bytes of {@code message}
         * from {@code offset}: a message that lies inside a larger buffer (an envelope's payload) is checked
         * where it is. This default copies the range; the schemes here read it in place.
         *
         * @throws IndexOutOfBoundsException if the range is not inside {@code message}
         */
        default boolean verify(byte[] message, int offset, int length, byte[] signature) {
            java.util.Objects.checkFromIndexSize(offset, length, message.length);
            return verify(offset == 0 && length == message.length ? message
                    : java.util.Arrays.copyOfRange(message, offset, offset + length), signature);
        }

        /**
         * Whether {@code signature} is a valid signature over a message in two parts: the {@code length}
         * bytes of {@code message} from {@code offset}, followed by the {@code suffixLength} bytes of
         * {@code suffix} from {@code suffixOffset} (an endorsement signs the response payload followed by
         * the endorser's identity). The same answer as for the two parts copied into one array; this
         * default makes that copy, the schemes here read the parts where they are.
         *
         * @throws IndexOutOfBoundsException if a range is not inside its array
         */
        default boolean verify(byte[] message, int offset, int length, byte[] suffix, int suffixOffset, int suffixLength,
                               byte[] signature) {
            java.util.Objects.checkFromIndexSize(offset, length, message.length);
            java.util.Objects.checkFromIndexSize(suffixOffset, suffixLength, suffix.length);
            byte[] joined = new byte[length + suffixLength];
            System.arraycopy(message, offset, joined, 0, length);
            System.arraycopy(suffix, suffixOffset, joined, length, suffixLength);
            return verify(joined, signature);
        }
    }
}
