package dev.ledgersim.msp;

import dev.ledgersim.msp.internal.Ecdsa;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;

/**
 * Simulated signatures: HMAC-SHA256 keyed by SHA-256 of a label and the signer's encoded public key.
 * Not secure (the key is public); see {@link Crypto#simulated()}.
 */
final class SimulatedCrypto implements Crypto {

    static final SimulatedCrypto INSTANCE = new SimulatedCrypto();

    private static final byte[] LABEL = "ledgersim simulated signature v1".getBytes(StandardCharsets.US_ASCII);

    private SimulatedCrypto() {
    }

    @Override
    public String name() {
        return "simulated-hmac";
    }

    @Override
    public KeyPair generateKeyPair(SecureRandom random) {
        return Ecdsa.generateKeyPair(random);
    }

    @Override
    public Signer signer(KeyPair keyPair) {
        KeyedHmac hmac = new KeyedHmac(macKey(keyPair.getPublic()));
        return hmac::mac;
    }

    @Override
    public Verifier verifier(PublicKey publicKey) {
        KeyedHmac hmac = new KeyedHmac(macKey(publicKey));
        return new Verifier() {
            @Override
            public boolean verify(byte[] message, byte[] signature) {
                return verify(message, 0, message.length, signature);
            }

            @Override
            public boolean verify(byte[] message, int offset, int length, byte[] signature) {
                java.util.Objects.checkFromIndexSize(offset, length, message.length);
                return signature != null && MessageDigest.isEqual(hmac.mac(message, offset, length), signature);
            }
        };
    }

    private static byte[] macKey(PublicKey publicKey) {
        byte[] encoded = publicKey.getEncoded();
        byte[] input = new byte[LABEL.length + encoded.length];
        System.arraycopy(LABEL, 0, input, 0, LABEL.length);
        System.arraycopy(encoded, 0, input, LABEL.length, encoded.length);
        return Ecdsa.sha256(input);
    }

    /**
     * HMAC-SHA256 (RFC 2104) under one key, with the key's inner and outer pads absorbed once: each MAC
     * clones the two primed digests instead of setting up a {@code javax.crypto.Mac} with the key again
     * (same output, about a third of the work for a short message). Thread-safe: the primed digests are
     * only ever cloned.
     */
    static final class KeyedHmac {
        private static final int BLOCK = 64;
        private final MessageDigest inner;
        private final MessageDigest outer;

        KeyedHmac(byte[] key) {
            if (key.length > BLOCK) {
                throw new IllegalArgumentException("HMAC key longer than a block: " + key.length + " bytes");
            }
            byte[] ipad = new byte[BLOCK];
            byte[] opad = new byte[BLOCK];
            for (int i = 0; i < BLOCK; i++) {
                byte k = i < key.length ? key[i] : 0;
                ipad[i] = (byte) (k ^ 0x36);
                opad[i] = (byte) (k ^ 0x5c);
            }
            inner = sha256();
            inner.update(ipad);
            outer = sha256();
            outer.update(opad);
        }

        byte[] mac(byte[] message) {
            return mac(message, 0, message.length);
        }

        byte[] mac(byte[] message, int offset, int length) {
            MessageDigest in = copy(inner);
            in.update(message, offset, length);
            MessageDigest out = copy(outer);
            out.update(in.digest());
            return out.digest();
        }

        private static MessageDigest copy(MessageDigest primed) {
            try {
                return (MessageDigest) primed.clone();
            } catch (CloneNotSupportedException e) {
                throw new IllegalStateException("the JDK's SHA-256 cannot be cloned", e);
            }
        }

        private static MessageDigest sha256() {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException("the JDK has no SHA-256", e);
            }
        }
    }

    @Override
    public String toString() {
        return name();
    }
}
