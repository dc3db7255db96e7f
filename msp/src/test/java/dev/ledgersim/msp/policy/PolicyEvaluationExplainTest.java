package dev.ledgersim.msp.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What a user reads when a transaction fails its endorsement policy. */
class PolicyEvaluationExplainTest {

    private static String explain(String policy, String signers) {
        return Policy.parse(policy).evaluate(Signers.list(signers)).explain();
    }

    @Test
    void namesTheUnmatchedPrincipalAndWhatEachSignerSatisfied() {
        assertEquals("policy AND('Org1MSP.peer', 'Org2MSP.peer') is not satisfied: 1 of 2 required sub-rules satisfied; "
                        + "'Org2MSP.peer' matched no unused signer; signers: peer0@Org1MSP (peer) -> 'Org1MSP.peer'",
                explain("AND('Org1MSP.peer', 'Org2MSP.peer')", "peer0"));
    }

    @Test
    void aSatisfiedPolicyListsTheMatchesAndTheIgnoredDuplicates() {
        assertEquals("policy OR('Org1MSP.member') is satisfied: 1 of 1 required sub-rules satisfied; "
                        + "signers: peer0@Org1MSP (peer) -> 'Org1MSP.member', client1@Org1MSP (client) -> none; "
                        + "1 duplicate signer ignored",
                explain("OR('Org1MSP.member')", "peer0 client1 peer0"));
        assertEquals("policy OR('Org1MSP.member') is not satisfied: 0 of 1 required sub-rules satisfied; "
                        + "'Org1MSP.member' matched no unused signer; signers: none",
                explain("OR('Org1MSP.member')", ""));
    }

    @Test
    void theGreedyFailureSaysWhichPrincipalTookTheSigner() {
        assertEquals("policy AND('Org1MSP.member', 'Org1MSP.peer') is not satisfied: 1 of 2 required sub-rules "
                        + "satisfied; 'Org1MSP.peer' matched no unused signer (peer0@Org1MSP (peer) already counted "
                        + "for 'Org1MSP.member'); signers: peer0@Org1MSP (peer) -> 'Org1MSP.member', "
                        + "client1@Org1MSP (client) -> none",
                explain("AND('Org1MSP.member', 'Org1MSP.peer')", "peer0 client1"));
    }

    @Test
    void nestedGatesShowTheFailingBranchPathInBrackets() {
        assertEquals("policy OR(AND('Org1MSP.peer', 'Org2MSP.peer'), 'Org3MSP.peer') is not satisfied: "
                        + "0 of 1 required sub-rules satisfied; "
                        + "AND('Org1MSP.peer', 'Org2MSP.peer') failed [1 of 2 required sub-rules satisfied; "
                        + "'Org2MSP.peer' matched no unused signer]; "
                        + "'Org3MSP.peer' matched no unused signer; signers: peer0@Org1MSP (peer) -> none",
                explain("OR(AND('Org1MSP.peer', 'Org2MSP.peer'), 'Org3MSP.peer')", "peer0"));

        String deep = explain("AND('Org1MSP.client', OR('Org3MSP.peer', AND('Org1MSP.peer', 'Org2MSP.admin')))",
                "client1 peer0 org2.peer0");
        assertTrue(deep.contains("1 of 2 required sub-rules satisfied; "
                + "OR('Org3MSP.peer', AND('Org1MSP.peer', 'Org2MSP.admin')) failed [0 of 1 required sub-rules satisfied; "
                + "'Org3MSP.peer' matched no unused signer; "
                + "AND('Org1MSP.peer', 'Org2MSP.admin') failed [1 of 2 required sub-rules satisfied; "
                + "'Org2MSP.admin' matched no unused signer]]; signers: "), deep);
        assertTrue(deep.endsWith("signers: client1@Org1MSP (client) -> 'Org1MSP.client', peer0@Org1MSP (peer) -> none, "
                + "peer0@Org2MSP (peer) -> none"), deep);
    }

    @Test
    void satisfiedBranchesOfAFailedGateAreNotListedAsFailures() {
        String text = explain("OutOf(2, 'Org1MSP.peer', 'Org2MSP.peer', 'Org3MSP.peer')", "org2.peer0");
        assertTrue(text.contains("1 of 2 required sub-rules satisfied; 'Org1MSP.peer' matched no unused signer; "
                + "'Org3MSP.peer' matched no unused signer; signers: peer0@Org2MSP (peer) -> 'Org2MSP.peer'"), text);
    }

    @Test
    void aGateThatCanNeverBeSatisfiedSaysSo() {
        assertEquals("policy OutOf(2, 'Org1MSP.member') is not satisfied: 1 of 2 required sub-rules satisfied "
                        + "(the gate has only 1, so it can never be satisfied); "
                        + "signers: peer0@Org1MSP (peer) -> 'Org1MSP.member'",
                explain("OutOf(2, 'Org1MSP.member')", "peer0"));
    }

    @Test
    void theReasonOmitsTheSigners() {
        PolicyEvaluation evaluation = Policy.parse("AND('Org1MSP.peer', 'Org2MSP.peer')").evaluate(Signers.list("peer0"));
        assertEquals("1 of 2 required sub-rules satisfied; 'Org2MSP.peer' matched no unused signer", evaluation.reason());
        assertEquals(evaluation.explain(), evaluation.toString());
    }
}
