package dev.ledgersim.bench.experiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One experiment: a network, a workload, a load model, a warm-up, a measured phase and optionally a sweep
 * over one parameter. Read from JSON ({@link #fromJson}) or a named preset ({@link #preset}); every field
 * left out takes its value from {@link #defaultsJson()}.
 *
 * <pre>{@code
 * {
 *   "name": "batch-size",
 *   "seed": 42,
 *   "network":  {"orgs": 2, "peersPerOrg": 1, "orderers": 1, "policy": "AND", "batchSize": 100,
 *                "batchTimeoutMs": 200, "storage": "memory", "runtime": "simulated", "crypto": "simulated"},
 *   "workload": {"type": "kv", "keys": 1000, "readRatio": 0.5, "distribution": "zipfian", "zipfTheta": 0.99},
 *   "load":     {"model": "fixed-load", "clients": 4, "outstanding": 25},
 *   "warmup":   {"transactions": 200},
 *   "duration": {"transactions": 2000},
 *   "sweep":    {"parameter": "network.batchSize", "values": [10, 50, 100, 500]}
 * }
 * }</pre>
 *
 * @param name a short name, used in file names and plot titles
 * @param description what the experiment shows
 * @param seed the seed of the network and of the workload generators
 * @param network the network
 * @param workload the workload
 * @param load the load model
 * @param warmup the unmeasured phase before the measurement
 * @param duration the measured phase
 * @param sweep the swept parameter, or {@code null} for a single point
 */
public record ExperimentSpec(String name, String description, long seed, NetworkSpec network, WorkloadSpec workload,
                             LoadSpec load, PhaseSpec warmup, PhaseSpec duration, SweepSpec sweep) {

    /** The presets, by name. */
    public static final List<String> PRESETS = List.of("quick", "batch-size", "contention", "load", "rate", "orgs", "policy",
            "storage", "private", "smallbank", "healthcare", "e2e-memory", "e2e-rocksdb", "ecdsa-concurrent",
            "million-rocksdb");

    /** Objects replaced as a whole when a file gives them (instead of merged field by field). */
    private static final List<String> REPLACED = List.of("warmup", "duration", "sweep");

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    /** One run of a sweep: the swept value (or {@code null}) and the experiment with it applied. */
    public record Point(JsonNode value, ExperimentSpec spec) {
        /** The value as a label, or the experiment's name without a sweep. */
        public String label() {
            return value == null ? spec.name() : SweepSpec.label(value);
        }
    }

    /**
     * Checks every field, the sweep included (each of its points must be valid).
     *
     * @throws ExperimentException naming the first bad field
     */
    public void validate() {
        if (name == null || !name.matches("[A-Za-z0-9_.-]+")) {
            throw new ExperimentException("name must be letters, digits, '_', '.' or '-'; got '" + name + "'");
        }
        Objects.requireNonNull(network, "network");
        network.validate();
        workload.create();
        load.validate();
        warmup.validate("warmup", false);
        duration.validate("duration", true);
        if (sweep != null) {
            if (sweep.values().isEmpty()) {
                throw new ExperimentException("sweep.values is empty: give at least one value for " + sweep.parameter());
            }
            for (Point p : points()) {
                p.spec().validate();
            }
        }
    }

    /** The points to run: one per sweep value, or this experiment alone. */
    public List<Point> points() {
        if (sweep == null) {
            return List.of(new Point(null, this));
        }
        ObjectNode base = MAPPER.valueToTree(this);
        base.putNull("sweep");
        String[] path = sweep.parameter().split("\\.");
        if (path.length != 2 || !base.path(path[0]).isObject() || !base.path(path[0]).has(path[1])) {
            throw new ExperimentException("sweep.parameter '" + sweep.parameter() + "' is not a field such as "
                    + "network.batchSize, workload.zipfTheta or load.outstanding (fields: " + leafPaths(base) + ")");
        }
        List<Point> out = new ArrayList<>();
        for (JsonNode value : sweep.values()) {
            ObjectNode copy = base.deepCopy();
            ((ObjectNode) copy.get(path[0])).set(path[1], value);
            out.add(new Point(value, bind(copy, "sweep value " + SweepSpec.label(value) + " of " + sweep.parameter())));
        }
        return out;
    }

    private static String leafPaths(ObjectNode base) {
        List<String> paths = new ArrayList<>();
        for (String group : List.of("network", "workload", "load", "warmup", "duration")) {
            base.path(group).fieldNames().forEachRemaining(f -> paths.add(group + "." + f));
        }
        return String.join(", ", paths);
    }

    /** The default of every field, as JSON. */
    public static ObjectNode defaultsJson() {
        return (ObjectNode) readTree(resource("defaults"), "the built-in defaults");
    }

    /**
     * An experiment from JSON text, over the defaults, validated.
     *
     * @param source names the text in error messages (a file name)
     * @throws ExperimentException for malformed JSON, unknown fields, wrong types or invalid values
     */
    public static ExperimentSpec fromJson(String json, String source) {
        JsonNode tree = readTree(json, source);
        if (!tree.isObject()) {
            throw new ExperimentException(source + ": an experiment is a JSON object, got " + tree.getNodeType());
        }
        ObjectNode merged = defaultsJson();
        for (Map.Entry<String, JsonNode> f : tree.properties()) {
            JsonNode current = merged.get(f.getKey());
            if (current != null && current.isObject() && f.getValue().isObject() && !REPLACED.contains(f.getKey())) {
                ((ObjectNode) current).setAll((ObjectNode) f.getValue());
            } else if (f.getValue().isObject() && (f.getKey().equals("warmup") || f.getKey().equals("duration"))) {
                ObjectNode phase = MAPPER.createObjectNode().put("transactions", 0).put("seconds", 0.0);
                merged.set(f.getKey(), phase.setAll((ObjectNode) f.getValue()));
            } else {
                merged.set(f.getKey(), f.getValue());
            }
        }
        ExperimentSpec spec = bind(merged, source);
        try {
            spec.validate();
        } catch (ExperimentException e) {
            throw new ExperimentException(source + ": " + e.getMessage(), e);
        }
        return spec;
    }

    /**
     * An experiment from a JSON file.
     *
     * @throws ExperimentException if the file is missing or unreadable, or as {@link #fromJson}
     */
    public static ExperimentSpec fromFile(Path file) {
        try {
            return fromJson(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (NoSuchFileException e) {
            throw new ExperimentException("no such experiment file: " + file);
        } catch (IOException e) {
            throw new ExperimentException("cannot read experiment file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * A preset by name (see {@link #PRESETS}).
     *
     * @throws ExperimentException for an unknown name
     */
    public static ExperimentSpec preset(String name) {
        if (!PRESETS.contains(name)) {
            throw new ExperimentException("unknown preset '" + name + "' (presets: " + String.join(", ", PRESETS) + ")");
        }
        return fromJson(resource(name), "preset " + name);
    }

    /** The JSON text of a preset, as shipped. */
    public static String presetJson(String name) {
        if (!PRESETS.contains(name)) {
            throw new ExperimentException("unknown preset '" + name + "' (presets: " + String.join(", ", PRESETS) + ")");
        }
        return resource(name);
    }

    /** This experiment as JSON. */
    public String toJson() {
        try {
            return MAPPER.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String resource(String name) {
        String path = "/dev/ledgersim/bench/experiments/" + name + ".json";
        try (InputStream in = ExperimentSpec.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read resource " + path, e);
        }
    }

    private static JsonNode readTree(String json, String source) {
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node == null || node.isMissingNode()) {
                throw new ExperimentException(source + ": empty file, expected a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new ExperimentException(source + ": malformed JSON" + (loc == null ? "" : " at line " + loc.getLineNr()
                    + ", column " + loc.getColumnNr()) + ": " + e.getOriginalMessage(), e);
        }
    }

    private static ExperimentSpec bind(ObjectNode tree, String source) {
        try {
            return MAPPER.treeToValue(tree, ExperimentSpec.class);
        } catch (UnrecognizedPropertyException e) {
            String where = path(e);
            throw new ExperimentException(source + ": unknown field '" + where + "' (known there: "
                    + e.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.joining(", ")) + ")", e);
        } catch (MismatchedInputException e) {
            throw new ExperimentException(source + ": field '" + path(e) + "' has the wrong type: " + e.getOriginalMessage(), e);
        } catch (JsonProcessingException e) {
            throw new ExperimentException(source + ": " + e.getOriginalMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new ExperimentException(source + ": " + e.getMessage(), e);
        }
    }

    private static String path(com.fasterxml.jackson.databind.JsonMappingException e) {
        return e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
    }
}
