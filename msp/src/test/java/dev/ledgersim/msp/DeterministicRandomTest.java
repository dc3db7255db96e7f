package dev.ledgersim.msp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DeterministicRandomTest {

    private static byte[] draw(DeterministicRandom random, int n) {
        byte[] out = new byte[n];
        random.nextBytes(out);
        return out;
    }

    @Test
    void sameSeedAndLabelGiveTheSameStream() {
        assertArrayEquals(draw(DeterministicRandom.fromSeed(42, "a"), 100), draw(DeterministicRandom.fromSeed(42, "a"), 100));
    }

    @Test
    void seedAndLabelBothChangeTheStream() {
        byte[] base = draw(DeterministicRandom.fromSeed(42, "a"), 64);
        assertFalse(Arrays.equals(base, draw(DeterministicRandom.fromSeed(43, "a"), 64)));
        assertFalse(Arrays.equals(base, draw(DeterministicRandom.fromSeed(42, "b"), 64)));
    }

    @Test
    void drawsInPiecesEqualOneDraw() {
        DeterministicRandom pieces = DeterministicRandom.fromSeed(9, "x");
        byte[] joined = new byte[77];
        System.arraycopy(draw(pieces, 5), 0, joined, 0, 5);
        System.arraycopy(draw(pieces, 40), 0, joined, 5, 40);
        System.arraycopy(draw(pieces, 32), 0, joined, 45, 32);
        assertArrayEquals(draw(DeterministicRandom.fromSeed(9, "x"), 77), joined);
    }

    @Test
    void forkDoesNotDependOnWhatTheParentDrew() {
        DeterministicRandom used = DeterministicRandom.fromSeed(1, "root");
        draw(used, 1000);
        byte[] fromUsed = draw(used.fork("child"), 32);
        byte[] fromFresh = draw(DeterministicRandom.fromSeed(1, "root").fork("child"), 32);
        assertArrayEquals(fromFresh, fromUsed);
        assertFalse(Arrays.equals(fromFresh, draw(DeterministicRandom.fromSeed(1, "root").fork("other"), 32)));
    }

    @Test
    void reseedingIsDeterministicToo() {
        DeterministicRandom a = DeterministicRandom.fromSeed(5, "s");
        DeterministicRandom b = DeterministicRandom.fromSeed(5, "s");
        a.setSeed(new byte[] {1, 2, 3});
        b.setSeed(new byte[] {1, 2, 3});
        assertArrayEquals(draw(a, 48), draw(b, 48));
        DeterministicRandom c = DeterministicRandom.fromSeed(5, "s");
        assertFalse(Arrays.equals(draw(c, 48), draw(DeterministicRandom.fromSeed(5, "s").fork("s"), 48)));
    }
}
