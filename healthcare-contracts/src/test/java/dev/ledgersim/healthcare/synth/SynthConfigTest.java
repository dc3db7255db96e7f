package dev.ledgersim.healthcare.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** SynthConfig's presets, withers and validation. */
class SynthConfigTest {

    @Test
    void defaultsAndDemoAreTheDocumentedPresets() {
        SynthConfig d = SynthConfig.defaults();
        assertEquals(42L, d.seed());
        assertEquals(100, d.patients());
        assertEquals(30, d.practitioners());
        assertEquals(1, d.minEncountersPerPatient());
        assertEquals(4, d.maxEncountersPerPatient());
        assertEquals(20, d.minors());
        assertEquals(LocalDate.of(2025, 1, 1), d.referenceDate());
        assertEquals("", d.focusKeyword());

        SynthConfig demo = SynthConfig.demo();
        assertEquals(5, demo.patients());
        assertEquals(2, demo.practitioners());
        assertEquals(1, demo.minors());
        assertEquals("diabetes", demo.focusKeyword());
    }

    @Test
    void withersChangeOneValue() {
        SynthConfig d = SynthConfig.defaults();
        assertEquals(7L, d.withSeed(7).seed());
        assertEquals(d.patients(), d.withSeed(7).patients());
        assertEquals(3, d.withPatients(3).patients());
        assertEquals(4, d.withPractitioners(4).practitioners());
        SynthConfig range = d.withEncountersPerPatient(0, 9);
        assertEquals(0, range.minEncountersPerPatient());
        assertEquals(9, range.maxEncountersPerPatient());
        assertEquals(0.5, d.withMinorShare(0.5).minorShare());
        assertEquals(LocalDate.of(2030, 6, 1), d.withReferenceDate(LocalDate.of(2030, 6, 1)).referenceDate());
        assertEquals("asthma", d.withFocusKeyword("  asthma ").focusKeyword(), "the keyword is stripped");
        assertEquals("", d.withFocusKeyword(null).focusKeyword());
    }

    @Test
    void minorsAreTheRoundedShare() {
        assertEquals(0, SynthConfig.defaults().withMinorShare(0).minors());
        assertEquals(100, SynthConfig.defaults().withMinorShare(1).minors());
        assertEquals(2, SynthConfig.defaults().withPatients(3).withMinorShare(0.5).minors(), "3 x 0.5 = 1.5 rounds half up");
        assertEquals(1, SynthConfig.defaults().withPatients(7).withMinorShare(0.2).minors(), "7 x 0.2 = 1.4 rounds down");
    }

    @Test
    void refusesValuesOutOfRange() {
        SynthConfig d = SynthConfig.defaults();
        List<Supplier<SynthConfig>> bad = List.of(
                () -> d.withPatients(0),
                () -> d.withPatients(SynthConfig.MAX_PATIENTS + 1),
                () -> d.withPractitioners(1),
                () -> d.withEncountersPerPatient(-1, 2),
                () -> d.withEncountersPerPatient(3, 2),
                () -> d.withEncountersPerPatient(1, SynthConfig.MAX_ENCOUNTERS + 1),
                () -> d.withMinorShare(-0.1),
                () -> d.withMinorShare(1.01),
                () -> d.withMinorShare(Double.NaN),
                () -> d.withReferenceDate(null),
                () -> d.withReferenceDate(LocalDate.of(1989, 12, 31)),
                () -> d.withReferenceDate(LocalDate.of(2101, 1, 1)),
                () -> d.withFocusKeyword("dragon pox"),
                () -> new SynthConfig(1, 10, 4, 1, 2, 0.1, 1.5, SynthConfig.DEFAULT_REFERENCE_DATE, 10, ""),
                () -> new SynthConfig(1, 10, 4, 1, 2, 0.1, 0.1, SynthConfig.DEFAULT_REFERENCE_DATE, 0, ""),
                () -> new SynthConfig(1, 10, 4, 1, 2, 0.1, 0.1, SynthConfig.DEFAULT_REFERENCE_DATE, 51, ""),
                () -> new SynthConfig(1, 10, 4, 1, 2, 0.1, 0.1, LocalDate.of(1995, 1, 1), 30, ""));
        for (int i = 0; i < bad.size(); i++) {
            Supplier<SynthConfig> s = bad.get(i);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, s::get, "case " + i);
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), "case " + i + " explains itself");
        }
    }

    @Test
    void messagesNameTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SynthConfig.defaults().withEncountersPerPatient(3, 2));
        assertTrue(e.getMessage().contains("maxEncountersPerPatient"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SynthConfig.defaults().withFocusKeyword("dragon pox"));
        assertTrue(e.getMessage().contains("dragon pox"), e.getMessage());
    }
}
