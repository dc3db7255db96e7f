package dev.ledgersim.cli;

import static dev.ledgersim.cli.Cli.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledgersim.cli.Cli.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

    @Test
    void demoTellsTheHealthcareStoryWithBlocksAndValidationCodes() {
        Run demo = run("demo");
        assertEquals(0, demo.status(), demo.err());
        String out = demo.out();
        assertTrue(out.contains("3 Raft orderers, channel emrchannel, RocksDB storage"), out);
        assertTrue(out.contains("the research peer holds only the hash of her personal data: "), out);
        assertTrue(out.contains("(value: none)"), out);
        assertTrue(out.contains("registers 3 synthetic patients (seeded generator)"), out);
        assertTrue(out.matches("(?s).*3\\. Dr Bob enters a case without Alice's permission\\n   -> block \\d+, VALID: Error! Permission denied.*"), out);
        assertTrue(out.matches("(?s).*4\\. Alice authorises Dr Bob\\n   -> block \\d+, VALID: Authorization complete.*"), out);
        assertTrue(out.matches("(?s).*5\\. Dr Bob enters the case again\\n   -> block \\d+, VALID: Submission complete.*"), out);
        assertTrue(out.contains("searches 'diabetes' on de-identified data: [{\"caseId\":\"case10001\",\"diagnosis\":\"Type 2 diabetes mellitus\""), out);
        String research = out.lines().filter(l -> l.startsWith("6. Rita")).findFirst().orElseThrow();
        assertTrue(!research.contains("alice") && !research.contains("Alice") && !research.contains("Beach Rd"),
                "the research view carries no identity or personal data: " + research);
        assertTrue(out.matches("(?s).*Alice revokes the consent\\n   -> block \\d+, VALID: .*\"status\":\"inactive\".*"), out);
        assertTrue(out.matches("(?s).*Dr Dan tries again\\n   -> block \\d+, VALID: Error! Permission denied.*"), out);
        assertTrue(out.contains("\"purpose\":\"BTG\""), out);
        assertTrue(out.contains("medical records (emrcc): 6 events, 2 denied: alice create, drbob update DENIED"), out);
        assertTrue(out.matches("(?s).*Dr Bob -> block (\\d+), VALID\\n   Dr Dan -> block \\1, MVCC_READ_CONFLICT.*"), out);
        assertTrue(out.contains("why: key 'alice' of emrcc was read at version"), out);
        assertTrue(out.contains("MVCC_READ_CONFLICT=1}"), out);
        assertTrue(out.contains("verifyChain OK on all 5 peers"), out);
        assertEquals(out, run("demo").out(), "the same seed tells the same story, block hashes included");
    }

    @Test
    void identitiesDemoShowsEveryStepWithTheExpectedVerdicts() {
        Run demo = run("demo", "--identities");
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
        assertEquals(run("demo", "--identities", "--seed", "7").out(), run("demo", "--identities", "--seed", "7").out());
        assertEquals(run("demo", "--identities", "--seed", "7").out(), run("demo", "--identities", "--seed=7").out());
        assertNotEquals(run("demo", "--identities", "--seed", "7").out(), run("demo", "--identities", "--seed", "8").out());
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
        Run badOption = run("demo", "--colour");
        assertEquals(2, badOption.status());
        assertTrue(badOption.err().contains("ledgersim demo: unknown option '--colour'"), badOption.err());
        assertTrue(badOption.err().contains("Run 'ledgersim demo --help' for usage."), badOption.err());
        Run none = run();
        assertEquals(2, none.status());
        assertTrue(none.err().contains("no command given") && none.err().contains("Commands:"), none.err());
        Run help = run("help");
        assertEquals(0, help.status());
        assertTrue(help.out().contains("demo [--seed N]"), help.out());
        assertTrue(help.out().contains("verify <dir>"), help.out());
        Run limit = run("trace", "x.json", "--limit", "-3");
        assertEquals(2, limit.status());
        assertTrue(limit.err().contains("--limit expects a number of 0 or more, got '-3'"), limit.err());
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : new String[] {"demo", "bench", "inspect", "verify", "trace"}) {
            Run help = run(command, "--help");
            assertEquals(0, help.status(), command);
            assertTrue(help.out().startsWith("Usage: ledgersim " + command), help.out());
            Run viaHelp = run("help", command);
            assertEquals(help.out(), viaHelp.out(), command);
        }
        Run version = run("--version");
        assertEquals(0, version.status());
        assertTrue(version.out().startsWith("ledgersim "), version.out());
    }

    @Test
    void missingFilesAndDirectoriesAreUsageErrors(@TempDir Path dir) throws Exception {
        Run inspect = run("inspect", dir.resolve("nowhere").toString());
        assertEquals(2, inspect.status());
        assertTrue(inspect.err().contains("ledgersim inspect: no such directory: "), inspect.err());
        Run verify = run("verify", dir.toString());
        assertEquals(2, verify.status());
        assertTrue(verify.err().contains("no ledger found under " + dir), verify.err());
        Run trace = run("trace", dir.resolve("trace.json").toString());
        assertEquals(2, trace.status());
        assertTrue(trace.err().contains("no such trace file: "), trace.err());
        Path notATrace = Files.writeString(dir.resolve("other.json"), "{\"format\": \"something else\"}");
        Run wrong = run("trace", notATrace.toString());
        assertEquals(2, wrong.status());
        assertTrue(wrong.err().contains("is not a LedgerSim trace"), wrong.err());
        Run noArg = run("verify");
        assertEquals(2, noArg.status());
        assertTrue(noArg.err().contains("missing <dir>"), noArg.err());
    }
}
