package dev.ledgersim.healthcare.synth;

import dev.ledgersim.healthcare.retention.RetentionPolicy;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A synthetic patient (seed A's Patient plus the demographics of seed B's GD table).
 *
 * @param id the xid, as {@code registerPatient} returns (time part = {@code registeredAt})
 * @param username the username (seed A's key; the FHIR {@code Patient/<username>} id)
 * @param givenName the given name
 * @param familyName the family name
 * @param gender male | female
 * @param birthDate the date of birth
 * @param street the street address
 * @param city the town
 * @param state the state
 * @param postcode the postcode
 * @param phone the telephone number
 * @param hospital the id of the patient's usual hospital
 * @param registeredAt when the patient was registered (before the first encounter)
 */
public record SynthPatient(String id, String username, String givenName, String familyName, String gender,
                           LocalDate birthDate, String street, String city, String state, String postcode, String phone,
                           String hospital, Instant registeredAt) {

    /** Checks. */
    public SynthPatient {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(birthDate, "birthDate");
        Objects.requireNonNull(registeredAt, "registeredAt");
    }

    /** The full name. */
    public String name() {
        return givenName + " " + familyName;
    }

    /** The address on one line, e.g. {@code 12 Wattle Street, Adelaide SA 5000}. */
    public String address() {
        return street + ", " + city + " " + state + " " + postcode;
    }

    /** The age in whole years on {@code day}. */
    public long ageOn(LocalDate day) {
        return ChronoUnit.YEARS.between(birthDate, day);
    }

    /** Whether the patient is under 18 on {@code day} (by {@link RetentionPolicy#isMinorOn}). */
    public boolean isMinorOn(LocalDate day) {
        return RetentionPolicy.isMinorOn(birthDate, day);
    }
}
