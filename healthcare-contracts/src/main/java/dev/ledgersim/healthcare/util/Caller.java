package dev.ledgersim.healthcare.util;

import dev.ledgersim.contract.ChaincodeException;
import dev.ledgersim.contract.ClientIdentity;
import dev.ledgersim.contract.Context;
import java.util.Arrays;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The caller of a transaction as the healthcare suite sees it (HEALTHCARE.md §8.9): the MSP id, the
 * username — the enrollment id in the certificate (Fabric CA's {@code hf.EnrollmentID} attribute) — and
 * the {@code role} attribute. Roles and usernames always come from the certificate; arguments that name
 * them are only compared with these values.
 *
 * @param mspId the caller's organisation
 * @param username the enrollment id
 * @param role the {@code role} attribute, or the empty string when the certificate has none
 * @param clientId the certificate's id string ({@code x509::subject::issuer})
 * @param guardianOf the usernames in the optional {@code guardianOf} attribute (comma-separated): the
 *     patients this caller may act for
 */
public record Caller(String mspId, String username, String role, String clientId, Set<String> guardianOf) {

    /** The attribute that carries the role. */
    public static final String ROLE_ATTRIBUTE = "role";
    /** The attribute Fabric CA puts the enrollment id in. */
    public static final String ENROLLMENT_ID_ATTRIBUTE = "hf.EnrollmentID";
    /** The optional attribute naming the patients a guardian acts for. */
    public static final String GUARDIAN_ATTRIBUTE = "guardianOf";

    /** Copies ({@code guardianOf} into a sorted set); nulls become empty. */
    public Caller {
        Objects.requireNonNull(mspId, "mspId");
        Objects.requireNonNull(username, "username");
        role = role == null ? "" : role;
        clientId = clientId == null ? "" : clientId;
        guardianOf = Collections.unmodifiableSortedSet(guardianOf == null ? new TreeSet<>() : new TreeSet<>(guardianOf));
    }

    /**
     * Reads the caller of {@code ctx}'s transaction.
     *
     * @throws ChaincodeException when the certificate carries no enrollment id
     */
    public static Caller of(Context ctx) {
        ClientIdentity id = ctx.getClientIdentity();
        String username = id.getAttributeValue(ENROLLMENT_ID_ATTRIBUTE);
        if (username == null || username.isEmpty()) {
            throw new ChaincodeException("the caller's certificate has no enrollment id (attribute "
                    + ENROLLMENT_ID_ATTRIBUTE + ")");
        }
        Set<String> wards = new TreeSet<>();
        String guardian = id.getAttributeValue(GUARDIAN_ATTRIBUTE);
        if (guardian != null) {
            Arrays.stream(guardian.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(wards::add);
        }
        return new Caller(id.getMSPID(), username, id.getAttributeValue(ROLE_ATTRIBUTE), id.getId(), wards);
    }

    /** Whether the certificate carries a {@code role} attribute. */
    public boolean hasRoleAttribute() {
        return !role.isEmpty();
    }

    /** Whether the caller's role is {@code expected}. */
    public boolean is(String expected) {
        return role.equals(expected);
    }

    /** Whether the caller's role is one of {@code roles}. */
    public boolean isAnyOf(Set<String> roles) {
        return roles.contains(role);
    }

    /** The role for records: the attribute's value, or {@code none} when the certificate has none. */
    public String roleForRecords() {
        return role.isEmpty() ? "none" : role;
    }

    /** Whether the caller is the patient {@code patientUsername} or acts for them as guardian. */
    public boolean actsFor(String patientUsername) {
        return (is(Roles.PATIENT) && username.equals(patientUsername)) || guardianOf.contains(patientUsername);
    }
}
