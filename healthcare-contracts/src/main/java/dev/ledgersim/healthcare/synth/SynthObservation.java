package dev.ledgersim.healthcare.synth;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * A measurement or test result made in an encounter.
 *
 * @param id the id, {@code <caseId>-obs-<n>}
 * @param patient the patient's username
 * @param encounter the case id
 * @param code what was observed
 * @param value the value, in the code's UCUM unit and scale
 * @param effective when it was observed
 * @param performer who measured it: the doctor's username (vital signs) or the laboratory's id (tests)
 */
public record SynthObservation(String id, String patient, String encounter, LoincCode code, BigDecimal value,
                               Instant effective, String performer) {

    /** Checks. */
    public SynthObservation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(effective, "effective");
    }

    /** The result as case text, e.g. {@code Glucose 182 mg/dL}. */
    public String text() {
        return code.shortName() + " " + value.toPlainString() + " " + code.unit();
    }
}
