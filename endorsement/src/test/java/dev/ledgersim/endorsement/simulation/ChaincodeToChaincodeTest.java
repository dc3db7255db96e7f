package dev.ledgersim.endorsement.simulation;

import static dev.ledgersim.endorsement.simulation.RwSets.kv;
import static dev.ledgersim.endorsement.simulation.RwSets.read;
import static dev.ledgersim.endorsement.simulation.RwSets.readKeys;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledgersim.contract.Chaincode;
import dev.ledgersim.contract.ChaincodeException;
import dev.ledgersim.contract.ChaincodeStub;
import dev.ledgersim.contract.Context;
import dev.ledgersim.contract.Contract;
import dev.ledgersim.contract.ContractInterface;
import dev.ledgersim.contract.ContractTester;
import dev.ledgersim.contract.Default;
import dev.ledgersim.contract.Transaction;
import dev.ledgersim.ledger.protocol.Bytes;
import dev.ledgersim.ledger.protocol.ChaincodeEvent;
import dev.ledgersim.ledger.protocol.KvWrite;
import dev.ledgersim.ledger.protocol.NsReadWriteSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code invokeChaincode} through {@link ContractTester#withChaincode}: the callee runs in the same
 * transaction, its reads and writes are recorded under its own namespace, and its failures come back as
 * error responses (ChaincodeStub's contract; Fabric {@code HandleInvokeChaincode}).
 */
class ChaincodeToChaincodeTest {

    /** The chaincode a client calls. */
    @Contract(name = "wallet")
    @Default
    public static final class WalletContract implements ContractInterface {

        private static String describe(Chaincode.Response r) {
            return r.getStatusCode() + "|" + r.getMessage() + "|" + r.getStringPayload();
        }

        @Transaction
        public String deposit(Context ctx, String account, String amount) {
            ChaincodeStub stub = ctx.getStub();
            stub.getStringState("limits");
            stub.putStringState("lastDeposit", account);
            return describe(stub.invokeChaincodeWithStringArgs("bank", "credit", account, amount));
        }

        @Transaction(intent = Transaction.TYPE.EVALUATE)
        public String balance(Context ctx, String account) {
            return ctx.getStub().invokeChaincodeWithStringArgs("bank", "balance", account).getStringPayload();
        }

        @Transaction
        public String refused(Context ctx) {
            return describe(ctx.getStub().invokeChaincodeWithStringArgs("bank", "refuse"));
        }

        @Transaction
        public String unknownChaincode(Context ctx) {
            return String.valueOf(ctx.getStub().invokeChaincodeWithStringArgs("nosuch", "anything").getStatusCode());
        }

        @Transaction
        public String noFunction(Context ctx) {
            return String.valueOf(ctx.getStub().invokeChaincode("bank", List.of()).getStatusCode());
        }

        @Transaction
        public String onThisChannelByName(Context ctx, String account) {
            ChaincodeStub stub = ctx.getStub();
            return stub.invokeChaincodeWithStringArgs("bank", List.of("balance", account), stub.getChannelId())
                    .getStringPayload();
        }

        @Transaction
        public String onAnotherChannel(Context ctx) {
            return describe(ctx.getStub().invokeChaincodeWithStringArgs("bank", List.of("balance", "alice"), "otherchannel"));
        }

        @Transaction
        public void eventThenCall(Context ctx) {
            ctx.getStub().setEvent("Deposited", "wallet".getBytes(UTF_8));
            ctx.getStub().invokeChaincodeWithStringArgs("bank", "credit", "alice", "1");
        }
    }

    /** The chaincode the wallet calls. */
    @Contract(name = "bank")
    @Default
    public static final class BankContract implements ContractInterface {

        @Transaction
        public String credit(Context ctx, String account, String amount) {
            ChaincodeStub stub = ctx.getStub();
            String before = stub.getStringState(account);
            int balance = (before.isEmpty() ? 0 : Integer.parseInt(before)) + Integer.parseInt(amount);
            stub.putStringState(account, Integer.toString(balance));
            stub.setEvent("Credited", account.getBytes(UTF_8));
            return "credited " + account;
        }

        @Transaction(intent = Transaction.TYPE.EVALUATE)
        public String balance(Context ctx, String account) {
            return ctx.getStub().getStringState(account);
        }

        @Transaction
        public void refuse(Context ctx) {
            ctx.getStub().putStringState("partial", "written before the refusal");
            throw new ChaincodeException("the bank refuses", "REFUSED");
        }
    }

    private static ContractTester tester() {
        return ContractTester.named("wallet", WalletContract::new).withChaincode("bank", BankContract::new);
    }

    @Test
    void theCalleesReadsAndWritesAreRecordedUnderItsOwnNamespace() {
        ContractTester tester = tester();

        ContractTester.Result result = tester.submit("deposit", "alice", "10");

        assertEquals("200|null|credited alice", result.payloadAsString());
        assertEquals(List.of("bank", "wallet"), result.rwSet().nsRwSets().stream().map(NsReadWriteSet::namespace).toList());
        assertNull(read(kv(result.rwSet(), "bank"), "alice").version(), "the callee read an absent key");
        assertEquals(List.of(new KvWrite("alice", false, Bytes.utf8("10"))), kv(result.rwSet(), "bank").writes());
        assertEquals(List.of("limits"), readKeys(kv(result.rwSet(), "wallet")));
        assertEquals(List.of(new KvWrite("lastDeposit", false, Bytes.utf8("alice"))), kv(result.rwSet(), "wallet").writes());
    }

    @Test
    void theCalleesWritesCommitInItsNamespace() {
        ContractTester tester = tester();
        tester.submit("deposit", "alice", "10");
        tester.submit("deposit", "alice", "5");

        assertEquals("15", tester.evaluate("balance", "alice").payloadAsString());
        assertNull(tester.state("alice"), "not in the caller's namespace");
        assertEquals("alice", new String(tester.state("lastDeposit"), UTF_8));
    }

    @Test
    void aFailingCalleeGivesAnErrorResponseNotAnException() {
        ContractTester.Result result = tester().submit("refused");

        assertEquals("500|the bank refuses|REFUSED", result.payloadAsString());
    }

    @Test
    void anUnknownChaincodeOrAMissingFunctionGivesAnErrorResponse() {
        ContractTester tester = tester();

        assertEquals("500", tester.submit("unknownChaincode").payloadAsString());
        assertEquals("500", tester.submit("noFunction").payloadAsString());
    }

    @Test
    void theCallersOwnChannelMayBeNamed() {
        ContractTester tester = tester();
        tester.submit("deposit", "alice", "7");

        assertEquals("7", tester.submit("onThisChannelByName", "alice").payloadAsString());
    }

    @Test
    void anotherChannelIsRefused() {
        ChaincodeException e = assertThrows(ChaincodeException.class, () -> tester().submit("onAnotherChannel"));

        assertTrue(e.getMessage().contains("otherchannel") && e.getMessage().contains("'tester'"), e.getMessage());
    }

    /** Fabric returns only the callee's response to the caller; the callee's event is dropped. */
    @Test
    void theTransactionsEventIsTheCallersNotTheCallees() {
        ChaincodeEvent event = tester().submit("eventThenCall").event().orElseThrow();

        assertEquals("Deposited", event.eventName());
        assertEquals("wallet", event.chaincodeId());
    }
}
