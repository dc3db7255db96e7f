/**
 * The runtime that drives every node of a network, and the simulated network between them.
 *
 * <p><b>For node authors</b> (peers, orderers, clients): implement {@link dev.ledgersim.network.runtime.Node};
 * do everything through the {@link dev.ledgersim.network.runtime.NodeContext} it is given — send,
 * schedule timers ({@code schedule} for work that matters, {@code scheduleBackground} for periodic
 * housekeeping), read the time, draw randomness, record state changes. Never block, sleep, read the
 * wall clock or use another random source: the same node then runs deterministically in the
 * {@link dev.ledgersim.network.runtime.SimulatedEngine} and in parallel in the
 * {@link dev.ledgersim.network.runtime.ConcurrentEngine}.
 *
 * <p><b>For API code</b> (the {@code LedgerSim} builder, the Gateway): build an
 * {@link dev.ledgersim.network.runtime.Engine} with {@link dev.ledgersim.network.runtime.Engines#create},
 * {@code register} the nodes, talk to a node with {@code call} (the action runs on the node's turn) and
 * {@code await} the result (virtual time advances in the simulated engine until it exists), inject
 * faults with {@code crash}/{@code restart} and {@link dev.ledgersim.network.runtime.NetworkFaults}, and
 * read the {@link dev.ledgersim.network.runtime.TraceRecorder}.
 *
 * <p><b>Faults</b> are values ({@link dev.ledgersim.network.runtime.Fault},
 * {@link dev.ledgersim.network.runtime.LinkConfig}); every random decision of the simulated network is
 * drawn from a stream derived from the seed by name ({@link dev.ledgersim.network.runtime.Seeds}).
 * Every exception an engine throws names the seed.
 */
package dev.ledgersim.network.runtime;
