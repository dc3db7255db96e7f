package dev.ledgersim.healthcare.synth;

import java.time.LocalDate;

/**
 * What {@link SyntheticHealthGenerator} generates. Validated on construction; every value is part of the
 * output's identity (the same config gives byte-identical output).
 *
 * @param seed the seed of the {@link java.util.SplittableRandom}
 * @param patients how many patients (1 to {@value #MAX_PATIENTS})
 * @param practitioners how many clinicians, split alternately between hospital A and hospital B (2 to
 *     {@value #MAX_PRACTITIONERS}); every fourth is a nurse, the others doctors, so both hospitals have a
 *     doctor. Staff (administrators, lab technician, researcher, regulator, ...) come on top.
 * @param minEncountersPerPatient the fewest encounters a patient has (0 to {@value #MAX_ENCOUNTERS})
 * @param maxEncountersPerPatient the most (at least the fewest, at most {@value #MAX_ENCOUNTERS})
 * @param minorShare the share of patients under 18 on the reference date, in [0, 1] (rounded to a count)
 * @param researchConsentShare the share of patients who also consent to research (HRESCH), in [0, 1]
 * @param referenceDate "today": everything generated happens before its start (00:00 UTC); between
 *     1990-01-01 and 2100-12-31
 * @param historyYears how many years before the reference date encounters may lie (1 to 50, and not
 *     before 1971)
 * @param focusKeyword when not empty, every patient's first encounter is for a diagnosis whose text contains
 *     it (ignoring case) when one fits the patient's age — e.g. {@code diabetes} for a keyword-query demo;
 *     it must match a diagnosis of {@link ClinicalCodes#icd10cm()}
 */
