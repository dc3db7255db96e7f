package dev.ledgersim.msp.policy;

import dev.ledgersim.msp.Identity;
import dev.ledgersim.msp.MspException;
import dev.ledgersim.msp.Role;
import java.util.Objects;

/**
 * An MSP role principal: "a {@code role} of the MSP {@code mspId}", Fabric's
 * {@code MSPPrincipal{ROLE, MSPRole{msp_identifier, role}}}. Written in the policy language as
 * {@code 'Org1MSP.peer'}.
 *
 * <p>The MSP id is ASCII letters, digits, {@code .} and {@code -} (Fabric's {@code [[:alnum:].-]+}); it
 * may contain dots, since the role is always the part after the last dot.
 *
 * @param mspId the MSP (organisation) id, e.g. {@code Org1MSP}
 * @param role the role an identity of that MSP must have
 */
public record Principal(String mspId, Role role) {

    /**
     * Validates the parts.
     *
     * @throws IllegalArgumentException if {@code mspId} is empty or has a character outside
     *     {@code [A-Za-z0-9.-]}, which the policy language could not express
     */
    public Principal {
        Objects.requireNonNull(mspId, "mspId");
        Objects.requireNonNull(role, "role");
        String problem = mspIdProblem(mspId);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /**
     * Whether {@code identity} satisfies this principal, with Fabric's MSP v1.4.3 semantics for a
     * signer that its MSP has already validated: the MSP ids must be equal, and then
     * <ul>
     *   <li>{@link Role#MEMBER} is satisfied by every identity of the MSP (peers, clients, admins and
     *       orderers are all members);</li>
     *   <li>{@link Role#ADMIN}, {@link Role#CLIENT}, {@link Role#PEER} and {@link Role#ORDERER} are
     *       satisfied only by an identity whose single NodeOU role is that role: a peer is a member but
     *       not a client, and an admin is recognised by its admin OU only (LedgerSim has no
     *       {@code admincerts} list).</li>
     * </ul>
     * An identity without exactly one NodeOU role (whose {@link Identity#role()} throws) satisfies no
     * principal but {@code MEMBER}. Fabric's MSP would have refused such an identity when NodeOUs are
     * enabled; a caller that validates signers first never passes one.
     */
    public boolean isSatisfiedBy(Identity identity) {
        if (!mspId.equals(identity.mspId())) {
            return false;
        }
        if (role == Role.MEMBER) {
            return true;
        }
        try {
            return identity.role() == role;
        } catch (MspException noSingleRole) {
            return false;
        }
    }

    /** The policy-language form, quoted: {@code 'Org1MSP.peer'}. */
    @Override
    public String toString() {
        return "'" + mspId + "." + role.label() + "'";
    }

    /** Why {@code mspId} cannot be the MSP id of a principal, or null if it can. */
    static String mspIdProblem(String mspId) {
        if (mspId.isEmpty()) {
            return "the MSP id is empty";
        }
        for (int i = 0; i < mspId.length(); i++) {
            char c = mspId.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '-';
            if (!allowed) {
                return "the MSP id '" + mspId + "' may contain only ASCII letters, digits, '.' and '-'";
            }
        }
        return null;
    }
}
