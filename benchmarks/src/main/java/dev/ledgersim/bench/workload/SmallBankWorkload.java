package dev.ledgersim.bench.workload;

import dev.ledgersim.endorsement.ChaincodeDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * SmallBank with its standard mix — Amalgamate 15 %, Balance 15 %, DepositChecking 15 %, SendPayment
 * 25 %, TransactSavings 15 %, WriteCheck 15 % — over {@code accounts} customers chosen uniformly or by
 * a Zipfian law (hot customers conflict). Amounts are 1–100; balances start at 10,000.
 *
 * @param accounts the number of customers
 * @param distribution {@code uniform} or {@code zipfian}
 * @param zipfTheta the Zipfian exponent
 * @param privateWrites whether balances live in a private data collection
 */
public record SmallBankWorkload(int accounts, String distribution, double zipfTheta, boolean privateWrites)
        implements Workload {

    /** The starting balance of every account. */
    public static final long INITIAL_BALANCE = 10_000;
    /** Customers opened per setup transaction. */
    public static final int LOAD_BATCH = 100;

    private static final String[] FUNCTIONS = {"amalgamate", "balance", "depositChecking", "sendPayment",
        "transactSavings", "writeCheck"};
    private static final int[] CUMULATIVE_PERCENT = {15, 30, 45, 70, 85, 100};

    /** Validates. */
    public SmallBankWorkload {
        if (accounts < 2) {
            throw new IllegalArgumentException("smallbank: at least 2 accounts, got " + accounts);
        }
        KeyChooser.of(distribution, 1, zipfTheta);
    }

    @Override
    public String name() {
        return "smallbank";
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "smallbank: %d accounts, %s%s, %s", accounts, distribution,
                distribution.equals("zipfian") ? " theta " + zipfTheta : "", privateWrites ? "private" : "public");
    }

    @Override
    public ChaincodeDefinition chaincode(String chaincodeName, String endorsementPolicy, WorkloadSetting setting) {
        return Workload.definition(chaincodeName, SmallBankContract::new, endorsementPolicy, privateWrites, SmallBankContract.COLLECTION, setting);
    }

    @Override
    public List<TxRequest> setup(WorkloadSetting setting) {
        List<TxRequest> out = new ArrayList<>();
        for (int start = 0; start < accounts; start += LOAD_BATCH) {
            out.add(TxRequest.of("createAccounts", Integer.toString(start),
                    Integer.toString(Math.min(LOAD_BATCH, accounts - start)), Long.toString(INITIAL_BALANCE),
                    Boolean.toString(privateWrites)));
        }
        return out;
    }

    @Override
    public TxGenerator generator(int index, WorkloadSetting setting, SplittableRandom random) {
        KeyChooser chooser = KeyChooser.of(distribution, accounts, zipfTheta);
        String p = Boolean.toString(privateWrites);
        return () -> {
            int roll = random.nextInt(100);
            int f = 0;
            while (roll >= CUMULATIVE_PERCENT[f]) {
                f++;
            }
            int first = chooser.next(random);
            String a = SmallBankContract.account(first);
            String amount = Integer.toString(1 + random.nextInt(100));
            return switch (FUNCTIONS[f]) {
                case "amalgamate" -> TxRequest.of("amalgamate", a, SmallBankContract.account(other(chooser, random, first)), p);
                case "balance" -> TxRequest.of("balance", a, p);
                case "depositChecking" -> TxRequest.of("depositChecking", a, amount, p);
                case "sendPayment" -> TxRequest.of("sendPayment", a, SmallBankContract.account(other(chooser, random, first)),
                        amount, p);
                case "transactSavings" -> TxRequest.of("transactSavings", a, amount, p);
                default -> TxRequest.of("writeCheck", a, amount, p);
            };
        };
    }

    /** A second customer, different from {@code first}. */
    private static int other(KeyChooser chooser, SplittableRandom random, int first) {
        int second = chooser.next(random);
        return second != first ? second : (first + 1) % chooser.size();
    }
}
