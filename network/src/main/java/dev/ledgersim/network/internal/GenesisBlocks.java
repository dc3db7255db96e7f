package dev.ledgersim.network.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ledgersim.endorsement.ChannelPolicies;
import dev.ledgersim.ledger.codec.Hashes;
import dev.ledgersim.ledger.codec.ProtoCodec;
import dev.ledgersim.ledger.protocol.BlockHeader;
import dev.ledgersim.ledger.protocol.Bytes;
import dev.ledgersim.ledger.protocol.ChannelHeader;
import dev.ledgersim.ledger.protocol.Envelope;
import dev.ledgersim.ledger.protocol.Header;
import dev.ledgersim.ledger.protocol.HeaderType;
import dev.ledgersim.ledger.protocol.Payload;
import dev.ledgersim.ledger.protocol.ProtocolBlock;
import dev.ledgersim.ledger.protocol.SignatureHeader;
import dev.ledgersim.ledger.protocol.Timestamp;
import dev.ledgersim.msp.Identity;
import dev.ledgersim.msp.MspConfig;
import dev.ledgersim.msp.internal.Certificates;
import dev.ledgersim.orderer.BatchConfig;
import dev.ledgersim.orderer.Consenter;
import java.io.IOException;
import java.security.cert.CRLException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Builds a channel's genesis block: one CONFIG transaction whose data is the channel configuration —
 * member organisations with their MSP roots, intermediates and CRLs, their policies, block cutting and
 * the Raft consenters — as canonical JSON, signed by an orderer organisation admin. Deterministic: the
 * nonce comes from the seeded source and the timestamp from the simulated clock.
 */
public final class GenesisBlocks {

    private static final ObjectMapper JSON = new ObjectMapper();

    private GenesisBlocks() {
    }

    /** The genesis block of {@code channelId}. */
    public static ProtocolBlock create(String channelId, Map<String, MspConfig> orgMsps, ChannelPolicies policies,
                                       BatchConfig batch, List<Consenter> consenters, Identity signer, Bytes nonce,
                                       Instant time) {
        ObjectNode root = JSON.createObjectNode();
        root.put("channel", channelId);
        ObjectNode orgs = root.putObject("organizations");
        orgMsps.forEach((msp, config) -> {
            ObjectNode org = orgs.putObject(msp);
            ArrayNode roots = org.putArray("rootCertificates");
            config.rootCertificates().forEach(c -> roots.add(pem(c)));
            ArrayNode intermediates = org.putArray("intermediateCertificates");
            config.intermediateCertificates().forEach(c -> intermediates.add(pem(c)));
            ArrayNode crls = org.putArray("crls");
            config.crls().forEach(c -> crls.add(crl(c)));
            ObjectNode orgPolicies = org.putObject("policies");
            if (policies.orgPolicies().containsKey(msp)) {
                policies.orgPolicies().get(msp).forEach((name, policy) -> orgPolicies.put(name, policy.toString()));
            }
        });
        ObjectNode app = root.putObject("applicationPolicies");
        app.put("Readers", "ANY Readers");
        app.put("Writers", "ANY Writers");
        app.put("Admins", "MAJORITY Admins");
        app.put("Endorsement", "MAJORITY Endorsement");
        app.put("LifecycleEndorsement", "MAJORITY Endorsement");
        ObjectNode batchNode = root.putObject("batch");
        batchNode.put("maxMessageCount", batch.maxMessageCount());
        batchNode.put("absoluteMaxBytes", batch.absoluteMaxBytes());
        batchNode.put("preferredMaxBytes", batch.preferredMaxBytes());
        batchNode.put("batchTimeout", batch.batchTimeout().toString());
        ArrayNode cons = root.putArray("consenters");
        consenters.forEach(c -> cons.addObject().put("id", c.raftId()).put("name", c.name()));
        byte[] config;
        try {
            config = JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode the configuration of channel " + channelId, e);
        }
        Bytes creator = Bytes.wrap(signer.serialize());
        ChannelHeader chdr = new ChannelHeader(HeaderType.CONFIG.number(), 0, Timestamp.of(time), channelId,
                Hashes.txId(nonce, creator), 0, null);
        Bytes payload = ProtoCodec.encode(new Payload(new Header(chdr, new SignatureHeader(creator, nonce)), Bytes.wrap(config)));
        Bytes envelope = ProtoCodec.encode(new Envelope(payload, Bytes.wrap(signer.sign(payload.unsafeArray()))));
        List<Bytes> data = List.of(envelope);
        return new ProtocolBlock(new BlockHeader(0, Bytes.EMPTY, Hashes.blockDataHash(data)), data,
                List.of(Bytes.EMPTY, Bytes.EMPTY, Bytes.EMPTY, Bytes.EMPTY, Bytes.EMPTY));
    }

    private static String pem(X509Certificate certificate) {
        return new String(Certificates.toPem(certificate), java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static String crl(X509CRL crl) {
        try {
            return Base64.getEncoder().encodeToString(crl.getEncoded());
        } catch (CRLException e) {
            throw new IllegalStateException("cannot encode a CRL of " + crl.getIssuerX500Principal(), e);
        }
    }
}
