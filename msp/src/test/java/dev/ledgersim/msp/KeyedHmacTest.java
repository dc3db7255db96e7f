package dev.ledgersim.msp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import java.util.SplittableRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The simulated signatures' HMAC with pre-absorbed pads is HMAC-SHA256 exactly. */
class KeyedHmacTest {

    @Test
    void rfc4231TestCase2() {
        // RFC 4231 §4.3: key "Jefe", data "what do ya want for nothing?".
        byte[] mac = new SimulatedCrypto.KeyedHmac("Jefe".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .mac("what do ya want for nothing?".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertArrayEquals(HexFormat.of().parseHex("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"), mac);
    }

    @Test
    void sameAsTheJdksMacForKeysAndMessagesOfEverySize() throws Exception {
        SplittableRandom random = new SplittableRandom(7);
        for (int keyLength : new int[] {1, 32, 63, 64}) {
            byte[] key = new byte[keyLength];
            random.nextBytes(key);
            SimulatedCrypto.KeyedHmac keyed = new SimulatedCrypto.KeyedHmac(key);
            Mac jdk = Mac.getInstance("HmacSHA256");
            jdk.init(new SecretKeySpec(key, "HmacSHA256"));
            for (int length : new int[] {0, 1, 55, 56, 64, 65, 1000, 4096}) {
                byte[] message = new byte[length];
                random.nextBytes(message);
                assertArrayEquals(jdk.doFinal(message), keyed.mac(message), "key " + keyLength + ", message " + length);
                assertArrayEquals(jdk.doFinal(message), keyed.mac(message), "the second MAC under the key is the same");
            }
        }
        assertThrows(IllegalArgumentException.class, () -> new SimulatedCrypto.KeyedHmac(new byte[65]));
    }
}
