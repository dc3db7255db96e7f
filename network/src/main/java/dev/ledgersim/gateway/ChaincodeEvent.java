package dev.ledgersim.gateway;

/** An event a chaincode set in a transaction that committed valid (Fabric Gateway's {@code ChaincodeEvent}). */
public interface ChaincodeEvent {
    /** The block of the transaction. */
    long getBlockNumber();

    /** The transaction id. */
    String getTransactionId();

    /** The chaincode that set the event. */
    String getChaincodeName();

    /** The event name. */
    String getEventName();

    /** The event payload (a copy). */
    byte[] getPayload();
}
