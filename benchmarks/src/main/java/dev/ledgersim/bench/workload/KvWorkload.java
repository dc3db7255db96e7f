package dev.ledgersim.bench.workload;

import dev.ledgersim.endorsement.ChaincodeDefinition;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A YCSB-like key-value mix: each transaction reads or writes one key of {@code keys}, chosen uniformly
 * or by a Zipfian law; writes are blind updates or read-modify-writes (which conflict under contention);
 * values have {@code valueSize} characters; with {@code privateWrites} everything goes to a private data
 * collection held by every organisation.
 *
 * @param keys the key count
 * @param readRatio the fraction of reads, 0–1
 * @param distribution {@code uniform} or {@code zipfian}
 * @param zipfTheta the Zipfian exponent
 * @param valueSize characters per value
 * @param writeMode {@code rmw} (read-modify-write) or {@code blind}
 * @param privateWrites whether keys live in a private data collection
 */
public record KvWorkload(int keys, double readRatio, String distribution, double zipfTheta, int valueSize,
                         String writeMode, boolean privateWrites) implements Workload {

    /** Keys loaded per setup transaction. */
    public static final int LOAD_BATCH = 200;

    /** Validates. */
    public KvWorkload {
        if (keys < 1) {
            throw new IllegalArgumentException("kv: keys must be at least 1, got " + keys);
        }
        if (!(readRatio >= 0 && readRatio <= 1)) {
            throw new IllegalArgumentException("kv: readRatio must be in [0, 1], got " + readRatio);
        }
        if (valueSize < 1) {
            throw new IllegalArgumentException("kv: valueSize must be at least 1, got " + valueSize);
        }
        if (!writeMode.equals("rmw") && !writeMode.equals("blind")) {
            throw new IllegalArgumentException("kv: writeMode must be 'rmw' or 'blind', got '" + writeMode + "'");
        }
        KeyChooser.of(distribution, 1, zipfTheta);
    }

    @Override
    public String name() {
        return "kv";
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "kv: %d keys, %.0f%% reads, %s%s, %d-char values, %s writes, %s", keys,
                readRatio * 100, distribution, distribution.equals("zipfian") ? " theta " + zipfTheta : "", valueSize,
                writeMode, privateWrites ? "private" : "public");
    }

    @Override
    public ChaincodeDefinition chaincode(String chaincodeName, String endorsementPolicy, WorkloadSetting setting) {
        return Workload.definition(chaincodeName, KvContract::new, endorsementPolicy, privateWrites, KvContract.COLLECTION, setting);
    }

    @Override
    public List<TxRequest> setup(WorkloadSetting setting) {
        List<TxRequest> out = new ArrayList<>();
        for (int start = 0; start < keys; start += LOAD_BATCH) {
            int count = Math.min(LOAD_BATCH, keys - start);
            out.add(TxRequest.of(privateWrites ? "loadPrivate" : "load", Integer.toString(start), Integer.toString(count),
                    Integer.toString(valueSize)));
        }
        return out;
    }

    @Override
    public TxGenerator generator(int index, WorkloadSetting setting, SplittableRandom random) {
        KeyChooser chooser = KeyChooser.of(distribution, keys, zipfTheta);
        return () -> {
            String key = KvContract.key(chooser.next(random));
            if (random.nextDouble() < readRatio) {
                return TxRequest.of(privateWrites ? "readPrivate" : "read", key);
            }
            String value = randomValue(random, valueSize);
            boolean rmw = writeMode.equals("rmw");
            if (privateWrites) {
                return new TxRequest(rmw ? "readModifyWritePrivate" : "updatePrivate", List.of(key),
                        Map.of("value", value.getBytes(StandardCharsets.UTF_8)));
            }
            return TxRequest.of(rmw ? "readModifyWrite" : "update", key, value);
        };
    }

    /** {@code size} random lowercase letters. */
    static String randomValue(SplittableRandom random, int size) {
        char[] chars = new char[size];
        for (int i = 0; i < size; i++) {
            chars[i] = (char) ('a' + random.nextInt(26));
        }
        return new String(chars);
    }
}
