/**
 * The ordering service: Fabric's etcdraft orderer, one {@link dev.ledgersim.orderer.ChannelOrderer} per
 * channel per node, grouped by {@link dev.ledgersim.orderer.OrdererNode}.
 *
 * <p>Every orderer is a pure event-driven object, like the {@link dev.ledgersim.raft.RaftNode} it wraps:
 * the driver delivers one event at a time — {@code tick()}, {@code step(OrdererMessage)},
 * {@code broadcast(Envelope, Instant)}, {@code batchTimeout(id)} — and carries out the returned
 * {@link dev.ledgersim.orderer.Effects}: messages to other orderers, batch timer commands, the broadcast
 * response, blocks newly committed (for deliver subscribers) and envelopes dropped by a leadership
 * change. No thread, no clock, no randomness but the seeded source in the configuration.
 *
 * <p>The other nouns: {@link dev.ledgersim.orderer.ChannelOrdererConfig} (validated, Fabric's defaults),
 * {@link dev.ledgersim.orderer.BatchConfig} and {@link dev.ledgersim.orderer.BlockCutter} (Fabric's
 * block cutter), {@link dev.ledgersim.orderer.RaftOptions} (etcdraft options),
 * {@link dev.ledgersim.orderer.OrdererBlocks} (block creation and signature checks),
 * {@link dev.ledgersim.orderer.raftlog.RocksDbRaftStorage} (the durable Raft log).
 */
package dev.ledgersim.orderer;
