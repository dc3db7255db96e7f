/**
 * The durable Raft log of an orderer: {@link dev.ledgersim.orderer.raftlog.RocksDbRaftStorage}, a
 * {@link dev.ledgersim.raft.RaftStorage} over a ledger-core {@code KvStore}, and its record encoding
 * {@link dev.ledgersim.orderer.raftlog.RaftLogCodec}.
 */
package dev.ledgersim.orderer.raftlog;
