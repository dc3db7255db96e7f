package dev.ledgersim.msp;

import dev.ledgersim.msp.internal.Ecdsa;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

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
        byte[] key = macKey(keyPair.getPublic());
        return message -> mac(key, message);
    }

    @Override
    public Verifier verifier(PublicKey publicKey) {
        byte[] key = macKey(publicKey);
        return (message, signature) -> signature != null && MessageDigest.isEqual(mac(key, message), signature);
    }

    private static byte[] macKey(PublicKey publicKey) {
        byte[] encoded = publicKey.getEncoded();
        byte[] input = new byte[LABEL.length + encoded.length];
        System.arraycopy(LABEL, 0, input, 0, LABEL.length);
        System.arraycopy(encoded, 0, input, LABEL.length, encoded.length);
        return Ecdsa.sha256(input);
    }

    private static byte[] mac(byte[] key, byte[] message) {
        Mac hmac = HMAC.get();
        try {
            hmac.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (java.security.InvalidKeyException e) {
            throw new IllegalStateException("HMAC key rejected", e);
        }
        return hmac.doFinal(message);
    }

    /** The JDK's HMAC-SHA256 (SHA instructions where present), one instance per thread. */
    private static final ThreadLocal<Mac> HMAC = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no HmacSHA256", e);
        }
    });

    @Override
    public String toString() {
        return name();
    }
}
