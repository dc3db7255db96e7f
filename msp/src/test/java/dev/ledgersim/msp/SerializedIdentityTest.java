package dev.ledgersim.msp;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SerializedIdentityTest {

    @Test
    void canonicalBytesAreFabricsProtobufEncoding() {
        SerializedIdentity id = new SerializedIdentity("Org1MSP", "abc".getBytes(US_ASCII));
        // field 1 (0x0a) len 7 "Org1MSP", field 2 (0x12) len 3 "abc"
        assertArrayEquals(HexFormat.of().parseHex("0a074f7267314d53501203616263"), id.toBytes());
        assertEquals(id, SerializedIdentity.fromBytes(id.toBytes()));
    }

    @Test
    void longPemUsesMultiByteLengthVarint() {
        byte[] pem = new byte[300];
        java.util.Arrays.fill(pem, (byte) 'A');
        byte[] bytes = new SerializedIdentity("O", pem).toBytes();
        assertEquals(0x12, bytes[3] & 0xFF);
        assertEquals(0xAC, bytes[4] & 0xFF); // 300 = 0b10_0101100 -> 0xAC 0x02
        assertEquals(0x02, bytes[5] & 0xFF);
        assertArrayEquals(pem, SerializedIdentity.fromBytes(bytes).pem());
    }

    @Test
    void enrolledIdentitySerializesItsPemCertificate() {
        CertificateAuthority ca = CertificateAuthority.create(CaConfig.defaults("Org1MSP"),
                DeterministicRandom.fromSeed(3, "ser"), Crypto.ecdsa());
        Identity alice = ca.enroll("alice", Role.CLIENT);
        SerializedIdentity s = SerializedIdentity.fromBytes(alice.serialize());
        assertEquals("Org1MSP", s.mspId());
        assertTrue(new String(s.pem(), US_ASCII).startsWith("-----BEGIN CERTIFICATE-----\n"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''                 | serialized identity is empty",
        "0a                 | truncated varint",
        "0a05414243         | claims 5 bytes but only 3 remain",
        "0a03414243         | has no certificate",
        "1203414243         | has no MSP id",
        "0a0141120141180a   | unexpected field 3",
        "0801               | wire type 0, expected 2",
    })
    void malformedBytesAreRefusedClearly(String hex, String expected) {
        MspException e = assertThrows(MspException.class, () -> SerializedIdentity.fromBytes(HexFormat.of().parseHex(hex)));
        assertEquals(MspException.Reason.MALFORMED, e.reason());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
