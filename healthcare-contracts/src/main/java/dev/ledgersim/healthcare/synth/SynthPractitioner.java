package dev.ledgersim.healthcare.synth;

import java.util.Objects;

/**
 * A person who works for an organisation: a clinician (doctor, nurse) or a member of staff (hospital
 * administrator, lab technician, researcher, regulator, cloud operator). The role is the certificate
 * attribute {@code role} of HEALTHCARE.md §8.9 ({@link dev.ledgersim.healthcare.util.Roles}).
 *
 * @param username the enrollment id, also the FHIR {@code Practitioner/<username>} reference
 * @param givenName the given name
 * @param familyName the family name
 * @param gender male | female
 * @param role the certificate role
 * @param department the department (clinicians), or the organisation's function (staff)
 * @param organization the id of the {@link SynthOrganization}
 * @param mspId the organisation's MSP id
 */
public record SynthPractitioner(String username, String givenName, String familyName, String gender, String role,
                                String department, String organization, String mspId) {

    /** Checks. */
    public SynthPractitioner {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(organization, "organization");
    }

    /** The display name, e.g. {@code Dr Grace Nguyen}. */
    public String name() {
        String title = "doctor".equals(role) ? "Dr " : "";
        return title + givenName + " " + familyName;
    }
}
