package dev.ledgersim.bench.workload;

import dev.ledgersim.contract.Context;
import dev.ledgersim.contract.Contract;
import dev.ledgersim.contract.ContractInterface;
import dev.ledgersim.contract.Default;
import dev.ledgersim.contract.Transaction;
import java.nio.charset.StandardCharsets;

/**
 * The key-value contract of {@link KvWorkload}: YCSB's operations on single keys, in the public state or
 * in the private collection {@value #COLLECTION} (value in the transient field {@code value}).
 */
@Contract(name = "kv")
@Default
public final class KvContract implements ContractInterface {

    /** The private data collection of the private variants. */
    public static final String COLLECTION = "kvprivate";

    /** The name of key {@code index}: {@code k} and eight digits, so keys sort by index. */
    public static String key(int index) {
        return String.format("k%08d", index);
    }

    /** A deterministic value of {@code size} characters for key {@code index}. */
    public static String initialValue(int index, int size) {
        StringBuilder sb = new StringBuilder(size);
        for (int i = 0; sb.length() < size; i++) {
            sb.append((char) ('a' + (index + i) % 26));
        }
        return sb.toString();
    }

    /** Loads keys {@code start .. start+count-1} with initial values of {@code valueSize} characters. */
    @Transaction
    public void load(Context ctx, int start, int count, int valueSize) {
        for (int i = start; i < start + count; i++) {
            ctx.getStub().putStringState(key(i), initialValue(i, valueSize));
        }
    }

    /** As {@link #load} into the private collection. */
    @Transaction
    public void loadPrivate(Context ctx, int start, int count, int valueSize) {
        for (int i = start; i < start + count; i++) {
            ctx.getStub().putPrivateData(COLLECTION, key(i), initialValue(i, valueSize).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** YCSB read: returns the value's length (submitted, so its read is validated). */
    @Transaction
    public int read(Context ctx, String key) {
        return ctx.getStub().getState(key).length;
    }

    /** YCSB update as a blind write: no read, so it never conflicts. */
    @Transaction
    public void update(Context ctx, String key, String value) {
        ctx.getStub().putStringState(key, value);
    }

    /** YCSB read-modify-write: reads the key, then writes it (conflicts when another write commits first). */
    @Transaction
    public int readModifyWrite(Context ctx, String key, String value) {
        int previous = ctx.getStub().getState(key).length;
        ctx.getStub().putStringState(key, value);
        return previous;
    }

    /** Read of a private key (every organisation holds the collection). */
    @Transaction
    public int readPrivate(Context ctx, String key) {
        return ctx.getStub().getPrivateData(COLLECTION, key).length;
    }

    /** Blind private write of the transient {@code value}. */
    @Transaction
    public void updatePrivate(Context ctx, String key) {
        ctx.getStub().putPrivateData(COLLECTION, key, transientValue(ctx));
    }

    /** Private read-modify-write of the transient {@code value}. */
    @Transaction
    public int readModifyWritePrivate(Context ctx, String key) {
        int previous = ctx.getStub().getPrivateData(COLLECTION, key).length;
        ctx.getStub().putPrivateData(COLLECTION, key, transientValue(ctx));
        return previous;
    }

    private static byte[] transientValue(Context ctx) {
        byte[] value = ctx.getStub().getTransient().get("value");
        if (value == null) {
            throw new dev.ledgersim.contract.ChaincodeException("the transient field 'value' is missing", "MISSING_VALUE");
        }
        return value;
    }
}
