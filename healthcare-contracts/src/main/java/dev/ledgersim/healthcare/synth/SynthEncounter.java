package dev.ledgersim.healthcare.synth;

import java.time.Instant;
import java.util.Objects;

/**
 * An encounter — seed A's case: a visit of a patient to a doctor of a department.
 *
 * @param id the case id, {@code case10001}, {@code case10002}, ... in order of {@code start} (the ids
 *     {@code enterData} gives the cases when they are entered in this order on a fresh ledger)
 * @param patient the patient's username
 * @param doctor the treating doctor's username
 * @param organization the hospital's id
 * @param department the department
 * @param encounterClass v3-ActCode: {@code AMB} ambulatory, {@code EMER} emergency, {@code IMP} inpatient
 * @param start when it began
 * @param end when it ended
 * @param reason the diagnosis that brought the patient
 * @param followUp whether it follows up a chronic diagnosis of an earlier encounter (then no new Condition)
 */
public record SynthEncounter(String id, String patient, String doctor, String organization, String department,
                             String encounterClass, Instant start, Instant end, IcdCode reason, boolean followUp) {

    /** Checks. */
    public SynthEncounter {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(patient, "patient");
        Objects.requireNonNull(doctor, "doctor");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(reason, "reason");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException(id + ": end " + end + " before start " + start);
        }
    }

    /** The Synthea {@code ENCOUNTERCLASS} of {@link #encounterClass}. */
    public String syntheaClass() {
        return switch (encounterClass) {
            case "EMER" -> "emergency";
            case "IMP" -> "inpatient";
            default -> "ambulatory";
        };
    }

    /** The v3-ActCode display of {@link #encounterClass}. */
    public String classDisplay() {
        return switch (encounterClass) {
            case "EMER" -> "emergency";
            case "IMP" -> "inpatient encounter";
            default -> "ambulatory";
        };
    }
}
