/**
 * Typed ledger stores on top of the byte-level {@link dev.ledgersim.ledger.storage.KvStore}: the
 * versioned world state with its savepoint ({@link dev.ledgersim.ledger.state.StateDb}), the key history
 * ({@link dev.ledgersim.ledger.state.HistoryIndex}), committed private data with BlockToLive expiry
 * ({@link dev.ledgersim.ledger.state.PrivateDataStore}), the BlockToLive schedule of the private and
 * hashed state ({@link dev.ledgersim.ledger.state.ExpiryKeeper}) and endorsement-time private data
 * ({@link dev.ledgersim.ledger.state.TransientStore}).
 *
 * <p>Each store declares the columns it needs ({@code COLUMNS}) and is built on a {@code KvStore}
 * opened with them. State, history and private data of a channel share one store, so that a block's
 * state updates, history entries, private data, purges and savepoint go into one
 * {@link dev.ledgersim.ledger.storage.WriteBatch} and commit atomically:
 *
 * <pre>{@code
 * KvStore ledger = factory.open("ledger", union(StateDb.COLUMNS, HistoryIndex.COLUMNS, PrivateDataStore.COLUMNS));
 * WriteBatch batch = ledger.newBatch();
 * history.add(batch, ns, key, modification);
 * privateData.put(batch, writeSet);
 * privateData.purgeKeys(batch, purgesOfThisBlock, codec::withoutKeys);
 * privateData.purgeExpired(batch, blockNum, btlOfCollection);
 * stateDb.apply(updates, blockNum, batch);   // adds state + savepoint, writes the whole batch
 * }</pre>
 *
 * <p>Namespaces and collection names match {@code [A-Za-z0-9_.+-]+}; keys are any non-empty,
 * well-formed string (U+0000 and U+10FFFF included) and are ordered by their UTF-8 bytes, as in Fabric.
 * Every encoding is documented on its store and is deterministic, so peers holding equal data hold
 * equal bytes.
 */
package dev.ledgersim.ledger.state;
