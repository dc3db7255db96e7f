package dev.ledgersim.endorsement;

import dev.ledgersim.contract.ChaincodeException;
import dev.ledgersim.contract.Context;
import dev.ledgersim.contract.Contract;
import dev.ledgersim.contract.ContractInterface;
import dev.ledgersim.contract.Default;
import dev.ledgersim.contract.Transaction;

/** A small key-value contract for endorsement tests. */
@Contract(name = "kv")
@Default
public final class KvContract implements ContractInterface {

    /** Sets {@code key} to {@code value}. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String put(Context ctx, String key, String value) {
        ctx.getStub().putStringState(key, value);
        ctx.getStub().setEvent("Put", key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return "ok";
    }

    /** The value of {@code key}. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String get(Context ctx, String key) {
        return ctx.getStub().getStringState(key);
    }

    /** Fails with a message and a payload. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public void fail(Context ctx) {
        throw new ChaincodeException("Error! Permission denied", "UNAUTHORIZED");
    }

    /** Reads forever. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public void spin(Context ctx) {
        for (long i = 0; ; i++) {
            ctx.getStub().getState("k" + i);
        }
    }

    /** Depends on the peer: a non-deterministic contract, the kind that makes endorsers disagree. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public void peerDependent(Context ctx) {
        ctx.getStub().putStringState("who", ctx.getStub().getMspId());
    }
}
