package dev.ledgersim.healthcare.synth;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One observation of the embedded LOINC subset ({@link ClinicalCodes#loinc()}) with its UCUM unit and the
 * value ranges the generator draws from. Ranges are for adults; the generator adjusts vital signs and body
 * measures to the patient's age, always inside {@code [plausibleLow, plausibleHigh]}.
 *
 * @param code the LOINC code, e.g. {@code 2345-7}
 * @param display the LOINC long common name
 * @param shortName a short name for case text, e.g. {@code Glucose}
 * @param unit the UCUM unit code, e.g. {@code mg/dL}
 * @param category the FHIR observation category: {@code vital-signs} or {@code laboratory}
 * @param normalLow the low end of the usual value of a healthy adult
 * @param normalHigh the high end of the usual value of a healthy adult
 * @param abnormalLow the low end of the value typical of the diagnoses that list this code as abnormal
 * @param abnormalHigh the high end of that value
 * @param plausibleLow the lowest value ever generated
 * @param plausibleHigh the highest value ever generated
 * @param scale the number of decimals
 */
public record LoincCode(String code, String display, String shortName, String unit, String category,
                        BigDecimal normalLow, BigDecimal normalHigh, BigDecimal abnormalLow, BigDecimal abnormalHigh,
                        BigDecimal plausibleLow, BigDecimal plausibleHigh, int scale) {

    /** The code system URI of LOINC. */
    public static final String SYSTEM = "http://loinc.org";
    /** The code system URI of UCUM. */
    public static final String UCUM = "http://unitsofmeasure.org";
    /** The code system of the observation categories. */
    public static final String CATEGORY_SYSTEM = "http://terminology.hl7.org/CodeSystem/observation-category";
    /** The vital-signs category. */
    public static final String VITAL_SIGNS = "vital-signs";
    /** The laboratory category. */
    public static final String LABORATORY = "laboratory";

    /** Checks. */
    public LoincCode {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(display, "display");
        Objects.requireNonNull(shortName, "shortName");
        Objects.requireNonNull(unit, "unit");
        if (!VITAL_SIGNS.equals(category) && !LABORATORY.equals(category)) {
            throw new IllegalArgumentException(code + ": category " + category);
        }
        for (BigDecimal bound : new BigDecimal[] {normalLow, normalHigh, abnormalLow, abnormalHigh}) {
            if (bound.compareTo(plausibleLow) < 0 || bound.compareTo(plausibleHigh) > 0) {
                throw new IllegalArgumentException(code + ": range bound " + bound + " outside the plausible range");
            }
        }
        if (normalLow.compareTo(normalHigh) > 0 || abnormalLow.compareTo(abnormalHigh) > 0 || scale < 0) {
            throw new IllegalArgumentException(code + ": bad range or scale");
        }
    }

    /** Whether {@code value} lies in {@code [plausibleLow, plausibleHigh]} and has at most {@link #scale} decimals. */
    public boolean isPlausible(BigDecimal value) {
        return value.compareTo(plausibleLow) >= 0 && value.compareTo(plausibleHigh) <= 0
                && value.stripTrailingZeros().scale() <= scale;
    }
}
