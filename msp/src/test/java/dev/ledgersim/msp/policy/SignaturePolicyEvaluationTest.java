package dev.ledgersim.msp.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledgersim.msp.Identity;
import dev.ledgersim.msp.Role;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Fabric's greedy {@code cauthdsl} evaluation and MSP v1.4.3 principal satisfaction (FABRIC.md §5.2, §5.3). */
class SignaturePolicyEvaluationTest {

    @ParameterizedTest(name = "[{index}] {0} signed by [{1}] -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            # member: every identity of the MSP, whatever its NodeOU role
            OR('Org1MSP.member')                              | peer0                       | true
            OR('Org1MSP.member')                              | client1                     | true
            OR('Org1MSP.member')                              | admin1                      | true
            OR('Org1MSP.member')                              | orderer1                    | true
            OR('Org1MSP.member')                              | org2.peer0                  | false
            OR('Org1MSP.member')                              | ''                          | false
            # peer, client, admin, orderer: only that NodeOU role
            OR('Org1MSP.peer')                                | peer0                       | true
            OR('Org1MSP.peer')                                | client1                     | false
            OR('Org1MSP.peer')                                | admin1                      | false
            OR('Org1MSP.peer')                                | orderer1                    | false
            OR('Org1MSP.client')                              | client1                     | true
            OR('Org1MSP.client')                              | peer0                       | false
            OR('Org1MSP.client')                              | admin1                      | false
            OR('Org1MSP.admin')                               | admin1                      | true
            OR('Org1MSP.admin')                               | peer0                       | false
            OR('Org1MSP.admin')                               | client1                     | false
            OR('Org1MSP.orderer')                             | orderer1                    | true
            OR('Org1MSP.orderer')                             | peer0                       | false
            # cross-MSP: same enrollment name and role, other MSP
            OR('Org2MSP.admin')                               | admin1                      | false
            OR('Org2MSP.admin')                               | org2.admin1                 | true
            AND('Org1MSP.peer', 'Org2MSP.peer')               | peer0 org2.peer0            | true
            AND('Org1MSP.peer', 'Org2MSP.peer')               | org2.peer0 peer0            | true
            AND('Org1MSP.peer', 'Org2MSP.peer')               | peer0                       | false
            AND('Org1MSP.peer', 'Org2MSP.peer')               | peer0 peer1                 | false
            AND('Org2MSP.admin', 'Org2MSP.client', 'Org2MSP.peer') | org2.peer0 org2.client1 org2.admin1 | true
            AND('Org2MSP.admin', 'Org2MSP.client', 'Org2MSP.peer') | org2.peer0 org2.client1 admin1 | false
            # each signer counts once; duplicate signers are one signer
            AND('Org1MSP.member', 'Org1MSP.member')           | peer0 peer1                 | true
            AND('Org1MSP.member', 'Org1MSP.member')           | peer0 peer0                 | false
            OutOf(2, 'Org1MSP.peer', 'Org1MSP.peer', 'Org1MSP.peer') | peer1 peer1 peer1    | false
            OutOf(2, 'Org1MSP.peer', 'Org1MSP.peer', 'Org1MSP.peer') | peer1 peer0 peer1    | true
            # greedy, no backtracking: member takes peer0 first, then no peer is left
            AND('Org1MSP.member', 'Org1MSP.peer')             | peer0 client1               | false
            AND('Org1MSP.member', 'Org1MSP.peer')             | client1 peer0               | true
            AND('Org1MSP.peer', 'Org1MSP.member')             | peer0 client1               | true
            # t == 0 is always satisfied, t == n + 1 never
            OutOf(0, 'Org3MSP.admin')                         | ''                          | true
            OutOf(0, 'Org3MSP.admin', 'Org3MSP.peer')         | peer0                       | true
            OutOf(3, 'Org1MSP.member', 'Org2MSP.member')      | peer0 org2.peer0 client1 org2.client1 | false
            OutOf(2, 'Org1MSP.member', 'Org2MSP.member')      | peer0 org2.peer0 client1 org2.client1 | true
            # t out of n
            OutOf(2, 'Org1MSP.peer', 'Org2MSP.peer', 'Org3MSP.peer') | org3.peer0 peer0     | true
            OutOf(2, 'Org1MSP.peer', 'Org2MSP.peer', 'Org3MSP.peer') | org3.peer0 client1   | false
            # nested gates
            OR('Org3MSP.peer', AND('Org1MSP.peer', 'Org2MSP.peer')) | peer0 org2.peer0      | true
            OR('Org3MSP.peer', AND('Org1MSP.peer', 'Org2MSP.peer')) | org3.peer0            | true
            OR('Org3MSP.peer', AND('Org1MSP.peer', 'Org2MSP.peer')) | peer0 org2.client1    | false
            AND(OR('Org1MSP.admin', 'Org2MSP.admin'), OR('Org1MSP.peer', 'Org2MSP.peer')) | org2.admin1 peer0 | true
            AND(OR('Org1MSP.admin', 'Org2MSP.admin'), OR('Org1MSP.peer', 'Org2MSP.peer')) | org2.admin1 org2.client1 | false
            # a failed branch gives back the signers it took: the AND takes peer0, fails, the OR's second argument gets it
            OR(AND('Org1MSP.peer', 'Org2MSP.peer'), 'Org1MSP.peer') | peer0                 | true
            AND(OR(AND('Org1MSP.peer', 'Org2MSP.peer'), 'Org1MSP.client'), 'Org1MSP.peer') | peer0 client1 | true
            # a gate keeps evaluating after its threshold is met, so OR consumes both peers and none is left
            AND(OR('Org1MSP.member', 'Org1MSP.peer'), 'Org1MSP.peer') | peer0 peer1         | false
            AND(OR('Org1MSP.member', 'Org1MSP.peer'), 'Org1MSP.peer') | peer0 peer1 peer2   | true
            AND('Org1MSP.peer', OR('Org1MSP.member', 'Org1MSP.peer')) | peer0 peer1         | true
            """)
    void evaluatesLikeFabric(String policyText, String signerNames, boolean expected) {
        SignaturePolicy policy = Policy.parse(policyText);
        List<Identity> signers = Signers.list(signerNames);
        assertEquals(expected, policy.isSatisfiedBy(signers));
        PolicyEvaluation evaluation = policy.evaluate(signers);
        assertEquals(expected, evaluation.satisfied(), evaluation::explain);
        assertEquals(policy, evaluation.policy());
    }

    @Test
    void theGreedyCaseThatBacktrackingWouldSatisfyFails() {
        // Fabric's cauthdsl: 'Org1MSP.member' takes peer0 (the first unused member), and 'Org1MSP.peer' then
        // has no unused signer, although peer0 -> peer, client1 -> member would do.
        SignaturePolicy policy = Policy.parse("AND('Org1MSP.member', 'Org1MSP.peer')");
        Identity peer0 = Signers.get("peer0");
        Identity client1 = Signers.get("client1");
        PolicyEvaluation failed = policy.evaluate(List.of(peer0, client1));
        assertFalse(failed.satisfied());
        assertEquals(List.of(Optional.of(new Principal("Org1MSP", Role.MEMBER)), Optional.empty()),
                failed.matchedPrincipals());

        PolicyEvaluation passed = policy.evaluate(List.of(client1, peer0));
        assertTrue(passed.satisfied());
        assertEquals(Optional.of(new Principal("Org1MSP", Role.MEMBER)), passed.principalOf(client1));
        assertEquals(Optional.of(new Principal("Org1MSP", Role.PEER)), passed.principalOf(peer0));
    }

    @Test
    void duplicateSignersAreDroppedKeepingTheFirstOccurrence() {
        Identity peer0 = Signers.get("peer0");
        Identity verifyOnlyPeer0 = peer0.withoutPrivateKey();
        Identity client1 = Signers.get("client1");
        SignaturePolicy policy = Policy.parse("OutOf(2, 'Org1MSP.member', 'Org1MSP.member', 'Org1MSP.member')");
        PolicyEvaluation evaluation = policy.evaluate(List.of(peer0, client1, verifyOnlyPeer0, client1));
        assertEquals(List.of(peer0, client1), evaluation.signers());
        assertEquals(2, evaluation.duplicatesDropped());
        assertTrue(evaluation.satisfied());
        assertFalse(policy.isSatisfiedBy(List.of(peer0, verifyOnlyPeer0)));
    }

    @Test
    void eachSignerIsMatchedToAtMostOnePrincipal() {
        SignaturePolicy policy = Policy.parse(
                "OutOf(2, 'Org1MSP.peer', AND('Org2MSP.peer', 'Org2MSP.member'), 'Org1MSP.member', 'Org3MSP.peer')");
        List<Identity> signers = Signers.list("peer0 org2.peer0 org2.client1 peer1 client1 org3.peer0");
        PolicyEvaluation evaluation = policy.evaluate(signers);
        assertTrue(evaluation.satisfied());
        String matched = evaluation.matchedPrincipals().stream()
                .map(p -> p.map(Principal::toString).orElse("none")).collect(Collectors.joining(" "));
        // peer0 -> peer; the AND takes org2.peer0 then org2.client1; member takes peer1 (the first unused
        // Org1 identity); client1 is not needed; org3 peer is counted by the last argument.
        assertEquals("'Org1MSP.peer' 'Org2MSP.peer' 'Org2MSP.member' 'Org1MSP.member' none 'Org3MSP.peer'", matched);
    }

    @Test
    void principalSatisfactionFollowsTheNodeOuRole() {
        Identity peer0 = Signers.get("peer0");
        Identity admin1 = Signers.get("admin1");
        for (Role role : Role.values()) {
            assertEquals(role == Role.MEMBER || role == Role.PEER, new Principal("Org1MSP", role).isSatisfiedBy(peer0),
                    role.label());
            assertEquals(role == Role.MEMBER || role == Role.ADMIN, new Principal("Org1MSP", role).isSatisfiedBy(admin1),
                    role.label());
            assertFalse(new Principal("Org2MSP", role).isSatisfiedBy(peer0), role.label());
            assertFalse(new Principal("Org1MSP.peer", role).isSatisfiedBy(peer0), role.label());
        }
    }

    @Test
    void nullSignersAreRejected() {
        SignaturePolicy policy = Policy.parse("OR('Org1MSP.member')");
        assertThrows(NullPointerException.class, () -> policy.isSatisfiedBy(null));
        assertThrows(NullPointerException.class, () -> policy.evaluate(Arrays.asList(Signers.get("peer0"), null)));
    }

    @Test
    void evaluationResultsAreImmutableCopies() {
        List<Identity> signers = new ArrayList<>(Signers.list("peer0 client1"));
        PolicyEvaluation evaluation = Policy.parse("OR('Org1MSP.member')").evaluate(signers);
        signers.clear();
        assertEquals(2, evaluation.signers().size());
        assertThrows(UnsupportedOperationException.class, () -> evaluation.signers().clear());
        assertThrows(IllegalArgumentException.class, () -> new PolicyEvaluation(evaluation.policy(), true,
                evaluation.signers(), List.of(), 0, "", evaluation.subPolicies()));
    }
}