public record SynthConfig(long seed, int patients, int practitioners, int minEncountersPerPatient,
                          int maxEncountersPerPatient, double minorShare, double researchConsentShare,
                          LocalDate referenceDate, int historyYears, String focusKeyword) {

    /** The most patients a config may ask for. */
    public static final int MAX_PATIENTS = 100_000;
    /** The most clinicians a config may ask for. */
    public static final int MAX_PRACTITIONERS = 10_000;
    /** The most encounters a patient may have. */
    public static final int MAX_ENCOUNTERS = 100;
    /** The reference date of the presets. */
    public static final LocalDate DEFAULT_REFERENCE_DATE = LocalDate.of(2025, 1, 1);

    private static final LocalDate EARLIEST_REFERENCE = LocalDate.of(1990, 1, 1);
    private static final LocalDate LATEST_REFERENCE = LocalDate.of(2100, 12, 31);
    private static final LocalDate EARLIEST_HISTORY = LocalDate.of(1971, 1, 1);

    /**
     * Validates.
     *
     * @throws IllegalArgumentException naming the first value out of range
     */
    public SynthConfig {
        focusKeyword = focusKeyword == null ? "" : focusKeyword.strip();
        if (patients < 1 || patients > MAX_PATIENTS) {
            throw new IllegalArgumentException("patients must be 1.." + MAX_PATIENTS + ", not " + patients);
        }
        if (practitioners < 2 || practitioners > MAX_PRACTITIONERS) {
            throw new IllegalArgumentException("practitioners must be 2.." + MAX_PRACTITIONERS
                    + " (a doctor in each hospital), not " + practitioners);
        }
        if (minEncountersPerPatient < 0 || minEncountersPerPatient > MAX_ENCOUNTERS) {
            throw new IllegalArgumentException("minEncountersPerPatient must be 0.." + MAX_ENCOUNTERS + ", not "
                    + minEncountersPerPatient);
        }
        if (maxEncountersPerPatient < minEncountersPerPatient || maxEncountersPerPatient > MAX_ENCOUNTERS) {
            throw new IllegalArgumentException("maxEncountersPerPatient must be " + minEncountersPerPatient + ".."
                    + MAX_ENCOUNTERS + ", not " + maxEncountersPerPatient);
        }
        share("minorShare", minorShare);
        share("researchConsentShare", researchConsentShare);
        if (referenceDate == null || referenceDate.isBefore(EARLIEST_REFERENCE) || referenceDate.isAfter(LATEST_REFERENCE)) {
            throw new IllegalArgumentException("referenceDate must be " + EARLIEST_REFERENCE + ".." + LATEST_REFERENCE
                    + ", not " + referenceDate);
        }
        if (historyYears < 1 || historyYears > 50) {
            throw new IllegalArgumentException("historyYears must be 1..50, not " + historyYears);
        }
        if (referenceDate.minusYears(historyYears).isBefore(EARLIEST_HISTORY)) {
            throw new IllegalArgumentException("the history of " + historyYears + " years before " + referenceDate
                    + " begins before " + EARLIEST_HISTORY + " (patient xids count seconds from 1970)");
        }
        if (!focusKeyword.isEmpty() && ClinicalCodes.matching(focusKeyword).isEmpty()) {
            throw new IllegalArgumentException("focusKeyword '" + focusKeyword + "' matches no embedded ICD-10-CM diagnosis");
        }
    }

    /**
     * The default: seed 42, 100 patients, 30 clinicians, 1–4 encounters each, 20 % minors, 30 % research
     * consents, reference date 2025-01-01, 10 years of history, no focus keyword.
     */
    public static SynthConfig defaults() {
        return new SynthConfig(42L, 100, 30, 1, 4, 0.2, 0.3, DEFAULT_REFERENCE_DATE, 10, "");
    }

    /**
     * The CLI demo's preset: 5 patients (one a minor), one doctor in each hospital, 1–3 encounters each,
     * every patient's first encounter about diabetes, so that a researcher's keyword query finds cases;
     * seed 11693 (seed A's article number).
     */
    public static SynthConfig demo() {
        return new SynthConfig(11693L, 5, 2, 1, 3, 0.2, 0.6, DEFAULT_REFERENCE_DATE, 5, "diabetes");
    }

    /** This config with {@code newSeed}. */
    public SynthConfig withSeed(long newSeed) {
        return new SynthConfig(newSeed, patients, practitioners, minEncountersPerPatient, maxEncountersPerPatient,
                minorShare, researchConsentShare, referenceDate, historyYears, focusKeyword);
    }

    /** This config with {@code count} patients. */
    public SynthConfig withPatients(int count) {
        return new SynthConfig(seed, count, practitioners, minEncountersPerPatient, maxEncountersPerPatient,
                minorShare, researchConsentShare, referenceDate, historyYears, focusKeyword);
    }

    /** This config with {@code count} clinicians. */
    public SynthConfig withPractitioners(int count) {
        return new SynthConfig(seed, patients, count, minEncountersPerPatient, maxEncountersPerPatient,
                minorShare, researchConsentShare, referenceDate, historyYears, focusKeyword);
    }

    /** This config with {@code min}–{@code max} encounters per patient. */
    public SynthConfig withEncountersPerPatient(int min, int max) {
        return new SynthConfig(seed, patients, practitioners, min, max, minorShare, researchConsentShare, referenceDate,
                historyYears, focusKeyword);
    }

    /** This config with {@code share} minors. */
    public SynthConfig withMinorShare(double share) {
        return new SynthConfig(seed, patients, practitioners, minEncountersPerPatient, maxEncountersPerPatient, share,
                researchConsentShare, referenceDate, historyYears, focusKeyword);
    }

    /** This config with reference date {@code date}. */
    public SynthConfig withReferenceDate(LocalDate date) {
        return new SynthConfig(seed, patients, practitioners, minEncountersPerPatient, maxEncountersPerPatient,
                minorShare, researchConsentShare, date, historyYears, focusKeyword);
    }

    /** This config with focus keyword {@code keyword} (empty for none). */
    public SynthConfig withFocusKeyword(String keyword) {
        return new SynthConfig(seed, patients, practitioners, minEncountersPerPatient, maxEncountersPerPatient,
                minorShare, researchConsentShare, referenceDate, historyYears, keyword);
    }

    /** The number of minors: {@code round(patients × minorShare)}. */
    public int minors() {
        return (int) Math.round(patients * minorShare);
    }

    private static void share(String name, double value) {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException(name + " must be in [0, 1], not " + value);
        }
    }
}
