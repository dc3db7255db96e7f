package dev.ledgersim.ledger.commit;

import dev.ledgersim.ledger.state.StateDb;

/**
 * The BlockToLive of each private data collection (FABRIC.md §6.4), as the committed chaincode
 * definitions say: data committed in block N is purged when block N + BTL + 1 commits; 0 means never.
 * The ledger asks with its committed state, so that the answer needs nothing but the ledger (it is
 * also needed while replaying blocks when the ledger opens).
 */
@FunctionalInterface
public interface BlockToLive {

    /** Nothing ever expires. */
    BlockToLive NEVER = (committed, namespace, collection) -> 0;

    /**
     * The BlockToLive of {@code namespace}/{@code collection}: 0 (never) when the collection is unknown.
     *
     * @param committed the world state as of the last committed block
     */
    long blockToLive(StateDb committed, String namespace, String collection);
}
