package dev.ledgersim.healthcare.consent;

import java.time.Instant;
import java.util.Objects;

/**
 * A request to use a patient's data, as {@link ConsentEvaluator} decides it.
 *
 * @param patientId the patient (username)
 * @param actor the requester's username
 * @param role the requester's role (certificate attribute), matched by {@code PractitionerRole/<role>} actors
 * @param purpose the PurposeOfUse code of the request
 * @param action the consentaction code: collect | access | use | disclose | correct
 * @param resourceType the FHIR resource type asked for, or empty for unspecified
 * @param time when the access happens
 */
public record AccessRequest(String patientId, String actor, String role, String purpose, String action,
                            String resourceType, Instant time) {

    /** Checks; a null resource type becomes empty. */
    public AccessRequest {
        Objects.requireNonNull(patientId, "patientId");
        Objects.requireNonNull(actor, "actor");
        role = role == null ? "" : role;
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(action, "action");
        resourceType = resourceType == null ? "" : resourceType;
        Objects.requireNonNull(time, "time");
    }
}
