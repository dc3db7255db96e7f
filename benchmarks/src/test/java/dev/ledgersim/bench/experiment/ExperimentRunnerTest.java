package dev.ledgersim.bench.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tiny experiments through the whole runner: networks, load, results, plots. */
class ExperimentRunnerTest {

    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private static ExperimentSpec tiny(String extra) {
        return ExperimentSpec.fromJson("""
                {"name": "tiny", "seed": 7,
                 "network": {"batchSize": 10, "batchTimeoutMs": 100},
                 "workload": {"keys": 20, "readRatio": 0.5, "distribution": "zipfian", "zipfTheta": 1.2},
                 "load": {"clients": 2, "outstanding": 5},
                 "warmup": {"transactions": 20},
                 "duration": {"transactions": 60}%s}
                """.formatted(extra), "tiny");
    }

    @Test
    void writesResultsThatParseAndPlotsThatAreValid(@TempDir Path out) throws Exception {
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        ExperimentSpec spec = tiny(", \"sweep\": {\"parameter\": \"network.batchSize\", \"values\": [5, 20]}");
        ExperimentResult result = new ExperimentRunner(new ProgressBar(new PrintStream(progress, true, StandardCharsets.UTF_8),
                "network.batchSize", false)).run(spec, out);

        assertEquals(2, result.points().size());
        for (PointResult p : result.points()) {
            assertEquals(60, p.submitted());
            assertEquals(60, p.committed() + p.endorseFailed() + p.submitFailed() + p.statusFailed());
            assertEquals(p.committed(), p.validationCodes().values().stream().mapToLong(Long::longValue).sum());
            assertTrue(p.tps() > 0 && p.wallTps() > 0 && p.runtimeSeconds() > 0, p.toString());
            assertEquals(p.committed(), p.timedTransactions(), "every committed transaction has its stage timings");
            Percentiles.Summary total = p.latency("total");
            assertTrue(total.p50() > 0 && total.p50() <= total.p95() && total.p95() <= total.p99() && total.p99() <= total.max());
            assertTrue(p.blocks() > 0 && p.meanBlockSize() > 0);
        }
        assertTrue(result.points().get(0).latency("order").mean() < result.points().get(1).latency("order").mean(),
                "smaller blocks are cut sooner");
        String bar = progress.toString(StandardCharsets.UTF_8);
        assertTrue(bar.contains("[2/2] network.batchSize=20") && bar.contains("100%"), bar);

        List<String> csv = Files.readAllLines(out.resolve("results.csv"));
        assertEquals(3, csv.size());
        assertEquals(ResultWriter.CSV_HEADER, csv.get(0));
        int columns = csv.get(0).split(",").length;
        for (String row : csv.subList(1, 3)) {
            String[] cells = row.split(",");
            assertEquals(columns, cells.length, row);
            Double.parseDouble(cells[Arrays.asList(csv.get(0).split(",")).indexOf("tps")]);
        }

        JsonNode json = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertEquals("tiny", json.path("experiment").path("name").asText());
        assertEquals(2, json.path("points").size());
        assertEquals(7, json.path("environment").path("seed").asLong());
        assertTrue(json.path("points").get(0).path("latencyMs").has("endorse"));
        JsonNode env = new ObjectMapper().readTree(out.resolve("environment.json").toFile());
        assertTrue(env.path("cores").asInt() >= 1 && !env.path("java").asText().isEmpty() && env.has("gitCommit"), env.toString());

        for (String plot : ResultWriter.PLOTS) {
            byte[] png = Files.readAllBytes(out.resolve(plot + ".png"));
            assertArrayEquals(PNG_MAGIC, Arrays.copyOf(png, 8), plot);
            var svg = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new ByteArrayInputStream(Files.readAllBytes(out.resolve(plot + ".svg"))));
            assertEquals("svg", svg.getDocumentElement().getTagName());
        }
    }

    @Test
    void theSimulatedRuntimeGivesTheSameResultsForTheSameSeed(@TempDir Path out) {
        ExperimentRunner runner = new ExperimentRunner(ProgressListener.none());
        PointResult a = runner.run(tiny(""), out.resolve("a")).points().get(0);
        PointResult b = runner.run(tiny(""), out.resolve("b")).points().get(0);
        assertEquals(a.validationCodes(), b.validationCodes());
        assertEquals(a.tps(), b.tps());
        assertEquals(a.latencyMs(), b.latencyMs());
        assertTrue(a.validationCodes().containsKey("MVCC_READ_CONFLICT"), "20 skewed keys conflict: " + a.validationCodes());
        assertTrue(a.conflictRate() > 0);
    }

    @Test
    void fixedRateStartsTransactionsAtTheRateAndTimeBoundsThePhase(@TempDir Path out) {
        ExperimentSpec spec = tiny(", \"load\": {\"model\": \"fixed-rate\", \"rate\": 50, \"clients\": 2, \"outstanding\": 10},"
                + " \"warmup\": {\"seconds\": 0.2}, \"duration\": {\"seconds\": 1}");
        PointResult p = new ExperimentRunner(ProgressListener.none()).run(spec, out).points().get(0);
        assertEquals(50, p.submitted(), "1 s of simulated time at 50 tx/s");
        assertEquals(50, p.tps(), 10, "an open loop below saturation commits what it sends");
    }

    @Test
    void smallBankAndHealthcareRunOnTheNetworkWithPrivateData(@TempDir Path out) {
        for (String workload : List.of("{\"type\": \"smallbank\", \"keys\": 30, \"privateWrites\": true}",
                "{\"type\": \"healthcare\", \"keys\": 30, \"privateWrites\": true}")) {
            PointResult p = new ExperimentRunner(ProgressListener.none())
                    .run(tiny(", \"workload\": " + workload), out.resolve(workload.contains("bank") ? "bank" : "care")).points().get(0);
            assertTrue(p.valid() > 30, workload + " " + p.validationCodes() + " " + p.errors());
        }
    }

    @Test
    void theConcurrentRuntimeRunsClientsOnThreads(@TempDir Path out) {
        ExperimentSpec spec = tiny(", \"network\": {\"runtime\": \"concurrent\", \"batchSize\": 10, \"batchTimeoutMs\": 20}");
        PointResult p = new ExperimentRunner(ProgressListener.none()).run(spec, out).points().get(0);
        assertEquals(60, p.submitted());
        assertTrue(p.committed() >= 55, p.toString());
        assertEquals(p.tps(), p.wallTps(), p.tps() * 0.5 + 1, "wall time is the runtime's time");
    }
}
