package dev.ledgersim.bench.experiment;

import java.util.List;
import java.util.Map;

/**
 * What one point of an experiment measured. Counts and rates cover the measured phase only (transactions
 * started after the warm-up); times are the runtime's (simulated seconds in the simulated runtime, wall
 * seconds in the concurrent one) unless named wall.
 *
 * @param index the point's position in the sweep, from 0
 * @param parameter the swept field, or empty
 * @param value the swept value, or the experiment's name
 * @param submitted transactions started in the measured phase
 * @param committed those whose commit status came back (valid or not)
 * @param valid those committed valid
 * @param endorseFailed those refused at endorsement (contract error, policy not met, endorsers disagreeing)
 * @param submitFailed those the orderer refused
 * @param statusFailed those whose commit status never came back
 * @param validationCodes committed transactions per validation code
 * @param conflictRate MVCC and phantom read conflicts per committed transaction
 * @param tps committed transactions per second of the runtime's time
 * @param validTps valid transactions per second of the runtime's time
 * @param wallTps committed transactions per wall-clock second: how fast the simulator works
 * @param runtimeSeconds the measured phase in the runtime's time (first start to last commit)
 * @param wallSeconds the measured phase in wall time
 * @param blocks blocks committed during the measured phase
 * @param meanBlockSize their mean number of transactions
 * @param latencyMs per stage (endorse, order, validate, commit, total): distribution in milliseconds
 * @param timedTransactions how many transactions the latencies are computed from
 * @param cpuSeconds process CPU time during the measured phase, all threads
 * @param cpuMicrosPerTx CPU microseconds per committed transaction
 * @param heapUsedMb heap in use at the end of the phase
 * @param heapPeakMb the largest heap in use during the phase (just before a collection, or at its end)
 * @param heapAfterGcPeakMb the largest heap in use just after a collection during the phase: what the
 *     run holds on to, plus the garbage a young collection leaves in the old generation
 * @param errors the first distinct failure messages, for diagnosis
 */
public record PointResult(int index, String parameter, String value, long submitted, long committed, long valid,
                          long endorseFailed, long submitFailed, long statusFailed, Map<String, Long> validationCodes,
                          double conflictRate, double tps, double validTps, double wallTps, double runtimeSeconds,
                          double wallSeconds, long blocks, double meanBlockSize, Map<String, Percentiles.Summary> latencyMs,
                          long timedTransactions, double cpuSeconds, double cpuMicrosPerTx, double heapUsedMb,
                          double heapPeakMb, double heapAfterGcPeakMb, List<String> errors) {

    /** Copies. */
    public PointResult {
        validationCodes = Map.copyOf(validationCodes);
        latencyMs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(latencyMs));
        errors = List.copyOf(errors);
    }

    /** The latency of {@code stage}, or the empty summary. */
    public Percentiles.Summary latency(String stage) {
        return latencyMs.getOrDefault(stage, Percentiles.Summary.EMPTY);
    }
}
