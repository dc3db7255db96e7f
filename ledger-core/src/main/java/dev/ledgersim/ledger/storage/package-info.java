/**
 * The byte-level storage SPI: ordered key-value stores with named columns, atomic write batches and
 * range iteration, with a RocksDB implementation ({@link dev.ledgersim.ledger.storage.RocksDbKvStore}
 * sharing one {@link dev.ledgersim.ledger.storage.RocksDbResources} per JVM) and an in-memory one
 * ({@link dev.ledgersim.ledger.storage.InMemoryKvStore}). Typed stores (world state, history, private
 * data) live above this in {@code dev.ledgersim.ledger.state} and never see RocksDB.
 *
 * <p>Keys and values are byte arrays; keys are ordered lexicographically by <em>unsigned</em> bytes
 * in every implementation, so {@code 0x00 < 0x7F < 0x80 < 0xFF}. Every array passed in is copied and
 * every array returned is fresh (the caller owns it).
 */
package dev.ledgersim.ledger.storage;
