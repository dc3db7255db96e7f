package dev.ledgersim.healthcare.emr;

import java.util.List;

/** The JSON results of {@link EmrContract} (HEALTHCARE.md §8.9), as records the deterministic mapper writes. */
public final class Views {

    private Views() {
    }

    /**
     * What {@code queryInformation} returns to the patient or an authorised clinician: personal and
     * medical information.
     *
     * @param username the patient's username
     * @param name the name
     * @param address the address
     * @param phone the telephone
     * @param birthDate the date of birth
     * @param authorizedDoctors the authorised doctors (copied)
     * @param cases the cases, oldest first (copied)
     */
    public record Information(String username, String name, String address, String phone, String birthDate,
                              List<String> authorizedDoctors, List<Case> cases) {
        /** Copies. */
        public Information {
            authorizedDoctors = List.copyOf(authorizedDoctors);
            cases = List.copyOf(cases);
        }
    }

    /**
     * A case as the patient or a clinician sees it.
     *
     * @param caseId the case
     * @param testResults the test results
     * @param diagnosis the diagnosis
     * @param treatment the treatment
     * @param time when it was entered
     * @param doctor who entered it
     */
    public record Case(String caseId, String testResults, String diagnosis, String treatment, String time, String doctor) {
    }

    /**
     * A case as a researcher or regulator sees it: nothing that identifies the patient (no username,
     * name, address, phone, patient id or doctor).
     *
     * @param caseId the case
     * @param testResults the test results
     * @param diagnosis the diagnosis
     * @param treatment the treatment
     * @param time when it was entered
     */
    public record DeidentifiedCase(String caseId, String testResults, String diagnosis, String treatment, String time) {
    }

    /**
     * A usage record as {@code queryUsageRecords} returns it.
     *
     * @param recordId the record
     * @param operation add | read | append | delete
     * @param role the caller's role
     * @param username the caller
     * @param mspId the caller's organisation
     * @param target what was used
     * @param time when
     * @param purpose the PurposeOfUse code
     * @param outcome success | denied
     */
    public record Usage(String recordId, String operation, String role, String username, String mspId, String target,
                        String time, String purpose, String outcome) {
    }
}
