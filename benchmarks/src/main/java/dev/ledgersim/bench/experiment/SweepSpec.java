package dev.ledgersim.bench.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A parameter sweep: the experiment runs once for each value of one field.
 *
 * @param parameter the field's path, e.g. {@code network.batchSize}, {@code workload.zipfTheta},
 *     {@code load.outstanding}
 * @param values its values, as JSON (numbers, strings, booleans)
 */
public record SweepSpec(String parameter, List<JsonNode> values) {

    /** Copies. */
    public SweepSpec {
        values = values == null ? List.of() : List.copyOf(values);
    }

    /** The value as a label: text without quotes, numbers as written. */
    public static String label(JsonNode value) {
        return value.isTextual() ? value.asText() : value.toString();
    }
}
