package dev.ledgersim.gateway;

import dev.ledgersim.ledger.Block;

/** A channel as a client sees it (Fabric Gateway's {@code Network}). */
public interface Network {

    /** The channel name. */
    String getName();

    /** The chaincode {@code chaincodeName} (its default contract). */
    Contract getContract(String chaincodeName);

    /** The contract {@code contractName} of chaincode {@code chaincodeName}. */
    Contract getContract(String chaincodeName, String contractName);

    /** Events of {@code chaincodeName} from transactions committed from now on. */
    CloseableIterator<ChaincodeEvent> getChaincodeEvents(String chaincodeName);

    /** Events of {@code chaincodeName} from block {@code startBlock} on (replayed, then live). */
    CloseableIterator<ChaincodeEvent> getChaincodeEvents(String chaincodeName, long startBlock);

    /** Blocks committed by the gateway peer from now on. */
    CloseableIterator<Block> getBlockEvents();

    /** Blocks from {@code startBlock} on (replayed, then live). */
    CloseableIterator<Block> getBlockEvents(long startBlock);
}
