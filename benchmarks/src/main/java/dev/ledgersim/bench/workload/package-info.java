/**
 * Standard workloads for experiments, each a contract and a seeded generator of its transactions:
 * {@link dev.ledgersim.bench.workload.KvWorkload} (YCSB-like reads and writes over a key space, uniform
 * or Zipfian), {@link dev.ledgersim.bench.workload.SmallBankWorkload} (the six SmallBank transactions)
 * and {@link dev.ledgersim.bench.workload.HealthcareWorkload} (medical records entered, read and
 * authorised). Each can write to the public state or to a private data collection.
 *
 * <p>Determinism: a generator draws only from the {@link java.util.SplittableRandom} it is given, so the
 * same seed gives the same transactions.
 */
package dev.ledgersim.bench.workload;
