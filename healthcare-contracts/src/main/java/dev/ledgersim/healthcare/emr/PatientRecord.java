package dev.ledgersim.healthcare.emr;

import java.util.ArrayList;
import java.util.List;

/**
 * A patient on the public state of {@code emrcc}, under the key {@code <username>} (seed A's Table 1).
 * Name, address and phone are not here: they live in the private collection
 * {@value EmrContract#PII_COLLECTION}, and {@code piiHash} is the SHA-256 of that private value (the hash
 * Fabric keeps on every peer).
 *
 * @param docType {@code patient}
 * @param id the xid generated at registration
 * @param username the patient's username (the key)
 * @param birthDate ISO date of birth, for the retention rule
 * @param piiHash hex SHA-256 of the private personal data
 * @param authorizedDoctors the usernames of doctors the patient authorised, in the order authorised (copied)
 * @param caseIds the patient's cases, oldest first (copied)
 * @param registeredBy who registered the patient (the patient, or a hospital identity)
 * @param registeredAt when (ISO-8601 instant)
 */
public record PatientRecord(String docType, String id, String username, String birthDate, String piiHash,
                            List<String> authorizedDoctors, List<String> caseIds, String registeredBy,
                            String registeredAt) {

    /** The {@code docType} value. */
    public static final String DOC_TYPE = "patient";

    /** Copies. */
    public PatientRecord {
        authorizedDoctors = List.copyOf(authorizedDoctors == null ? List.of() : authorizedDoctors);
        caseIds = List.copyOf(caseIds == null ? List.of() : caseIds);
    }

    /** This patient with {@code doctor} added to the authorised doctors (no duplicate). */
    public PatientRecord withDoctor(String doctor) {
        List<String> doctors = new ArrayList<>(authorizedDoctors);
        if (!doctors.contains(doctor)) {
            doctors.add(doctor);
        }
        return new PatientRecord(docType, id, username, birthDate, piiHash, doctors, caseIds, registeredBy, registeredAt);
    }

    /** This patient without {@code doctor} among the authorised doctors. */
    public PatientRecord withoutDoctor(String doctor) {
        List<String> doctors = new ArrayList<>(authorizedDoctors);
        doctors.remove(doctor);
        return new PatientRecord(docType, id, username, birthDate, piiHash, doctors, caseIds, registeredBy, registeredAt);
    }

    /** This patient with {@code caseId} appended. */
    public PatientRecord withCase(String caseId) {
        List<String> cases = new ArrayList<>(caseIds);
        cases.add(caseId);
        return new PatientRecord(docType, id, username, birthDate, piiHash, authorizedDoctors, cases, registeredBy, registeredAt);
    }

    /** This patient without {@code caseId}. */
    public PatientRecord withoutCase(String caseId) {
        List<String> cases = new ArrayList<>(caseIds);
        cases.remove(caseId);
        return new PatientRecord(docType, id, username, birthDate, piiHash, authorizedDoctors, cases, registeredBy, registeredAt);
    }
}
