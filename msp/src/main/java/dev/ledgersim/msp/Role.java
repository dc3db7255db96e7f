package dev.ledgersim.msp;

import java.util.Locale;

/**
 * The MSP roles a policy principal can name, with Fabric's numbers ({@code msp_principal.proto}).
 *
 * <p>{@link #CLIENT}, {@link #PEER}, {@link #ADMIN} and {@link #ORDERER} are NodeOU roles: an enrolled
 * identity carries exactly one of them as an organizational unit (OU) in its certificate subject.
 * {@link #MEMBER} is not a NodeOU: every valid identity of an MSP is a member of it.
 */
public enum Role {
    /** Any valid identity of the MSP. */
    MEMBER(0),
    /** An administrator (the {@code admin} OU). */
    ADMIN(1),
    /** A client application or user (the {@code client} OU). */
    CLIENT(2),
    /** An endorsing or committing peer (the {@code peer} OU). */
    PEER(3),
    /** An ordering service node (the {@code orderer} OU). */
    ORDERER(4);

    private final int fabricNumber;

    Role(int fabricNumber) {
        this.fabricNumber = fabricNumber;
    }

    /** The number of this role in Fabric's {@code MSPRole.MSPRoleType} enum. */
    public int fabricNumber() {
        return fabricNumber;
    }

    /** Whether this role is carried as a NodeOU in certificates (every role except {@link #MEMBER}). */
    public boolean isNodeOu() {
        return this != MEMBER;
    }

    /** The lower-case name used in policies ({@code 'Org1MSP.peer'}) and as the certificate OU. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The role named by a policy or OU label, exactly as Fabric spells them (lower case).
     *
     * @throws IllegalArgumentException naming the label and the accepted ones
     */
    public static Role fromLabel(String label) {
        for (Role role : values()) {
            if (role.label().equals(label)) {
                return role;
            }
        }
        throw new IllegalArgumentException(
                "unknown role '" + label + "', expected one of member, admin, client, peer, orderer");
    }
}
