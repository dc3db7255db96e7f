package dev.ledgersim.contract;

import java.util.List;

/**
 * Builds and edits a key-level endorsement policy (state-based endorsement) as a set of organisations
 * that must all endorse, as Fabric Java's {@code StateBasedEndorsement}: {@link #policy()} is always an
 * {@code AND} over one principal per organisation. Obtain one with
 * {@link StateBasedEndorsementFactory#newStateBasedEndorsement(byte[])}, edit it, and store
 * {@link #policy()} with {@link ChaincodeStub#setStateValidationParameter}.
 *
 * <p>Instances are mutable and not thread-safe; use one within one transaction.
 */
public interface StateBasedEndorsement {

    /**
     * The validation parameter for the current organisations: the UTF-8 bytes of the canonical text of
     * the signature policy {@code AND('Org1MSP.peer', 'Org2MSP.member', ...)} with one principal per
     * organisation, organisations sorted by MSP id (a single organisation is written
     * {@code OR('Org1MSP.peer')}, the canonical form of a one-argument {@code AND}).
     * {@link StateBasedEndorsementFactory#newStateBasedEndorsement} reads it back to an equal set.
     *
     * @throws IllegalStateException when no organisation is listed. Fabric returns a policy requiring
     *     nobody (0 out of 0, satisfied by any endorsement) there; LedgerSim's policy language cannot
     *     express it and it almost always means a bug. To drop a key's policy, set its validation
     *     parameter to null instead.
     */
    byte[] policy();

    /**
     * Requires endorsement by {@code role} of each of {@code organizations} (MSP ids), replacing the role
     * of an organisation already listed. With NodeOUs (as in LedgerSim) {@link RoleType#RoleTypePeer}
     * is the usual choice: only peers endorse.
     *
     * @throws IllegalArgumentException if an MSP id is empty or has characters outside
     *     {@code [A-Za-z0-9.-]}, which the policy language cannot express
     */
    void addOrgs(RoleType role, String... organizations);

    /** No longer requires endorsement by {@code organizations}; ids not listed are ignored. */
    void delOrgs(String... organizations);

    /** The MSP ids of the organisations that must endorse, sorted. */
    List<String> listOrgs();

    /** The MSP role an organisation's endorser must have, with Fabric Java's names. */
    enum RoleType {
        /** Any member of the organisation ({@code 'Org1MSP.member'}). */
        RoleTypeMember,
        /** A peer of the organisation ({@code 'Org1MSP.peer'}). */
        RoleTypePeer
    }
}
