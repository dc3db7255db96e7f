package dev.ledgersim.bench.workload;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One transaction a workload wants submitted.
 *
 * @param function the contract function
 * @param args its string arguments
 * @param transientData private inputs that reach only the endorsers (sorted by name)
 */
public record TxRequest(String function, List<String> args, Map<String, byte[]> transientData) {

    /** Validates and copies. */
    public TxRequest {
        Objects.requireNonNull(function, "function");
        args = List.copyOf(args);
        transientData = java.util.Collections.unmodifiableMap(new TreeMap<>(transientData));
    }

    /** A request without private inputs. */
    public static TxRequest of(String function, String... args) {
        return new TxRequest(function, List.of(args), Map.of());
    }

    @Override
    public String toString() {
        return function + args + (transientData.isEmpty() ? "" : " transient " + transientData.keySet());
    }
}
