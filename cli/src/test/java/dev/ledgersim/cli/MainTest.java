package dev.ledgersim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MainTest {

    private record Run(int status, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void demoShowsEveryStepWithTheExpectedVerdicts() {
        Run demo = run("demo");
        assertEquals(0, demo.status(), demo.err());
        String out = demo.out();
        assertTrue(out.contains("peer0.org1msp -> valid"), out);
        assertTrue(out.contains("AND('Org1MSP.peer', 'Org2MSP.peer') signed by [peer0.org1msp, peer0.org2msp] -> satisfied"), out);
        assertTrue(out.contains("signed by [peer0.org1msp, drbob] -> NOT satisfied"), out);
        assertTrue(out.contains("payload changed after signing          -> REJECTED"), out);
        assertTrue(out.contains("high-S twin (r, N-s) of a valid sig    -> REJECTED"), out);
        assertTrue(out.contains("after: REVOKED: the certificate of 'mallory' (MSP Org1MSP) has been revoked"), out);
        assertTrue(out.contains("but a proposal on day 45 is refused"), out);
        assertTrue(out.contains("unrecognized token 'Org2MSP.peer'"), out);
    }

    @Test
    void demoIsAFunctionOfTheSeed() {
        assertEquals(run("demo", "--seed", "7").out(), run("demo", "--seed", "7").out());
        assertNotEquals(run("demo", "--seed", "7").out(), run("demo", "--seed", "8").out());
    }

    @Test
    void badCommandLinesGetAClearMessageAndStatus2() {
        Run unknown = run("frobnicate");
        assertEquals(2, unknown.status());
        assertTrue(unknown.err().contains("unknown command 'frobnicate'"), unknown.err());
        Run badSeed = run("demo", "--seed", "forty-two");
        assertEquals(2, badSeed.status());
        assertTrue(badSeed.err().contains("--seed expects a whole number, got 'forty-two'"), badSeed.err());
        Run missing = run("demo", "--seed");
        assertEquals(2, missing.status());
        assertTrue(missing.err().contains("--seed needs a value"), missing.err());
        assertEquals(2, run().status());
        Run help = run("help");
        assertEquals(0, help.status());
        assertTrue(help.out().contains("demo [--seed N]"));
    }
}
