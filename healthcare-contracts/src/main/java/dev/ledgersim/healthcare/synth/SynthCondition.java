package dev.ledgersim.healthcare.synth;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A diagnosis made in an encounter.
 *
 * @param id the id, {@code <caseId>-condition}
 * @param patient the patient's username
 * @param encounter the case id
 * @param code the diagnosis
 * @param onset the day it began (the encounter's day)
 * @param abatement the day it resolved (acute diagnoses resolved before the reference date), or null
 * @param recorder the diagnosing doctor's username
 * @param recorded when it was recorded (the encounter's start)
 */
public record SynthCondition(String id, String patient, String encounter, IcdCode code, LocalDate onset,
                             LocalDate abatement, String recorder, Instant recorded) {

    /** Checks. */
    public SynthCondition {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(onset, "onset");
        if (abatement != null && abatement.isBefore(onset)) {
            throw new IllegalArgumentException(id + ": abatement before onset");
        }
    }

    /** {@code resolved} when it abated, else {@code active} (condition-clinical). */
    public String clinicalStatus() {
        return abatement == null ? "active" : "resolved";
    }
}
