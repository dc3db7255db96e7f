package dev.ledgersim.healthcare.synth;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One diagnosis of the embedded ICD-10-CM list ({@link ClinicalCodes#icd10cm()}) with what the generator
 * needs to make a plausible case of it.
 *
 * @param code the ICD-10-CM code, e.g. {@code E11.9}
 * @param display its description, e.g. {@code Type 2 diabetes mellitus without complications}
 * @param department the department that treats it (adults; minors go to {@link ClinicalCodes#PAEDIATRICS}
 *     unless it is {@link ClinicalCodes#EMERGENCY} or {@link ClinicalCodes#SURGERY})
 * @param minAge the youngest age (years) it is generated for
 * @param maxAge the oldest age (years) it is generated for
 * @param chronic whether it persists (follow-up encounters, no abatement) or resolves
 * @param encounterClass the v3-ActCode encounter class of a first visit: {@code AMB}, {@code EMER} or {@code IMP}
 * @param weight the relative frequency of the diagnosis (at least 1)
 * @param tests LOINC codes of laboratory tests ordered for it (copied)
 * @param abnormal LOINC codes (tests or vital signs) usually abnormal with it (copied)
 * @param medication the drug prescribed as text, or null when the treatment is not a drug
 * @param dosage the dosage instruction of the drug, or null
 * @param plan the non-drug treatment, or null when a drug is prescribed
 * @param firstSeen the first day the diagnosis is generated (COVID-19 not before 2020-03-01)
 */
public record IcdCode(String code, String display, String department, int minAge, int maxAge, boolean chronic,
                      String encounterClass, int weight, List<String> tests, List<String> abnormal, String medication,
                      String dosage, String plan, LocalDate firstSeen) {

    /** The {@code firstSeen} of diagnoses that have always existed. */
    public static final LocalDate ALWAYS = LocalDate.of(1900, 1, 1);

    private static final Pattern COURSE = Pattern.compile("for (\\d+) (day|week)s?");

    /** The code system URI of ICD-10-CM in FHIR. */
    public static final String SYSTEM = "http://hl7.org/fhir/sid/icd-10-cm";

    /** Checks and copies. */
    public IcdCode {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(display, "display");
        Objects.requireNonNull(department, "department");
        Objects.requireNonNull(encounterClass, "encounterClass");
        Objects.requireNonNull(firstSeen, "firstSeen");
        tests = List.copyOf(tests);
        abnormal = List.copyOf(abnormal);
        if ((medication == null) == (plan == null) || (medication == null) != (dosage == null)) {
            throw new IllegalArgumentException(code + ": either a medication with its dosage or a plan");
        }
        if (minAge < 0 || maxAge < minAge || weight < 1) {
            throw new IllegalArgumentException(code + ": bad age range or weight");
        }
    }

    /** Whether the treatment is a drug (a MedicationRequest is written). */
    public boolean isDrug() {
        return medication != null;
    }

    /** Whether it is generated for a patient aged {@code years}. */
    public boolean fitsAge(long years) {
        return years >= minAge && years <= maxAge;
    }

    /** Whether it is generated for a patient aged {@code years} on {@code day}. */
    public boolean fits(long years, LocalDate day) {
        return fitsAge(years) && !day.isBefore(firstSeen);
    }

    /**
     * The length of an acute drug course in days: the "for N days" / "for N weeks" of the dosage, else 7;
     * 0 for a chronic diagnosis or a non-drug treatment (nothing stops).
     */
    public int courseDays() {
        if (chronic || !isDrug()) {
            return 0;
        }
        Matcher m = COURSE.matcher(dosage);
        if (!m.find()) {
            return 7;
        }
        int n = Integer.parseInt(m.group(1));
        return "week".equals(m.group(2)) ? 7 * n : n;
    }

    /** The treatment in words: the drug and its dosage, or the plan. */
    public String treatment() {
        return isDrug() ? medication + ", " + dosage : plan;
    }
}
