package dev.ledgersim.orderer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledgersim.ledger.codec.ProtoCodec;
import dev.ledgersim.ledger.protocol.Bytes;
import dev.ledgersim.ledger.protocol.ChannelHeader;
import dev.ledgersim.ledger.protocol.Envelope;
import dev.ledgersim.ledger.protocol.HeaderType;
import dev.ledgersim.ledger.protocol.Timestamp;
import dev.ledgersim.ledger.storage.KvStoreFactory;
import dev.ledgersim.msp.CertificateAuthority;
import dev.ledgersim.msp.Identity;
import dev.ledgersim.msp.MspManager;
import dev.ledgersim.msp.Role;
import dev.ledgersim.msp.policy.ImplicitMetaPolicy;
import dev.ledgersim.msp.policy.Policy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The broadcast checks of FABRIC.md §7.2 with the status Fabric's {@code ClassifyError} gives each
 * refusal, on a single-node ordering service (the checks are the same on every node).
 */
class BroadcastChecksTest {

    private static final String CH = "mychannel";
    private static final long ABSOLUTE_MAX = 64 * 1024;

    private final Fixtures f = Fixtures.get();
    private OrdererCluster cluster;
    private ChannelOrderer orderer;

    @BeforeEach
    void start() {
        cluster = new OrdererCluster(KvStoreFactory.inMemory(), 1,
                c -> c.withBatch(new BatchConfig(10, ABSOLUTE_MAX, ABSOLUTE_MAX / 2, Duration.ofSeconds(2))));
        cluster.electLeader();
        orderer = cluster.orderer(cluster.names.get(0));
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private BroadcastResponse broadcast(Envelope envelope) {
        return broadcast(envelope, cluster.now);
    }

    private BroadcastResponse broadcast(Envelope envelope, Instant now) {
        Effects fx = orderer.broadcast(envelope, now);
        cluster.handle(cluster.names.get(0), fx);
        return fx.broadcastResponse().orElseThrow();
    }

    private static void assertRefused(BroadcastResponse.Status status, String infoStart, BroadcastResponse r) {
        assertEquals(status, r.status(), r.toString());
        assertTrue(r.info().startsWith(infoStart), "info '" + r.info() + "' should start with '" + infoStart + "'");
    }

    @Test
    void aValidEnvelopeIsAccepted() {
        assertEquals(BroadcastResponse.success(), broadcast(f.tx(CH, "ok")));
        assertEquals(1, orderer.pendingEnvelopeCount());
    }

    @Test
    void anEmptyPayloadIsABadRequest() {
        assertRefused(BroadcastResponse.Status.BAD_REQUEST, "Message was empty",
                broadcast(new Envelope(Bytes.EMPTY, Bytes.utf8("sig"))));
    }

    @Test
    void anOversizedEnvelopeIsRefusedWithFabricsMessage() {
        Envelope big = f.tx(CH, client(), "x".repeat((int) ABSOLUTE_MAX));
        long size = big.payload().size() + big.signature().size();

        BroadcastResponse r = broadcast(big);

        assertEquals(new BroadcastResponse(BroadcastResponse.Status.BAD_REQUEST, "message payload is " + size
                + " bytes and exceeds maximum allowed " + ABSOLUTE_MAX + " bytes"), r);
        assertEquals(0, orderer.pendingEnvelopeCount());
    }

    private Identity client() {
        return f.client1;
    }

    @Test
    void aMalformedPayloadIsABadRequest() {
        assertRefused(BroadcastResponse.Status.BAD_REQUEST, "bad header: ",
                broadcast(new Envelope(Bytes.utf8("not a protobuf payload"), Bytes.utf8("sig"))));
    }

    @Test
    void anotherChannelIsNotFound() {
        assertRefused(BroadcastResponse.Status.NOT_FOUND, "channel 'otherchannel' does not exist",
                broadcast(f.tx("otherchannel", "elsewhere")));
    }

    @Test
    void aConfigUpdateIsABadRequest() {
        Envelope update = Fixtures.signed(new ChannelHeader(HeaderType.CONFIG_UPDATE.number(), 0,
                Timestamp.of(Fixtures.NOW), CH, "", 0, null), f.admin1, Bytes.utf8("update"));
        assertRefused(BroadcastResponse.Status.BAD_REQUEST, "CONFIG_UPDATE messages are not supported", broadcast(update));
    }

    @Test
    void aTamperedSignatureIsForbidden() {
        Envelope good = f.tx(CH, "tamper");
        byte[] sig = good.signature().toByteArray();
        sig[sig.length - 1] ^= 0x01;

        assertRefused(BroadcastResponse.Status.FORBIDDEN, "permission denied: the envelope signature does not verify",
                broadcast(new Envelope(good.payload(), Bytes.wrap(sig))));
    }

    @Test
    void aTamperedPayloadIsForbidden() {
        Envelope good = f.tx(CH, "tamper-payload");
        Envelope other = f.tx(CH, "tamper-other");
        assertRefused(BroadcastResponse.Status.FORBIDDEN, "permission denied",
                broadcast(new Envelope(other.payload(), good.signature())));
    }

    @Test
    void aCreatorOfAnUnknownMspIsForbidden() {
        CertificateAuthority stranger = Fixtures.ca("Org9MSP");
        Envelope env = f.tx(CH, stranger.enroll("eve", Role.CLIENT), "unknown");

        BroadcastResponse r = broadcast(env);

        assertRefused(BroadcastResponse.Status.FORBIDDEN, "permission denied: the creator cannot be deserialized", r);
        assertTrue(r.info().contains("unknown MSP 'Org9MSP'"), r.info());
    }

    @Test
    void aRevokedCreatorIsForbidden() {
        CertificateAuthority org3 = Fixtures.ca("Org3MSP");
        Identity mallory = org3.enroll("mallory", Role.CLIENT);
        Policy writers = new ImplicitMetaPolicy.Spec(ImplicitMetaPolicy.Rule.ANY, "Writers").bind(Map.of(
                "Org1MSP", Policy.parse("OR('Org1MSP.member')"), "Org3MSP", Policy.parse("OR('Org3MSP.member')")));
        orderer.updateMembership(new MspManager(List.of(f.ordererCa.msp(), f.org1Ca.msp(), org3.msp())), writers);
        assertEquals(BroadcastResponse.success(), broadcast(f.tx(CH, mallory, "before")));

        org3.revoke(mallory, Fixtures.NOW);
        orderer.updateMembership(new MspManager(List.of(f.ordererCa.msp(), f.org1Ca.msp(), org3.msp())), writers);
        BroadcastResponse r = broadcast(f.tx(CH, mallory, "after"));

        assertRefused(BroadcastResponse.Status.FORBIDDEN, "permission denied: the creator is not a valid identity", r);
        assertTrue(r.info().contains("revoked"), r.info());
    }

    @Test
    void anExpiredCreatorIsABadRequest() {
        Instant later = f.client1.expiresAt().plusSeconds(1);

        BroadcastResponse r = broadcast(f.tx(CH, "expired"), later);

        assertRefused(BroadcastResponse.Status.BAD_REQUEST, "broadcast client identity expired", r);
        assertEquals(BroadcastResponse.success(), broadcast(f.tx(CH, "in-time"), f.client1.expiresAt()),
                "valid up to and including NotAfter");
    }

    @Test
    void aCreatorOutsideTheWritersPolicyIsForbidden() {
        orderer.updateMembership(f.msps, Policy.parse("OR('Org1MSP.member')"));

        BroadcastResponse r = broadcast(f.tx(CH, f.client2, "org2"));

        assertRefused(BroadcastResponse.Status.FORBIDDEN, "permission denied: the creator client2@Org2MSP", r);
        assertTrue(r.info().contains("Writers policy"), r.info());
        assertEquals(BroadcastResponse.success(), broadcast(f.tx(CH, f.client1, "org1")));
    }

    @Test
    void theNodeRoutesByChannelAndRefusesUnreadableEnvelopes() {
        OrdererNode node = cluster.live.get(cluster.names.get(0));

        assertRefused(BroadcastResponse.Status.BAD_REQUEST, "Message was empty",
                node.broadcast(new Envelope(Bytes.EMPTY, Bytes.EMPTY), cluster.now).broadcastResponse().orElseThrow());
        assertRefused(BroadcastResponse.Status.BAD_REQUEST, "bad header",
                node.broadcast(new Envelope(Bytes.utf8("junk"), Bytes.EMPTY), cluster.now).broadcastResponse().orElseThrow());
        assertRefused(BroadcastResponse.Status.NOT_FOUND, "channel 'nochannel' does not exist",
                node.broadcast(f.tx("nochannel", "n"), cluster.now).broadcastResponse().orElseThrow());
        assertEquals(BroadcastResponse.success(),
                node.broadcast(f.tx(CH, "routed"), cluster.now).broadcastResponse().orElseThrow());
    }

    @Test
    void checksComeInFabricsOrder() {
        // oversized AND from an unknown MSP AND for another channel: the size rule fires first
        CertificateAuthority stranger = Fixtures.ca("Org8MSP");
        Envelope all = f.tx("otherchannel", stranger.enroll("zed", Role.CLIENT), "y".repeat((int) ABSOLUTE_MAX));
        assertRefused(BroadcastResponse.Status.BAD_REQUEST, "message payload is", broadcast(all));
        // expired AND outside the Writers policy: expiry (400) comes before the SigFilter (403)
        orderer.updateMembership(f.msps, Policy.parse("OR('Org1MSP.member')"));
        assertRefused(BroadcastResponse.Status.BAD_REQUEST, "broadcast client identity expired",
                broadcast(f.tx(CH, f.client2, "late"), f.client2.expiresAt().plusSeconds(60)));
        assertEquals(ProtoCodec.encode(f.tx(CH, "same")), ProtoCodec.encode(f.tx(CH, "same")), "fixtures are deterministic");
    }
}
