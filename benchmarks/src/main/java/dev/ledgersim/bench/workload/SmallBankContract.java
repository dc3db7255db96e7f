package dev.ledgersim.bench.workload;

import dev.ledgersim.contract.ChaincodeException;
import dev.ledgersim.contract.ChaincodeStub;
import dev.ledgersim.contract.Context;
import dev.ledgersim.contract.Contract;
import dev.ledgersim.contract.ContractInterface;
import dev.ledgersim.contract.Default;
import dev.ledgersim.contract.Transaction;
import java.nio.charset.StandardCharsets;

/**
 * SmallBank (Alomari et al., ICDE 2008; the H-Store/BLOCKBENCH version): every customer has a checking
 * and a savings account, and six transactions move money between them. Balances are whole numbers kept
 * as decimal text under {@code checking_<id>} and {@code savings_<id>}, in the public state or, with the
 * {@code Private} variants' collection {@value #COLLECTION}, privately.
 */
@Contract(name = "smallbank")
@Default
public final class SmallBankContract implements ContractInterface {

    /** The private data collection used when the workload writes privately. */
    public static final String COLLECTION = "bank";

    /** The id of customer {@code index}. */
    public static String account(int index) {
        return String.format("a%07d", index);
    }

    /** Opens customers {@code start .. start+count-1}, each with {@code balance} in both accounts. */
    @Transaction
    public void createAccounts(Context ctx, int start, int count, long balance, boolean privately) {
        Ledger ledger = new Ledger(ctx.getStub(), privately);
        for (int i = start; i < start + count; i++) {
            ledger.put("checking_" + account(i), balance);
            ledger.put("savings_" + account(i), balance);
        }
    }

    /** Balance: checking plus savings (read-only). */
    @Transaction
    public long balance(Context ctx, String customer, boolean privately) {
        Ledger ledger = new Ledger(ctx.getStub(), privately);
        return ledger.get("checking_" + customer) + ledger.get("savings_" + customer);
    }

    /** DepositChecking: adds {@code amount} to the checking account. */
    @Transaction
    public void depositChecking(Context ctx, String customer, long amount, boolean privately) {
        Ledger ledger = new Ledger(ctx.getStub(), privately);
        String key = "checking_" + customer;
        ledger.put(key, ledger.get(key) + amount);
    }

    /** TransactSavings: adds {@code amount} (possibly negative) to savings; refused if it would go negative. */
    @Transaction
    public void transactSavings(Context ctx, String customer, long amount, boolean privately) {
        Ledger ledger = new Ledger(ctx.getStub(), privately);
        String key = "savings_" + customer;
        long balance = ledger.get(key) + amount;
        if (balance < 0) {
            throw new ChaincodeException("insufficient savings in " + customer, "INSUFFICIENT_FUNDS");
        }
        ledger.put(key, balance);
    }

    /** Amalgamate: moves everything of {@code from} into the checking account of {@code to}. */
    @Transaction
    public void amalgamate(Context ctx, String from, String to, boolean privately) {
        Ledger ledger = new Ledger(ctx.getStub(), privately);
        long total = ledger.get("checking_" + from) + ledger.get("savings_" + from);
        ledger.put("checking_" + from, 0);
        ledger.put("savings_" + from, 0);
        ledger.put("checking_" + to, ledger.get("checking_" + to) + total);
    }

    /** WriteCheck: debits checking; if checking plus savings cannot cover it, one more as a penalty. */
    @Transaction
    public void writeCheck(Context ctx, String customer, long amount, boolean privately) {
        Ledger ledger = new Ledger(ctx.getStub(), privately);
        long total = ledger.get("checking_" + customer) + ledger.get("savings_" + customer);
        String key = "checking_" + customer;
        ledger.put(key, ledger.get(key) - (total < amount ? amount + 1 : amount));
    }

    /** SendPayment: moves {@code amount} between checking accounts; refused if the sender cannot pay. */
    @Transaction
    public void sendPayment(Context ctx, String from, String to, long amount, boolean privately) {
        Ledger ledger = new Ledger(ctx.getStub(), privately);
        long balance = ledger.get("checking_" + from);
        if (balance < amount) {
            throw new ChaincodeException("insufficient funds in " + from, "INSUFFICIENT_FUNDS");
        }
        ledger.put("checking_" + from, balance - amount);
        ledger.put("checking_" + to, ledger.get("checking_" + to) + amount);
    }

    /** Reads and writes balances in the public state or the private collection. */
    private record Ledger(ChaincodeStub stub, boolean privately) {
        long get(String key) {
            byte[] bytes = privately ? stub.getPrivateData(COLLECTION, key) : stub.getState(key);
            if (bytes.length == 0) {
                throw new ChaincodeException("no account " + key, "NO_ACCOUNT");
            }
            return Long.parseLong(new String(bytes, StandardCharsets.UTF_8));
        }

        void put(String key, long value) {
            byte[] bytes = Long.toString(value).getBytes(StandardCharsets.UTF_8);
            if (privately) {
                stub.putPrivateData(COLLECTION, key, bytes);
            } else {
                stub.putState(key, bytes);
            }
        }
    }
}
