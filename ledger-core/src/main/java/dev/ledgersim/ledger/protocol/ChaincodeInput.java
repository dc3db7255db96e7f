package dev.ledgersim.ledger.protocol;

import java.util.List;

/**
 * {@code peer.ChaincodeInput}: the function name followed by its arguments, all as bytes.
 *
 * @param args {@code args[0]} is the function ({@code contract:function} or {@code function}), the rest its arguments
 * @param isInit whether this is a legacy {@code Init} invocation (always false for contracts)
 */
public record ChaincodeInput(List<Bytes> args, boolean isInit) {
    /** Validates and copies. */
    public ChaincodeInput {
        args = List.copyOf(args);
    }
}
