package dev.ledgersim.endorsement;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ledgersim.msp.policy.Policy;
import dev.ledgersim.msp.policy.SignaturePolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The parameters of a chaincode definition that organisations approve and the channel commits: name,
 * version, sequence, endorsement policy (or none: the channel's MAJORITY Endorsement) and collections.
 * Encoded as canonical JSON (fixed key order, no whitespace), so two organisations approving the same
 * parameters produce the same bytes and the same hash.
 *
 * @param name chaincode name
 * @param version version label
 * @param sequence definition sequence (1, 2, ...)
 * @param endorsementPolicy the explicit policy, or {@code null} for the channel default
 * @param collections the private data collections, sorted by name
 */
public record ChaincodeParameters(String name, String version, long sequence, SignaturePolicy endorsementPolicy,
                                  List<CollectionConfig> collections) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Validates and copies. */
    public ChaincodeParameters {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        collections = List.copyOf(collections);
    }

    /** The explicit endorsement policy, if any. */
    public Optional<SignaturePolicy> explicitEndorsementPolicy() {
        return Optional.ofNullable(endorsementPolicy);
    }

    /** The collection named {@code collection}, if defined. */
    public Optional<CollectionConfig> collection(String collection) {
        return collections.stream().filter(c -> c.name().equals(collection)).findFirst();
    }

    /** The canonical JSON bytes. */
    public byte[] toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("name", name);
        root.put("version", version);
        root.put("sequence", sequence);
        root.put("endorsementPolicy", endorsementPolicy == null ? "" : endorsementPolicy.toString());
        ArrayNode colls = root.putArray("collections");
        for (CollectionConfig c : collections) {
            ObjectNode n = colls.addObject();
            n.put("name", c.name());
            n.put("memberOrgsPolicy", c.memberOrgsPolicy().toString());
            n.put("requiredPeerCount", c.requiredPeerCount());
            n.put("maxPeerCount", c.maxPeerCount());
            n.put("blockToLive", c.blockToLive());
            n.put("memberOnlyRead", c.memberOnlyRead());
            n.put("memberOnlyWrite", c.memberOnlyWrite());
            n.put("endorsementPolicy", c.endorsementPolicy().map(Object::toString).orElse(""));
        }
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode the parameters of chaincode " + name, e);
        }
    }

    /**
     * Reads canonical JSON back.
     *
     * @throws IllegalArgumentException naming what is missing or malformed
     */
    public static ChaincodeParameters fromJson(byte[] json) {
        try {
            JsonNode root = JSON.readTree(json);
            if (root == null || !root.isObject()) {
                throw new IllegalArgumentException("chaincode parameters must be a JSON object: "
                        + new String(json, StandardCharsets.UTF_8));
            }
            List<CollectionConfig> collections = new ArrayList<>();
            for (JsonNode c : required(root, "collections")) {
                CollectionConfig.Builder b = CollectionConfig.builder(required(c, "name").asText())
                        .memberOrgsPolicy(required(c, "memberOrgsPolicy").asText())
                        .requiredPeerCount(required(c, "requiredPeerCount").asInt())
                        .maxPeerCount(required(c, "maxPeerCount").asInt())
                        .blockToLive(required(c, "blockToLive").asLong())
                        .memberOnlyRead(required(c, "memberOnlyRead").asBoolean())
                        .memberOnlyWrite(required(c, "memberOnlyWrite").asBoolean());
                String ep = required(c, "endorsementPolicy").asText();
                if (!ep.isEmpty()) {
                    b.endorsementPolicy(ep);
                }
                collections.add(b.build());
            }
            String ep = required(root, "endorsementPolicy").asText();
            return new ChaincodeParameters(required(root, "name").asText(), required(root, "version").asText(),
                    required(root, "sequence").asLong(), ep.isEmpty() ? null : Policy.parse(ep), collections);
        } catch (IOException e) {
            throw new IllegalArgumentException("chaincode parameters are not JSON: " + e.getMessage(), e);
        }
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null) {
            throw new IllegalArgumentException("chaincode parameters lack field '" + field + "'");
        }
        return value;
    }
}
