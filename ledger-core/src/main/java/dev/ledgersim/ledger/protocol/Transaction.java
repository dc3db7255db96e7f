package dev.ledgersim.ledger.protocol;

import java.util.List;

/**
 * {@code peer.Transaction}: its actions (Fabric requires exactly one for an endorser transaction).
 *
 * @param actions the actions
 */
public record Transaction(List<TransactionAction> actions) {
    /** Validates and copies. */
    public Transaction {
        actions = List.copyOf(actions);
    }
}
