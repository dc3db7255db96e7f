package dev.ledgersim.healthcare.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The embedded code lists are well-formed. */
class ClinicalCodesTest {

    private static final Pattern ICD10CM = Pattern.compile("[A-TV-Z][0-9][0-9A-Z](\\.[0-9A-Z]{1,4})?|U07\\.1");
    private static final Pattern LOINC = Pattern.compile("[0-9]{1,7}-[0-9]");
    private static final Set<String> UCUM_UNITS = Set.of("/min", "mm[Hg]", "Cel", "%", "cm", "kg", "kg/m2", "mg/dL",
            "g/dL", "10*3/uL", "mmol/L", "m[IU]/L");

    /** LOINC's mod-10 check digit (the Luhn algorithm over the digits before the hyphen). */
    static boolean loincCheckDigitOk(String code) {
        String[] parts = code.split("-");
        int sum = 0;
        for (int i = 0; i < parts[0].length(); i++) {
            int d = parts[0].charAt(parts[0].length() - 1 - i) - '0';
            if (i % 2 == 0) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        return (10 - sum % 10) % 10 == Integer.parseInt(parts[1]);
    }

    @Test
    void listSizes() {
        assertEquals(49, ClinicalCodes.icd10cm().size());
        assertEquals(23, ClinicalCodes.loinc().size());
        assertEquals(15, ClinicalCodes.departments().size());
        assertEquals(ClinicalCodes.icd10cm().stream().filter(IcdCode::isDrug).map(IcdCode::medication).distinct().count(),
                ClinicalCodes.medications().size());
    }

    @Test
    void icdCodesAreWellFormedUniqueAndDescribed() {
        Set<String> seen = new HashSet<>();
        for (IcdCode icd : ClinicalCodes.icd10cm()) {
            assertTrue(ICD10CM.matcher(icd.code()).matches(), icd.code());
            assertTrue(seen.add(icd.code()), "duplicate " + icd.code());
            assertFalse(icd.display().isBlank());
            assertTrue(ClinicalCodes.departments().contains(icd.department()), icd.department());
            assertFalse(icd.treatment().isBlank());
            assertEquals(icd, ClinicalCodes.icd(icd.code()).orElseThrow());
        }
        assertTrue(ClinicalCodes.icd("E11.9").orElseThrow().display().contains("Type 2 diabetes"));
        assertEquals("Essential (primary) hypertension", ClinicalCodes.icd("I10").orElseThrow().display());
        assertTrue(ClinicalCodes.icd("J45.909").isPresent());
        assertTrue(ClinicalCodes.icd("X99.9").isEmpty());
    }

    @Test
    void loincCodesHaveValidCheckDigitsUcumUnitsAndSaneRanges() {
        assertTrue(loincCheckDigitOk("4548-4"));
        assertFalse(loincCheckDigitOk("4548-5"), "the check detects a typo");
        Set<String> seen = new HashSet<>();
        for (LoincCode loinc : ClinicalCodes.loinc()) {
            assertTrue(LOINC.matcher(loinc.code()).matches(), loinc.code());
            assertTrue(loincCheckDigitOk(loinc.code()), loinc.code() + " has a wrong check digit");
            assertTrue(seen.add(loinc.code()), "duplicate " + loinc.code());
            assertTrue(UCUM_UNITS.contains(loinc.unit()), loinc.unit());
            assertTrue(loinc.isPlausible(loinc.normalLow()) && loinc.isPlausible(loinc.normalHigh()), loinc.code());
        }
        // the brief's examples
        List<String[]> examples = List.of(new String[] {"2345-7", "mg/dL"}, new String[] {"4548-4", "%"},
                new String[] {"8480-6", "mm[Hg]"}, new String[] {"8462-4", "mm[Hg]"}, new String[] {"8867-4", "/min"},
                new String[] {"39156-5", "kg/m2"}, new String[] {"2093-3", "mg/dL"});
        for (String[] e : examples) {
            assertEquals(e[1], ClinicalCodes.loinc(e[0]).orElseThrow().unit(), e[0]);
        }
    }

    @Test
    void diagnosesReferOnlyToEmbeddedLoincCodes() {
        for (IcdCode icd : ClinicalCodes.icd10cm()) {
            for (String code : icd.tests()) {
                assertTrue(ClinicalCodes.loinc(code).isPresent(), icd.code() + " test " + code);
            }
            for (String code : icd.abnormal()) {
                assertTrue(ClinicalCodes.loinc(code).isPresent(), icd.code() + " abnormal " + code);
            }
        }
    }

    @Test
    void courseLengthsComeFromTheDosage() {
        assertEquals(3, ClinicalCodes.icd("N39.0").orElseThrow().courseDays());
        assertEquals(28, ClinicalCodes.icd("K29.70").orElseThrow().courseDays());
        assertEquals(7, ClinicalCodes.icd("K59.00").orElseThrow().courseDays(), "an acute course without a length");
        assertEquals(0, ClinicalCodes.icd("I10").orElseThrow().courseDays(), "chronic");
        assertEquals(0, ClinicalCodes.icd("J06.9").orElseThrow().courseDays(), "no drug");
        IcdCode covid = ClinicalCodes.icd("U07.1").orElseThrow();
        assertFalse(covid.fits(30, java.time.LocalDate.of(2019, 12, 31)));
        assertTrue(covid.fits(30, java.time.LocalDate.of(2020, 3, 1)));
    }

    @Test
    void keywordMatchingIgnoresCase() {
        List<IcdCode> diabetes = ClinicalCodes.matching("DIABETES");
        assertEquals(List.of("E10.9", "E11.9", "E11.65", "E11.22"), diabetes.stream().map(IcdCode::code).toList());
        assertTrue(ClinicalCodes.matching("dragon pox").isEmpty());
    }

    @Test
    void drawStaysInRangeAtTheScale() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(1);
        java.math.BigDecimal low = new java.math.BigDecimal("0.60");
        java.math.BigDecimal high = new java.math.BigDecimal("1.20");
        Set<java.math.BigDecimal> seen = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            java.math.BigDecimal v = SyntheticHealthGenerator.draw(r, low, high, 2);
            assertEquals(2, v.scale());
            assertTrue(v.compareTo(low) >= 0 && v.compareTo(high) <= 0, v.toPlainString());
            seen.add(v);
        }
        assertEquals(61, seen.size(), "every value 0.60..1.20 is reachable");
    }
}
