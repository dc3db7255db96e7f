package dev.ledgersim.cli;

import static dev.ledgersim.cli.Cli.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledgersim.bench.experiment.ResultWriter;
import dev.ledgersim.cli.Cli.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchCommandTest {

    @Test
    void runsAnExperimentFileAndWritesEverything(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("tiny.json"), """
                {"name": "tiny", "network": {"batchSize": 5},
                 "workload": {"keys": 50}, "load": {"clients": 2, "outstanding": 4},
                 "warmup": {"transactions": 10}, "duration": {"transactions": 40},
                 "sweep": {"parameter": "workload.readRatio", "values": [0.0, 1.0]}}
                """);
        Path out = dir.resolve("results");
        Run bench = run("bench", "--file", file.toString(), "--out", out.toString(), "--seed", "3");
        assertEquals(0, bench.status(), bench.err());
        assertTrue(bench.out().contains("Experiment tiny"), bench.out());
        assertTrue(bench.out().contains("workload.readRatio") && bench.out().contains("wall tx/s"), bench.out());
        assertTrue(bench.err().contains("[2/2] workload.readRatio=1.0"), "progress on stderr: " + bench.err());
        for (String name : ResultWriter.FILES) {
            assertTrue(Files.size(out.resolve(name)) > 0, name);
        }
        for (String plot : ResultWriter.PLOTS) {
            assertTrue(Files.size(out.resolve(plot + ".png")) > 0 && Files.size(out.resolve(plot + ".svg")) > 0, plot);
        }
        assertEquals(3, new ObjectMapper().readTree(out.resolve("results.json").toFile()).path("experiment").path("seed").asLong());
    }

    @Test
    void badExperimentsAreUsageErrors(@TempDir Path dir) throws Exception {
        Run none = run("bench");
        assertEquals(2, none.status());
        assertTrue(none.err().contains("give --quick, --preset NAME or --file FILE"), none.err());
        Run preset = run("bench", "--preset", "fastest");
        assertEquals(2, preset.status());
        assertTrue(preset.err().contains("unknown preset 'fastest'"), preset.err());
        Run missing = run("bench", "--file", dir.resolve("absent.json").toString());
        assertEquals(2, missing.status());
        assertTrue(missing.err().contains("no such experiment file: "), missing.err());
        Path typo = Files.writeString(dir.resolve("typo.json"), "{\"network\": {\"ordrers\": 3}}");
        Run bad = run("bench", "--file", typo.toString());
        assertEquals(2, bad.status());
        assertTrue(bad.err().contains("unknown field 'network.ordrers'"), bad.err());
        Run both = run("bench", "--quick", "--preset", "quick");
        assertEquals(2, both.status());
        assertTrue(both.err().contains("mutually exclusive"), both.err());
    }

    @Test
    void showsAndListsPresets() throws Exception {
        Run show = run("bench", "--preset", "contention", "--show");
        assertEquals(0, show.status(), show.err());
        assertEquals("workload.zipfTheta", new ObjectMapper().readTree(show.out()).path("sweep").path("parameter").asText());
        Run list = run("bench", "--list");
        assertEquals(0, list.status());
        assertTrue(list.out().contains("quick") && list.out().contains("ecdsa-concurrent"), list.out());
    }
}
