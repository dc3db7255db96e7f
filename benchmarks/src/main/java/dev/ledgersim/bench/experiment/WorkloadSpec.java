package dev.ledgersim.bench.experiment;

import dev.ledgersim.bench.workload.HealthcareWorkload;
import dev.ledgersim.bench.workload.KvWorkload;
import dev.ledgersim.bench.workload.SmallBankWorkload;
import dev.ledgersim.bench.workload.Workload;

/**
 * The workload of an experiment and its parameters (each workload uses the ones that apply to it).
 *
 * @param type {@code kv}, {@code smallbank} or {@code healthcare}
 * @param keys the key space: KV keys, SmallBank customers, healthcare patients
 * @param readRatio kv and healthcare: the fraction of reads
 * @param distribution how keys are chosen: {@code uniform} or {@code zipfian}
 * @param zipfTheta the Zipfian exponent (0 is uniform, 0.99 YCSB's default)
 * @param valueSize kv: characters per value; healthcare: characters per record
 * @param writeMode kv: {@code rmw} (read-modify-write, conflicts under contention) or {@code blind}
 * @param privateWrites whether the data goes to a private data collection instead of the public state
 */
public record WorkloadSpec(String type, int keys, double readRatio, String distribution, double zipfTheta, int valueSize,
                           String writeMode, boolean privateWrites) {

    /**
     * The workload.
     *
     * @throws ExperimentException for an unknown type or an invalid parameter
     */
    public Workload create() {
        try {
            return switch (type == null ? "" : type) {
                case "kv" -> new KvWorkload(keys, readRatio, distribution, zipfTheta, valueSize, writeMode, privateWrites);
                case "smallbank" -> new SmallBankWorkload(keys, distribution, zipfTheta, privateWrites);
                case "healthcare" -> new HealthcareWorkload(keys, readRatio, distribution, zipfTheta, valueSize, privateWrites);
                default -> throw new ExperimentException("workload.type must be one of kv, smallbank, healthcare; got '"
                        + type + "'");
            };
        } catch (IllegalArgumentException e) {
            throw new ExperimentException("workload." + e.getMessage(), e);
        }
    }
}
