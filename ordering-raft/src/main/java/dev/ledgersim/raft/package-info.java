/**
 * Raft consensus as a pure state machine, in the style of etcd-io/raft's {@code RawNode}: no
 * threads, no clock, no I/O, and nothing but the JDK (a test enforces it). Raft replicates opaque
 * {@code byte[]} entries; it knows nothing of blocks.
 *
 * <p>The nouns: {@link dev.ledgersim.raft.RaftNode} (the state machine: {@code tick}, {@code step},
 * {@code propose}, {@code ready}, {@code advance}), {@link dev.ledgersim.raft.RaftConfig} (validated,
 * Fabric's defaults), {@link dev.ledgersim.raft.RaftMessage} (the sealed family of messages),
 * {@link dev.ledgersim.raft.Ready} (what the driver must persist, send and apply),
 * {@link dev.ledgersim.raft.RaftStorage} (the durable log SPI) and its in-memory implementation.
 *
 * <p>A driver loop, single-threaded:
 * <pre>{@code
 * on timer:            node.tick();
 * on message m:        node.step(m);
 * on client request:   node.propose(bytes);   // a result value, never an exception
 * then, while (node.hasReady()) {
 *     Ready rd = node.ready();
 *     storage.persist(rd);                 // 1. durable before anything is sent
 *     transport.send(rd.messages());       // 2.
 *     stateMachine.restore(rd.snapshot()); // 3. if non-null, then apply committed entries
 *     rd.committedEntries().forEach(stateMachine::apply);
 *     node.advance(rd);
 * }
 * }</pre>
 */
package dev.ledgersim.raft;
