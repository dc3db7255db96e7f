package dev.ledgersim.contract;

import dev.ledgersim.msp.Role;
import dev.ledgersim.msp.policy.Policy;
import dev.ledgersim.msp.policy.PolicyParseException;
import dev.ledgersim.msp.policy.PolicyRule;
import dev.ledgersim.msp.policy.Principal;
import dev.ledgersim.msp.policy.SignaturePolicy;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * {@link StateBasedEndorsement} as a sorted map from MSP id to role, rendered as an {@code AND} of
 * {@link Principal}s. Roles other than member and peer (admin, client, orderer) are kept when read
 * from an existing policy, so that editing other organisations round-trips them unchanged.
 */
final class OrgSetEndorsement implements StateBasedEndorsement {

    private final SortedMap<String, Role> orgs = new TreeMap<>();

    private OrgSetEndorsement() {
    }

    static OrgSetEndorsement parse(byte[] ep) {
        OrgSetEndorsement endorsement = new OrgSetEndorsement();
        if (ep == null || ep.length == 0) {
            return endorsement;
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(ep)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("the endorsement policy bytes are not UTF-8 policy text", e);
        }
        SignaturePolicy policy;
        try {
            policy = Policy.parse(text);
        } catch (PolicyParseException e) {
            throw new IllegalArgumentException("the endorsement policy '" + text + "' does not parse: " + e.getMessage(), e);
        }
        PolicyRule.NOutOf gate = policy.rule();
        if (gate.n() != gate.rules().size()) {
            throw new IllegalArgumentException("the endorsement policy " + policy
                    + " is not an AND of organizations: it requires " + gate.n() + " of " + gate.rules().size());
        }
        for (PolicyRule rule : gate.rules()) {
            if (!(rule instanceof PolicyRule.SignedBy signedBy)) {
                throw new IllegalArgumentException("the endorsement policy " + policy
                        + " is not an AND of organizations: it nests " + rule);
            }
            Principal principal = signedBy.principal();
            if (endorsement.orgs.containsKey(principal.mspId())) {
                throw new IllegalArgumentException("the endorsement policy " + policy
                        + " is not an AND of distinct organizations: " + principal.mspId() + " appears twice");
            }
            endorsement.orgs.put(principal.mspId(), principal.role());
        }
        return endorsement;
    }

    @Override
    public byte[] policy() {
        if (orgs.isEmpty()) {
            throw new IllegalStateException("a state-based endorsement policy needs at least one organization"
                    + " (add some with addOrgs, or set the key's validation parameter to null to drop its policy)");
        }
        List<PolicyRule> principals = new ArrayList<>(orgs.size());
        for (Map.Entry<String, Role> org : orgs.entrySet()) {
            principals.add(new PolicyRule.SignedBy(new Principal(org.getKey(), org.getValue())));
        }
        SignaturePolicy policy = new SignaturePolicy(new PolicyRule.NOutOf(principals.size(), principals));
        return policy.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void addOrgs(RoleType role, String... organizations) {
        Role mspRole = switch (role) {
            case RoleTypeMember -> Role.MEMBER;
            case RoleTypePeer -> Role.PEER;
        };
        List<Principal> checked = new ArrayList<>(organizations.length);
        for (String org : organizations) {
            checked.add(new Principal(org, mspRole));   // validates the MSP id before anything changes
        }
        for (Principal principal : checked) {
            orgs.put(principal.mspId(), principal.role());
        }
    }

    @Override
    public void delOrgs(String... organizations) {
        for (String org : organizations) {
            orgs.remove(org);
        }
    }

    @Override
    public List<String> listOrgs() {
        return List.copyOf(orgs.keySet());
    }

    @Override
    public String toString() {
        return "StateBasedEndorsement" + orgs;
    }
}
