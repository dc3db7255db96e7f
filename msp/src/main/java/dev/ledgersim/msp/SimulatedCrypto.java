package dev.ledgersim.msp;

import dev.ledgersim.msp.internal.Ecdsa;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;

/**
 * Simulated signatures: a {@link KeyedHash} of the message under SHA-256 of a label and the signer's
 * encoded public key. Not secure (the key is public); see {@link Crypto#simulated()}.
 */
final class SimulatedCrypto implements Crypto {

    static final SimulatedCrypto INSTANCE = new SimulatedCrypto();

    private static final byte[] LABEL = "ledgersim simulated signature v2".getBytes(StandardCharsets.US_ASCII);

    private SimulatedCrypto() {
    }

    @Override
    public String name() {
        return "simulated";
    }

    @Override
    public KeyPair generateKeyPair(SecureRandom random) {
        return Ecdsa.generateKeyPair(random);
    }

    @Override
    public Signer signer(KeyPair keyPair) {
        KeyedHash hash = new KeyedHash(hashKey(keyPair.getPublic()));
        return hash::hash;
    }

    @Override
    public Verifier verifier(PublicKey publicKey) {
        KeyedHash hash = new KeyedHash(hashKey(publicKey));
        return new Verifier() {
            @Override
            public boolean verify(byte[] message, byte[] signature) {
                return verify(message, 0, message.length, signature);
            }

            @Override
            public boolean verify(byte[] message, int offset, int length, byte[] signature) {
                java.util.Objects.checkFromIndexSize(offset, length, message.length);
                return signature != null && MessageDigest.isEqual(hash.hash(message, offset, length), signature);
            }

            @Override
            public boolean verify(byte[] message, int offset, int length, byte[] suffix, int suffixOffset, int suffixLength,
                                  byte[] signature) {
                return signature != null && MessageDigest.isEqual(
                        hash.hash(message, offset, length, suffix, suffixOffset, suffixLength), signature);
            }
        };
    }

    private static byte[] hashKey(PublicKey publicKey) {
        byte[] encoded = publicKey.getEncoded();
        byte[] input = new byte[LABEL.length + encoded.length];
        System.arraycopy(LABEL, 0, input, 0, LABEL.length);
        System.arraycopy(encoded, 0, input, LABEL.length, encoded.length);
        return Ecdsa.sha256(input);
    }

    @Override
    public String toString() {
        return name();
    }
}
