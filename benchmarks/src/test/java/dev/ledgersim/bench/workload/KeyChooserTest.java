package dev.ledgersim.bench.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KeyChooserTest {

    @Test
    void zipfianProbabilitiesFollowTheLaw() {
        KeyChooser.Zipfian z = (KeyChooser.Zipfian) KeyChooser.zipfian(3, 1.0);
        assertEquals(6.0 / 11, z.probability(0), 1e-12);
        assertEquals(3.0 / 11, z.probability(1), 1e-12);
        assertEquals(2.0 / 11, z.probability(2), 1e-12);
        KeyChooser.Zipfian flat = (KeyChooser.Zipfian) KeyChooser.zipfian(4, 0.0);
        for (int i = 0; i < 4; i++) {
            assertEquals(0.25, flat.probability(i), 1e-12);
        }
    }

    @Test
    void drawsMatchTheProbabilitiesAndStayInRange() {
        KeyChooser.Zipfian z = (KeyChooser.Zipfian) KeyChooser.zipfian(100, 0.99);
        SplittableRandom random = new SplittableRandom(1);
        int[] counts = new int[100];
        int draws = 200_000;
        for (int i = 0; i < draws; i++) {
            counts[z.next(random)]++;
        }
        for (int i : new int[] {0, 1, 9, 99}) {
            double expected = z.probability(i) * draws;
            assertEquals(expected, counts[i], 5 * Math.sqrt(expected) + 1, "index " + i);
        }
        assertTrue(counts[0] > 10 * counts[99], "index 0 is hot, index 99 cold");
    }

    @Test
    void sameSeedSameKeys() {
        for (KeyChooser chooser : new KeyChooser[] {KeyChooser.uniform(1000), KeyChooser.zipfian(1000, 1.2)}) {
            SplittableRandom a = new SplittableRandom(42);
            SplittableRandom b = new SplittableRandom(42);
            for (int i = 0; i < 1000; i++) {
                assertEquals(chooser.next(a), chooser.next(b));
            }
        }
    }

    @Test
    void badParametersAreRefusedByName() {
        assertThrows(IllegalArgumentException.class, () -> KeyChooser.uniform(0));
        assertThrows(IllegalArgumentException.class, () -> KeyChooser.zipfian(10, -1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KeyChooser.of("gaussian", 10, 0));
        assertTrue(e.getMessage().contains("unknown key distribution 'gaussian'"), e.getMessage());
    }
}
