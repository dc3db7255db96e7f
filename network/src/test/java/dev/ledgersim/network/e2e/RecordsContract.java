package dev.ledgersim.network.e2e;

import dev.ledgersim.contract.ChaincodeException;
import dev.ledgersim.contract.ChaincodeStub;
import dev.ledgersim.contract.ClientIdentity;
import dev.ledgersim.contract.Context;
import dev.ledgersim.contract.Contract;
import dev.ledgersim.contract.ContractInterface;
import dev.ledgersim.contract.Default;
import dev.ledgersim.contract.Transaction;
import java.nio.charset.StandardCharsets;

/** The API.md §5 example contract: doctors enter data, anyone reads. */
@Contract(name = "emr")
@Default
public final class RecordsContract implements ContractInterface {

    /** A doctor records test results for a patient. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String enterData(Context ctx, String patientId, String testResults) {
        ChaincodeStub stub = ctx.getStub();
        ClientIdentity caller = ctx.getClientIdentity();
        if (!caller.assertAttributeValue("role", "doctor")) {
            throw new ChaincodeException("Error! Permission denied", "UNAUTHORIZED");
        }
        stub.putStringState(patientId, testResults);
        stub.setEvent("DataEntered", patientId.getBytes(StandardCharsets.UTF_8));
        return "Submission complete";
    }

    /** Reads a patient's data. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String read(Context ctx, String key) {
        return ctx.getStub().getStringState(key);
    }

    /** Writes the endorsing peer's organisation: a non-deterministic contract, whose endorsers disagree. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public void whoEndorses(Context ctx) {
        ctx.getStub().putStringState("endorser", ctx.getStub().getMspId());
    }

    /** Increments a counter after reading it (conflicts under concurrency). */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String increment(Context ctx, String key) {
        String current = ctx.getStub().getStringState(key);
        int next = current.isEmpty() ? 1 : Integer.parseInt(current) + 1;
        ctx.getStub().putStringState(key, Integer.toString(next));
        return Integer.toString(next);
    }
}
