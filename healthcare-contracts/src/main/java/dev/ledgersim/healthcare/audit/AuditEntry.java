package dev.ledgersim.healthcare.audit;

import dev.ledgersim.healthcare.fhir.Reference;
import dev.ledgersim.healthcare.util.Caller;
import java.util.List;
import java.util.Objects;

/**
 * One access to one patient's data, to be recorded as an AuditEvent by {@link AuditLog#record}.
 *
 * @param patientId the patient (username) whose data was accessed
 * @param agent who asked
 * @param action what was done
 * @param granted whether access was granted (outcome 0) or refused (outcome 4)
 * @param outcomeDesc the decision in words (the reason of a denial)
 * @param purpose the PurposeOfUse code the access was made for
 * @param objects the resources touched besides the patient, e.g. {@code Encounter/case10001} (copied)
 * @param emergencyOverride whether this is a break-glass override (DICOM 110127 "Emergency Override Started")
 */
public record AuditEntry(String patientId, Caller agent, AuditAction action, boolean granted, String outcomeDesc,
                         String purpose, List<Reference> objects, boolean emergencyOverride) {

    /** Checks and copies. */
    public AuditEntry {
        Objects.requireNonNull(patientId, "patientId");
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(purpose, "purpose");
        outcomeDesc = outcomeDesc == null ? "" : outcomeDesc;
        objects = List.copyOf(objects);
    }

    /** An ordinary (non-emergency) access. */
    public static AuditEntry of(String patientId, Caller agent, AuditAction action, boolean granted, String outcomeDesc,
                                String purpose, List<Reference> objects) {
        return new AuditEntry(patientId, agent, action, granted, outcomeDesc, purpose, objects, false);
    }
}
