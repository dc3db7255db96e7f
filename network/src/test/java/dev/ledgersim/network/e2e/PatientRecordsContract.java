package dev.ledgersim.network.e2e;

import dev.ledgersim.contract.ChaincodeException;
import dev.ledgersim.contract.ChaincodeStub;
import dev.ledgersim.contract.Context;
import dev.ledgersim.contract.Contract;
import dev.ledgersim.contract.ContractInterface;
import dev.ledgersim.contract.Default;
import dev.ledgersim.contract.Transaction;
import java.nio.charset.StandardCharsets;

/**
 * A private-data contract as real Fabric contracts are written: values come in the transient map
 * (entry {@code "value"}), never as arguments, so they never reach the proposal or the block.
 */
@Contract(name = "records")
@Default
public final class PatientRecordsContract implements ContractInterface {

    private static byte[] transientValue(ChaincodeStub stub) {
        byte[] value = stub.getTransient().get("value");
        if (value == null || value.length == 0) {
            throw new ChaincodeException("the value must be given in the transient map under 'value'", "NO_VALUE");
        }
        return value;
    }

    /** Stores the transient value under {@code key} in {@code collection}. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public void put(Context ctx, String collection, String key) {
        ctx.getStub().putPrivateData(collection, key, transientValue(ctx.getStub()));
    }

    /** Stores the transient value under two keys in one transaction. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public void putTwo(Context ctx, String collection, String first, String second) {
        byte[] value = transientValue(ctx.getStub());
        ctx.getStub().putPrivateData(collection, first, value);
        ctx.getStub().putPrivateData(collection, second, value);
    }

    /** Reads the key (a hashed read that MVCC checks), then stores the transient value. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String update(Context ctx, String collection, String key) {
        byte[] before = ctx.getStub().getPrivateData(collection, key);
        ctx.getStub().putPrivateData(collection, key, transientValue(ctx.getStub()));
        return new String(before, StandardCharsets.UTF_8);
    }

    /** The private value (empty when absent). */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public byte[] get(Context ctx, String collection, String key) {
        return ctx.getStub().getPrivateData(collection, key);
    }

    /** The SHA-256 of the private value from the hashed state (empty when absent); anyone may ask. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public byte[] hash(Context ctx, String collection, String key) {
        return ctx.getStub().getPrivateDataHash(collection, key);
    }

    /** Deletes the key. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public void delete(Context ctx, String collection, String key) {
        ctx.getStub().delPrivateData(collection, key);
    }

    /** Purges the key: state and every stored version, on every member. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public void purge(Context ctx, String collection, String key) {
        ctx.getStub().purgePrivateData(collection, key);
    }

    /** A public write, to make blocks. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public void touch(Context ctx, String key) {
        ctx.getStub().putStringState(key, "touched");
    }
}
