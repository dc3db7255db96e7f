package dev.ledgersim.msp.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledgersim.msp.Role;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Fabric's {@code common/policies/implicitmeta.go} and {@code implicitmetaparser.go} (FABRIC.md §5.4). */
class ImplicitMetaPolicyTest {

    /** One {@code OR('OrgN.peer')} endorsement sub-policy per org. */
    private static Map<String, SignaturePolicy> peerPolicies(String... mspIds) {
        Map<String, SignaturePolicy> out = new LinkedHashMap<>();
        for (String mspId : mspIds) {
            out.put(mspId, Policy.parse("OR('" + mspId + ".peer')"));
        }
        return out;
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @CsvSource(delimiter = '|', textBlock = """
            ANY Readers          | ANY      | Readers
            ALL Writers          | ALL      | Writers
            MAJORITY Endorsement | MAJORITY | Endorsement
            MAJORITY a.b-c       | MAJORITY | a.b-c
            """)
    void parsesRuleAndSubPolicyName(String text, ImplicitMetaPolicy.Rule rule, String name) {
        ImplicitMetaPolicy.Spec spec = ImplicitMetaPolicy.parse(text);
        assertEquals(new ImplicitMetaPolicy.Spec(rule, name), spec);
        assertEquals(text, spec.toString());
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @CsvSource(delimiter = '|', textBlock = """
            ANY                     | expected two space separated tokens, but got 1
            ''                      | expected two space separated tokens, but got 1
            ANY  Readers            | expected two space separated tokens, but got 3
            ANY Readers Writers     | expected two space separated tokens, but got 3
            ' ANY Readers'          | expected two space separated tokens, but got 3
            any Readers             | unknown rule type 'any', expected ALL, ANY, or MAJORITY
            SOME Readers            | unknown rule type 'SOME', expected ALL, ANY, or MAJORITY
            'ANY '                  | empty sub-policy name
            """)
    void rejectsWithFabricsMessages(String text, String message) {
        PolicyParseException e = assertThrows(PolicyParseException.class, () -> ImplicitMetaPolicy.parse(text));
        assertEquals(message, e.problem());
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }

    @Test
    void nullIsRejected() {
        assertThrows(PolicyParseException.class, () -> ImplicitMetaPolicy.parse(null));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(textBlock = """
            ANY,      0, 1, 1, 1, 1, 1
            ALL,      0, 1, 2, 3, 4, 5
            MAJORITY, 0, 1, 2, 2, 3, 3
            """)
    void thresholds(ImplicitMetaPolicy.Rule rule, int t0, int t1, int t2, int t3, int t4, int t5) {
        assertEquals(List.of(t0, t1, t2, t3, t4, t5),
                List.of(rule.threshold(0), rule.threshold(1), rule.threshold(2), rule.threshold(3), rule.threshold(4),
                        rule.threshold(5)));
    }

    @ParameterizedTest(name = "[{index}] {0} over Org1..3 signed by [{1}] -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            ANY Endorsement      | org3.peer0                  | true
            ANY Endorsement      | client1 org2.client1        | false
            ANY Endorsement      | ''                          | false
            MAJORITY Endorsement | peer0 org2.peer0            | true
            MAJORITY Endorsement | peer0 peer1                 | false
            MAJORITY Endorsement | peer0 peer0 org2.client1    | false
            ALL Endorsement      | peer0 org2.peer0 org3.peer0 | true
            ALL Endorsement      | peer0 org2.peer0            | false
            """)
    void evaluatesEachOrgsSubPolicy(String text, String signers, boolean expected) {
        ImplicitMetaPolicy policy = ImplicitMetaPolicy.parse(text).bind(peerPolicies("Org1MSP", "Org2MSP", "Org3MSP"));
        assertEquals(expected, policy.isSatisfiedBy(Signers.list(signers)));
        PolicyEvaluation evaluation = policy.evaluate(Signers.list(signers));
        assertEquals(expected, evaluation.satisfied(), evaluation::explain);
        assertEquals(3, evaluation.subPolicies().size());
    }

    @Test
    void noSubPoliciesMeansThresholdZeroWhichAlwaysPasses() {
        for (ImplicitMetaPolicy.Rule rule : ImplicitMetaPolicy.Rule.values()) {
            ImplicitMetaPolicy policy = ImplicitMetaPolicy.of(rule, "Admins", Map.of());
            assertEquals(0, policy.threshold());
            assertTrue(policy.isSatisfiedBy(List.of()), rule.name());
            assertTrue(policy.evaluate(List.of()).satisfied(), rule.name());
        }
    }

    @Test
    void subPoliciesDoNotShareUsedSigners() {
        // The same single signer satisfies both sub-policies: no 'used' marks cross sub-policies.
        ImplicitMetaPolicy policy = ImplicitMetaPolicy.of(ImplicitMetaPolicy.Rule.ALL, "Readers",
                Map.of("a", Policy.parse("OR('Org1MSP.member')"), "b", Policy.parse("OR('Org1MSP.peer')")));
        PolicyEvaluation evaluation = policy.evaluate(Signers.list("peer0"));
        assertTrue(evaluation.satisfied());
        assertEquals(Optional.of(new Principal("Org1MSP", Role.MEMBER)), evaluation.principalOf(Signers.get("peer0")));
        assertEquals(Optional.of(new Principal("Org1MSP", Role.PEER)),
                evaluation.subPolicies().get("b").principalOf(Signers.get("peer0")));
    }

    @Test
    void failureTextIsFabricsPlusEachSubPolicysExplanation() {
        ImplicitMetaPolicy policy = ImplicitMetaPolicy.parse("MAJORITY Endorsement")
                .bind(peerPolicies("Org3MSP", "Org2MSP", "Org1MSP"));
        PolicyEvaluation evaluation = policy.evaluate(Signers.list("peer0 client1 peer0"));
        assertFalse(evaluation.satisfied());
        assertEquals("implicit policy evaluation failed - 1 sub-policies were satisfied, but this policy requires 2 of "
                + "the 'Endorsement' sub-policies to be satisfied", evaluation.reason());
        assertEquals("policy MAJORITY Endorsement is not satisfied: implicit policy evaluation failed - 1 sub-policies "
                        + "were satisfied, but this policy requires 2 of the 'Endorsement' sub-policies to be satisfied; "
                        + "sub-policy 'Org1MSP' [policy OR('Org1MSP.peer') is satisfied: 1 of 1 required sub-rules "
                        + "satisfied; matched: peer0@Org1MSP (peer) -> 'Org1MSP.peer']; "
                        + "sub-policy 'Org2MSP' [policy OR('Org2MSP.peer') is not satisfied: 0 of 1 required sub-rules "
                        + "satisfied; 'Org2MSP.peer' matched no unused signer; matched: none]; "
                        + "sub-policy 'Org3MSP' [policy OR('Org3MSP.peer') is not satisfied: 0 of 1 required sub-rules "
                        + "satisfied; 'Org3MSP.peer' matched no unused signer; matched: none]; "
                        + "signers: peer0@Org1MSP (peer), client1@Org1MSP (client); 1 duplicate signer ignored",
                evaluation.explain());
    }

    @Test
    void satisfiedTextCountsTheSubPolicies() {
        ImplicitMetaPolicy policy = ImplicitMetaPolicy.parse("ANY Endorsement").bind(peerPolicies("Org1MSP", "Org2MSP"));
        PolicyEvaluation evaluation = policy.evaluate(Signers.list("org2.peer0"));
        assertTrue(evaluation.satisfied());
        assertEquals("1 of the 2 'Endorsement' sub-policies were satisfied, 1 required", evaluation.reason());
        assertEquals(List.of(Optional.of(new Principal("Org2MSP", Role.PEER))), evaluation.matchedPrincipals());
    }

    @Test
    void nestsImplicitMetaPolicies() {
        // /Channel/Readers = ANY Readers over the Application and Orderer groups, themselves implicit.
        ImplicitMetaPolicy application = ImplicitMetaPolicy.parse("ANY Readers").bind(peerPolicies("Org1MSP", "Org2MSP"));
        ImplicitMetaPolicy orderer = ImplicitMetaPolicy.parse("ANY Readers")
                .bind(Map.of("OrdererOrg", Policy.parse("OR('OrdererMSP.member')")));
        ImplicitMetaPolicy channel = ImplicitMetaPolicy.parse("ALL Readers")
                .bind(Map.of("Application", application, "Orderer", orderer));
        assertFalse(channel.isSatisfiedBy(Signers.list("peer0 org2.peer0")));
        ImplicitMetaPolicy any = ImplicitMetaPolicy.parse("ANY Readers")
                .bind(Map.of("Application", application, "Orderer", orderer));
        PolicyEvaluation evaluation = any.evaluate(Signers.list("org2.peer0"));
        assertTrue(evaluation.satisfied());
        assertTrue(evaluation.explain().contains("sub-policy 'Application' [policy ANY Readers is satisfied: "
                + "1 of the 2 'Readers' sub-policies were satisfied, 1 required; sub-policy 'Org1MSP' ["), evaluation.explain());
    }

    @Test
    void subPoliciesAreSortedByNameCopiedAndUnmodifiable() {
        Map<String, Policy> source = new TreeMap<>(Comparator.reverseOrder());
        source.putAll(peerPolicies("Org2MSP", "Org1MSP", "Org3MSP"));
        ImplicitMetaPolicy policy = ImplicitMetaPolicy.of(ImplicitMetaPolicy.Rule.MAJORITY, "Endorsement", source);
        source.clear();
        assertEquals(List.of("Org1MSP", "Org2MSP", "Org3MSP"), List.copyOf(policy.subPolicies().keySet()));
        assertEquals(2, policy.threshold());
        assertThrows(UnsupportedOperationException.class, () -> policy.subPolicies().clear());
        assertEquals("MAJORITY Endorsement", policy.toString());
        assertEquals(new ImplicitMetaPolicy.Spec(ImplicitMetaPolicy.Rule.MAJORITY, "Endorsement"), policy.spec());
        assertEquals(policy, ImplicitMetaPolicy.parse("MAJORITY Endorsement")
                .bind(peerPolicies("Org3MSP", "Org1MSP", "Org2MSP")));
        assertThrows(IllegalArgumentException.class,
                () -> ImplicitMetaPolicy.of(ImplicitMetaPolicy.Rule.ANY, "two words", Map.of()));
        assertThrows(IllegalArgumentException.class, () -> new ImplicitMetaPolicy.Spec(ImplicitMetaPolicy.Rule.ANY, ""));
    }
}
