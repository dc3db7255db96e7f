package dev.ledgersim.bench.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentSpecTest {

    @Test
    void everyPresetIsValidAndDescribed() {
        for (String name : ExperimentSpec.PRESETS) {
            ExperimentSpec spec = ExperimentSpec.preset(name);
            spec.validate();
            assertEquals(name, spec.name());
            assertTrue(!spec.description().isBlank(), name + " has a description");
        }
        ExperimentSpec quick = ExperimentSpec.preset("quick");
        assertEquals("simulated", quick.network().crypto());
        assertEquals("memory", quick.network().storage());
        assertEquals(5, quick.points().size());
        assertEquals("fixed-rate", quick.load().model());
    }

    @Test
    void aFileOverridesTheDefaultsFieldByField() {
        ExperimentSpec spec = ExperimentSpec.fromJson("""
                // comments are allowed
                {"name": "mine", "network": {"orgs": 3, "policy": "MAJORITY"},
                 "workload": {"type": "smallbank", "keys": 50},
                 "duration": {"seconds": 2.5}}
                """, "mine.json");
        assertEquals(3, spec.network().orgs());
        assertEquals(1, spec.network().peersPerOrg(), "default kept");
        assertEquals("OutOf(2, 'Org1MSP.peer', 'Org2MSP.peer', 'Org3MSP.peer')", spec.network().endorsementPolicy());
        assertEquals("smallbank", spec.workload().create().name());
        assertEquals(0, spec.duration().transactions(), "a phase object replaces the default phase");
        assertEquals(2.5, spec.duration().seconds());
        assertNull(spec.sweep());
    }

    @Test
    void aSweepAppliesEachValueToItsField() {
        ExperimentSpec spec = ExperimentSpec.fromJson("""
                {"sweep": {"parameter": "network.policy", "values": ["OR", "AND"]}}
                """, "sweep.json");
        List<ExperimentSpec.Point> points = spec.points();
        assertEquals(List.of("OR", "AND"), points.stream().map(ExperimentSpec.Point::label).toList());
        assertEquals("OR", points.get(0).spec().network().policy());
        assertNull(points.get(1).spec().sweep());
    }

    @Test
    void mistakesAreNamedWithTheirPlace(@TempDir Path dir) throws Exception {
        ExperimentException unknown = assertThrows(ExperimentException.class,
                () -> ExperimentSpec.fromJson("{\"network\": {\"batchsize\": 10}}", "a.json"));
        assertTrue(unknown.getMessage().contains("a.json: unknown field 'network.batchsize'"), unknown.getMessage());
        assertTrue(unknown.getMessage().contains("batchSize"), "the known fields are listed: " + unknown.getMessage());

        ExperimentException malformed = assertThrows(ExperimentException.class,
                () -> ExperimentSpec.fromJson("{\n  \"seed\": 1,,\n}", "b.json"));
        assertTrue(malformed.getMessage().contains("b.json: malformed JSON at line 2"), malformed.getMessage());

        ExperimentException type = assertThrows(ExperimentException.class,
                () -> ExperimentSpec.fromJson("{\"load\": {\"clients\": \"many\"}}", "c.json"));
        assertTrue(type.getMessage().contains("'load.clients' has the wrong type"), type.getMessage());

        ExperimentException range = assertThrows(ExperimentException.class,
                () -> ExperimentSpec.fromJson("{\"network\": {\"storage\": \"couchdb\"}}", "d.json"));
        assertTrue(range.getMessage().contains("network.storage must be one of memory, rocksdb; got 'couchdb'"), range.getMessage());

        ExperimentException both = assertThrows(ExperimentException.class,
                () -> ExperimentSpec.fromJson("{\"duration\": {\"transactions\": 5, \"seconds\": 1}}", "e.json"));
        assertTrue(both.getMessage().contains("duration: give transactions or seconds, not both"), both.getMessage());

        ExperimentException sweep = assertThrows(ExperimentException.class,
                () -> ExperimentSpec.fromJson("{\"sweep\": {\"parameter\": \"network.speed\", \"values\": [1]}}", "f.json"));
        assertTrue(sweep.getMessage().contains("sweep.parameter 'network.speed' is not a field"), sweep.getMessage());

        ExperimentException workload = assertThrows(ExperimentException.class,
                () -> ExperimentSpec.fromJson("{\"workload\": {\"readRatio\": 1.5}}", "g.json"));
        assertTrue(workload.getMessage().contains("readRatio must be in [0, 1]"), workload.getMessage());

        ExperimentException policy = assertThrows(ExperimentException.class,
                () -> ExperimentSpec.fromJson("{\"network\": {\"policy\": \"AND('Org1MSP.peer', Org2MSP.peer)\"}}", "h.json"));
        assertTrue(policy.getMessage().contains("network.policy is not a valid policy"), policy.getMessage());

        ExperimentException missing = assertThrows(ExperimentException.class,
                () -> ExperimentSpec.fromFile(dir.resolve("absent.json")));
        assertTrue(missing.getMessage().startsWith("no such experiment file:"), missing.getMessage());

        Path file = dir.resolve("ok.json");
        Files.writeString(file, "{\"name\": \"from-file\"}");
        assertEquals("from-file", ExperimentSpec.fromFile(file).name());

        ExperimentException preset = assertThrows(ExperimentException.class, () -> ExperimentSpec.preset("fastest"));
        assertTrue(preset.getMessage().contains("unknown preset 'fastest' (presets: quick,"), preset.getMessage());
    }

    @Test
    void theJsonFormIsReadBackAsTheSameExperiment() {
        ExperimentSpec spec = ExperimentSpec.preset("contention");
        assertEquals(spec, ExperimentSpec.fromJson(spec.toJson(), "round trip"));
    }
}
