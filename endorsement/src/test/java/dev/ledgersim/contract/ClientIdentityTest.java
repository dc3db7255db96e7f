package dev.ledgersim.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledgersim.msp.CaConfig;
import dev.ledgersim.msp.CertificateAuthority;
import dev.ledgersim.msp.Crypto;
import dev.ledgersim.msp.DeterministicRandom;
import dev.ledgersim.msp.Identity;
import dev.ledgersim.msp.Role;
import dev.ledgersim.msp.SerializedIdentity;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A contract reads its caller from the creator bytes exactly as the MSP sees the enrolled identity. */
class ClientIdentityTest {

    private static Identity drBob;
    private static Identity alice;

    @BeforeAll
    static void enroll() {
        CertificateAuthority ca = CertificateAuthority.create(
                CaConfig.defaults("Org1MSP"), DeterministicRandom.fromSeed(1, "ca"), Crypto.ecdsa());
        drBob = ca.enroll("drbob", Role.CLIENT, Map.of("role", "doctor"));
        alice = ca.enroll("alice", Role.CLIENT);
    }

    @Test
    void readsMspIdIdCertificateAndAttributesOfAnEnrolledIdentity() {
        ClientIdentity caller = new ClientIdentity(new FakeStub(drBob.serialize()));

        assertEquals("Org1MSP", caller.getMSPID());
        assertEquals(drBob.id(), caller.getId(), "same id string as the MSP's Identity.id()");
        assertTrue(caller.getId().startsWith("x509::CN=drbob"), caller.getId());
        assertEquals(drBob.certificate(), caller.getX509Certificate());
        assertEquals("doctor", caller.getAttributeValue("role"));
        assertEquals("drbob", caller.getAttributeValue("hf.EnrollmentID"));
    }

    @Test
    void absentAttributeIsNullAndAssertionsNeedPresenceAndExactValue() {
        ClientIdentity doctor = new ClientIdentity(new FakeStub(drBob.serialize()));
        ClientIdentity plain = new ClientIdentity(new FakeStub(alice.serialize()));

        assertTrue(doctor.assertAttributeValue("role", "doctor"));
        assertFalse(doctor.assertAttributeValue("role", "Doctor"));
        assertFalse(doctor.assertAttributeValue("role", "nurse"));
        assertNull(plain.getAttributeValue("role"));
        assertFalse(plain.assertAttributeValue("role", "doctor"));
    }

    @Test
    void contextBuildsTheIdentityLazilyAndOnce() {
        FakeStub stub = new FakeStub(drBob.serialize());
        Context ctx = new Context(stub);

        assertSame(stub, ctx.getStub());
        ClientIdentity first = ctx.getClientIdentity();
        assertSame(first, ctx.getClientIdentity());
        assertEquals(drBob.id(), first.getId());
    }

    @Test
    void aContextOverABrokenCreatorFailsOnlyWhenTheIdentityIsAskedFor() {
        Context ctx = new Context(new FakeStub("garbage".getBytes(StandardCharsets.UTF_8)));

        ChaincodeException e = assertThrows(ChaincodeException.class, ctx::getClientIdentity);
        assertTrue(e.getMessage().startsWith("cannot read the client identity"), e.getMessage());
    }

    @Test
    void malformedCreatorBytesAreAClearChaincodeException() {
        ChaincodeException none = assertThrows(ChaincodeException.class, () -> new ClientIdentity(new FakeStub(null)));
        assertEquals("cannot read the client identity: the transaction has no creator", none.getMessage());

        byte[] notPem = new SerializedIdentity("Org1MSP", "not a certificate".getBytes(StandardCharsets.US_ASCII)).toBytes();
        ChaincodeException badPem = assertThrows(ChaincodeException.class, () -> new ClientIdentity(new FakeStub(notPem)));
        assertTrue(badPem.getMessage().contains("Org1MSP") && badPem.getMessage().contains("no PEM block"),
                badPem.getMessage());

        byte[] truncated = java.util.Arrays.copyOf(drBob.serialize(), 20);
        ChaincodeException cut = assertThrows(ChaincodeException.class, () -> new ClientIdentity(new FakeStub(truncated)));
        assertTrue(cut.getMessage().contains("malformed serialized identity"), cut.getMessage());
    }
}
