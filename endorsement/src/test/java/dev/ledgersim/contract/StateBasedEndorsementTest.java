package dev.ledgersim.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledgersim.contract.StateBasedEndorsement.RoleType;
import dev.ledgersim.msp.policy.Policy;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Key-level endorsement policies: an AND over organisations, written as canonical policy text. */
class StateBasedEndorsementTest {

    private static StateBasedEndorsement fresh() {
        return StateBasedEndorsementFactory.getInstance().newStateBasedEndorsement(null);
    }

    private static String text(byte[] ep) {
        return new String(ep, StandardCharsets.UTF_8);
    }

    @Test
    void policyIsTheCanonicalAndOverSortedOrganizations() {
        StateBasedEndorsement sbe = fresh();
        sbe.addOrgs(RoleType.RoleTypePeer, "Org2MSP", "Org1MSP");
        sbe.addOrgs(RoleType.RoleTypeMember, "Org3MSP");

        assertEquals(List.of("Org1MSP", "Org2MSP", "Org3MSP"), sbe.listOrgs());
        String policy = text(sbe.policy());
        assertEquals("AND('Org1MSP.peer', 'Org2MSP.peer', 'Org3MSP.member')", policy);
        assertEquals(policy, Policy.parse(policy).toString(), "already canonical");
    }

    @Test
    void roundTripsThroughTheValidationParameter() {
        StateBasedEndorsement sbe = fresh();
        sbe.addOrgs(RoleType.RoleTypePeer, "Org1MSP", "Org2MSP");
        byte[] ep = sbe.policy();

        StateBasedEndorsement again = StateBasedEndorsementFactory.getInstance().newStateBasedEndorsement(ep);
        assertEquals(List.of("Org1MSP", "Org2MSP"), again.listOrgs());
        assertArrayEquals(ep, again.policy());
    }

    @Test
    void editsAnExistingPolicyKeepingOtherRoles() {
        byte[] ep = "AND('Org1MSP.admin', 'Org2MSP.peer')".getBytes(StandardCharsets.UTF_8);
        StateBasedEndorsement sbe = StateBasedEndorsementFactory.getInstance().newStateBasedEndorsement(ep);

        sbe.delOrgs("Org2MSP", "NotListed");
        sbe.addOrgs(RoleType.RoleTypeMember, "Org3MSP");
        assertEquals("AND('Org1MSP.admin', 'Org3MSP.member')", text(sbe.policy()));
        sbe.addOrgs(RoleType.RoleTypePeer, "Org1MSP");
        assertEquals("AND('Org1MSP.peer', 'Org3MSP.member')", text(sbe.policy()), "re-adding replaces the role");
    }

    @Test
    void singleOrganizationIsWrittenAsTheCanonicalOr() {
        StateBasedEndorsement sbe = fresh();
        sbe.addOrgs(RoleType.RoleTypePeer, "Org1MSP");
        byte[] ep = sbe.policy();

        assertEquals("OR('Org1MSP.peer')", text(ep));
        assertEquals(List.of("Org1MSP"),
                StateBasedEndorsementFactory.getInstance().newStateBasedEndorsement(ep).listOrgs());
    }

    @Test
    void emptyParameterMeansNoOrganizationsAndAnEmptyPolicyIsRefused() {
        StateBasedEndorsement sbe = StateBasedEndorsementFactory.getInstance().newStateBasedEndorsement(new byte[0]);
        assertEquals(List.of(), sbe.listOrgs());
        IllegalStateException e = assertThrows(IllegalStateException.class, sbe::policy);
        assertTrue(e.getMessage().contains("at least one organization"), e.getMessage());
    }

    @Test
    void policiesItCouldNotHaveWrittenAreRefused() {
        StateBasedEndorsementFactory factory = StateBasedEndorsementFactory.getInstance();
        IllegalArgumentException or = assertThrows(IllegalArgumentException.class, () ->
                factory.newStateBasedEndorsement("OR('Org1MSP.peer', 'Org2MSP.peer')".getBytes(StandardCharsets.UTF_8)));
        assertTrue(or.getMessage().contains("not an AND of organizations"), or.getMessage());
        IllegalArgumentException nested = assertThrows(IllegalArgumentException.class, () ->
                factory.newStateBasedEndorsement("AND('A.peer', OR('B.peer', 'C.peer'))".getBytes(StandardCharsets.UTF_8)));
        assertTrue(nested.getMessage().contains("nests OR('B.peer', 'C.peer')"), nested.getMessage());
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class, () ->
                factory.newStateBasedEndorsement("AND('A.peer', 'A.member')".getBytes(StandardCharsets.UTF_8)));
        assertTrue(twice.getMessage().contains("A appears twice"), twice.getMessage());
        IllegalArgumentException garbage = assertThrows(IllegalArgumentException.class, () ->
                factory.newStateBasedEndorsement("AND('A.peer'".getBytes(StandardCharsets.UTF_8)));
        assertTrue(garbage.getMessage().contains("does not parse"), garbage.getMessage());
        assertThrows(IllegalArgumentException.class, () -> factory.newStateBasedEndorsement(new byte[] {(byte) 0xFF}));
    }

    @Test
    void invalidMspIdsAreRefusedWithoutChangingTheSet() {
        StateBasedEndorsement sbe = fresh();
        sbe.addOrgs(RoleType.RoleTypePeer, "Org1MSP");
        assertThrows(IllegalArgumentException.class, () -> sbe.addOrgs(RoleType.RoleTypePeer, "Org2MSP", "bad id"));
        assertEquals(List.of("Org1MSP"), sbe.listOrgs());
    }
}
