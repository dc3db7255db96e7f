package dev.ledgersim.endorsement.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledgersim.contract.ChaincodeException;
import dev.ledgersim.contract.Context;
import dev.ledgersim.contract.Contract;
import dev.ledgersim.contract.ContractInterface;
import dev.ledgersim.contract.ContractTester;
import dev.ledgersim.contract.Default;
import dev.ledgersim.contract.Transaction;
import org.junit.jupiter.api.Test;

/**
 * A misbehaving contract fails its transaction with a {@link ChaincodeException} and commits nothing:
 * a loop of ledger calls is stopped by the operation budget ({@link SimulationBudget}), a runtime
 * exception or a stack overflow is contained.
 */
class ContainmentTest {

    /** Contracts with bugs. */
    @Contract(name = "buggy")
    @Default
    public static final class BuggyContract implements ContractInterface {

        @Transaction
        public void spin(Context ctx) {
            ctx.getStub().putStringState("before", "the loop");
            while (true) {
                ctx.getStub().getState("k");
            }
        }

        /** A loop that swallows every exception still cannot outlive its budget. */
        @Transaction
        public void spinSwallowingExceptions(Context ctx) {
            while (true) {
                try {
                    ctx.getStub().getState("k");
                } catch (Exception ignored) {
                    // the budget is an Error, not an Exception
                }
            }
        }

        @Transaction
        public void throwAfterWriting(Context ctx) {
            ctx.getStub().putStringState("k", "v");
            throw new IllegalStateException("kaboom");
        }

        @Transaction
        public int recurse(Context ctx, int depth) {
            return recurse(ctx, depth + 1) + 1;
        }

        @Transaction
        public int work(Context ctx, int operations) {
            for (int i = 0; i < operations; i++) {
                ctx.getStub().getState("k" + i);
            }
            return operations;
        }
    }

    private static ContractTester tester() {
        return ContractTester.named("buggy", BuggyContract::new);
    }

    @Test
    void aContractLoopingOverGetStateIsStoppedByItsBudget() {
        ContractTester tester = tester().withOperationBudget(1000);

        ChaincodeException e = assertThrows(ChaincodeException.class, () -> tester.submit("spin"));

        assertTrue(e.getMessage().contains("budget of 1000 ledger operations"), e.getMessage());
        assertTrue(e.getMessage().contains("getState"), e.getMessage());
        assertInstanceOf(SimulationBudget.BudgetExceeded.class, e.getCause());
        assertNull(tester.state("before"), "nothing is committed");
    }

    @Test
    void catchingExceptionsDoesNotEscapeTheBudget() {
        ChaincodeException e = assertThrows(ChaincodeException.class,
                () -> tester().withOperationBudget(1000).submit("spinSwallowingExceptions"));

        assertTrue(e.getMessage().contains("budget of 1000 ledger operations"), e.getMessage());
    }

    @Test
    void theBudgetCountsEveryLedgerCallOfOneTransaction() {
        ContractTester tester = tester().withOperationBudget(1000);

        assertEquals("1000", tester.submit("work", "1000").payloadAsString(), "exactly the budget passes");
        assertEquals("1000", tester.submit("work", "1000").payloadAsString(), "each transaction has its own budget");
        assertThrows(ChaincodeException.class, () -> tester.submit("work", "1001"));
    }

    @Test
    void aRuntimeExceptionBecomesAChaincodeExceptionAndNothingIsCommitted() {
        ContractTester tester = tester();

        ChaincodeException e = assertThrows(ChaincodeException.class, () -> tester.submit("throwAfterWriting"));

        assertTrue(e.getMessage().contains("IllegalStateException: kaboom"), e.getMessage());
        assertInstanceOf(IllegalStateException.class, e.getCause());
        assertNull(tester.state("k"));
    }

    @Test
    void aStackOverflowBecomesAChaincodeException() {
        ChaincodeException e = assertThrows(ChaincodeException.class, () -> tester().submit("recurse", "0"));

        assertTrue(e.getMessage().contains("StackOverflowError"), e.getMessage());
        assertInstanceOf(StackOverflowError.class, e.getCause());
    }
}
