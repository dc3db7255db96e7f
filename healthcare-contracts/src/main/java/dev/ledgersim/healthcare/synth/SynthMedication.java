package dev.ledgersim.healthcare.synth;

import java.time.Instant;
import java.util.Objects;

/**
 * A drug prescribed in an encounter.
 *
 * @param id the id, {@code <caseId>-medication}
 * @param patient the patient's username
 * @param encounter the case id
 * @param prescriber the doctor's username
 * @param reason the diagnosis it treats (its {@link IcdCode#medication()} is the drug)
 * @param authoredOn when it was prescribed
 * @param stop when the course ended (acute diagnoses, before the reference date), or null while it goes on
 */
public record SynthMedication(String id, String patient, String encounter, String prescriber, IcdCode reason,
                              Instant authoredOn, Instant stop) {

    /** Checks. */
    public SynthMedication {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(authoredOn, "authoredOn");
        if (!reason.isDrug()) {
            throw new IllegalArgumentException(id + ": " + reason.code() + " is not treated with a drug");
        }
    }

    /** The drug as text. */
    public String text() {
        return reason.medication();
    }

    /** The dosage instruction. */
    public String dosage() {
        return reason.dosage();
    }

    /** {@code completed} when the course ended, else {@code active}. */
    public String status() {
        return stop == null ? "active" : "completed";
    }
}
