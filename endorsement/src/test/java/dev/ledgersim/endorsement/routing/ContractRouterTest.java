package dev.ledgersim.endorsement.routing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledgersim.contract.ChaincodeException;
import dev.ledgersim.contract.ChaincodeStub;
import dev.ledgersim.contract.Context;
import dev.ledgersim.contract.Contract;
import dev.ledgersim.contract.ContractInterface;
import dev.ledgersim.contract.Default;
import dev.ledgersim.contract.FakeStub;
import dev.ledgersim.contract.Transaction;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Routing (API.md §5), construction-time validation, hooks, intent and containment of contract failures. */
class ContractRouterTest {

    /** Test instrumentation only: what the hooks saw, in order. Real contracts keep no static state. */
    static final List<String> EVENTS = new ArrayList<>();

    @BeforeEach
    void clearEvents() {
        EVENTS.clear();
    }

    // ---------------------------------------------------------------- contracts under test

    @Contract(name = "emr")
    @Default
    static final class EmrContract implements ContractInterface {
        @Transaction(intent = Transaction.TYPE.SUBMIT)
        public String enterData(Context ctx, String patientId, String testResults) {
            ctx.getStub().putStringState(patientId, testResults);
            return "Submission complete";
        }

        @Transaction(intent = Transaction.TYPE.EVALUATE)
        public String read(Context ctx, String key) {
            return ctx.getStub().getStringState(key);
        }

        @Transaction(name = "renamed")
        public String originalName(Context ctx) {
            return "renamed ran";
        }

        public String notATransaction(Context ctx) {
            return "must not be callable";
        }
    }

    @Contract(name = "audit")
    static final class AuditContract implements ContractInterface {
        @Transaction(intent = Transaction.TYPE.EVALUATE)
        public String read(Context ctx, String key) {
            return "audit of " + key;
        }
    }

    static final class Lonely implements ContractInterface {
        @Transaction
        public String hello(Context ctx) {
            return "hi";
        }
    }

    /** Records every hook; its Context subclass carries a value from beforeTransaction to the function. */
    @Contract(name = "hooks")
    static final class HookedContract implements ContractInterface {
        static final class HookContext extends Context {
            String preparedBy;

            HookContext(ChaincodeStub stub) {
                super(stub);
            }
        }

        @Override
        public Context createContext(ChaincodeStub stub) {
            EVENTS.add("createContext");
            return new HookContext(stub);
        }

        @Override
        public void beforeTransaction(Context ctx) {
            EVENTS.add("before");
            ((HookContext) ctx).preparedBy = "before";
        }

        @Override
        public void afterTransaction(Context ctx, Object result) {
            EVENTS.add("after:" + result);
        }

        @Override
        public void unknownTransaction(Context ctx) {
            EVENTS.add("unknown");
        }

        @Transaction
        public String work(HookContext ctx, int n) {
            EVENTS.add("work:" + n + ":" + ctx.preparedBy);
            return "done " + n;
        }

        @Transaction
        public void failBeforeHooks(HookContext ctx, int n) {
            EVENTS.add("must not run");
        }
    }

    static final class BeforeFails implements ContractInterface {
        @Override
        public void beforeTransaction(Context ctx) {
            EVENTS.add("before");
            throw new IllegalStateException("not today");
        }

        @Override
        public void afterTransaction(Context ctx, Object result) {
            EVENTS.add("after");
        }

        @Transaction
        public String work(Context ctx) {
            EVENTS.add("work");
            return "x";
        }
    }

    /** Failures of every kind, to check that they are contained. */
    @Contract(name = "buggy")
    static final class BuggyContract implements ContractInterface {
        @Transaction
        public String runtime(Context ctx) {
            throw new IllegalStateException("boom");
        }

        @Transaction
        public int recurse(Context ctx, int depth) {
            return recurse(ctx, depth + 1) + 1;
        }

        @Transaction
        public String checked(Context ctx) throws IOException {
            throw new IOException("disk on fire");
        }

        @Transaction
        public String refuse(Context ctx) {
            throw new ChaincodeException("Error! Permission denied", "UNAUTHORIZED");
        }

        @Transaction
        public Unwritable unwritable(Context ctx) {
            return new Unwritable();
        }

        @Transaction
        public String error(Context ctx) {
            throw new OutOfMemoryError("pretend");
        }
    }

    /** A result whose getter throws while Jackson writes it. */
    public static final class Unwritable {
        public String getValue() {
            throw new UnsupportedOperationException("getter exploded");
        }
    }

    static final class CountingContract implements ContractInterface {
        static final AtomicInteger INSTANCES = new AtomicInteger();
        private int calls;

        CountingContract() {
            INSTANCES.incrementAndGet();
        }

        @Transaction
        public int call(Context ctx) {
            return ++calls;
        }
    }

    private static ContractRouter router(List<Supplier<? extends ContractInterface>> factories) {
        return ContractRouter.of(factories);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String invoke(ContractRouter router, String fn, String... args) {
        List<byte[]> bytes = new ArrayList<>();
        for (String arg : args) {
            bytes.add(utf8(arg));
        }
        return new String(router.invoke(fn, bytes, new FakeStub()).payload(), StandardCharsets.UTF_8);
    }

    private final ContractRouter emrAndAudit = router(List.of(EmrContract::new, AuditContract::new));

    // ---------------------------------------------------------------- routing

    @Test
    void unqualifiedNamesGoToTheDefaultContract() {
        FakeStub stub = new FakeStub();
        Invocation invocation = emrAndAudit.invoke("enterData", List.of(utf8("patient1"), utf8("glucose 7.9")), stub);

        assertEquals("emr", invocation.contractName());
        assertEquals("enterData", invocation.transactionName());
        assertArrayEquals(utf8("Submission complete"), invocation.payload());
        assertArrayEquals(utf8("glucose 7.9"), stub.state.get("patient1"));
        assertEquals("audit of p1", invoke(emrAndAudit, "audit:read", "p1"));
        assertEquals("", invoke(emrAndAudit, "read", "p1"), "unqualified read is emr's, not audit's");
        assertEquals("", invoke(emrAndAudit, "emr:read", "p1"));
        assertEquals(Optional.of("emr"), emrAndAudit.defaultContractName());
    }

    @Test
    void aSingleContractIsTheDefaultWhetherOrNotAnnotated() {
        ContractRouter lonely = router(List.of(Lonely::new));

        assertEquals("hi", invoke(lonely, "hello"));
        assertEquals("hi", invoke(lonely, "Lonely:hello"), "the name is the class's simple name");
        assertEquals(Optional.of("Lonely"), lonely.defaultContractName());
    }

    @Test
    void severalContractsWithoutDefaultNeedQualifiedNames() {
        ContractRouter router = router(List.of(Lonely::new, AuditContract::new));

        assertEquals(Optional.empty(), router.defaultContractName());
        assertEquals("hi", invoke(router, "Lonely:hello"));
        ChaincodeException e = assertThrows(ChaincodeException.class, () -> invoke(router, "hello"));
        assertTrue(e.getMessage().contains("no default contract") && e.getMessage().contains("Lonely, audit"),
                e.getMessage());
    }

    @Test
    void unknownContractIsUndefined() {
        ChaincodeException e = assertThrows(ChaincodeException.class, () -> invoke(emrAndAudit, "billing:read", "p1"));
        assertTrue(e.getMessage().startsWith("Undefined contract called: 'billing'"), e.getMessage());
        assertTrue(e.getMessage().contains("emr, audit"), e.getMessage());
    }

    @Test
    void unknownFunctionsRunTheUnknownTransactionHook() {
        ChaincodeException e = assertThrows(ChaincodeException.class, () -> invoke(emrAndAudit, "deleteEverything"));
        assertEquals("Undefined contract method called", e.getMessage());
        assertThrows(ChaincodeException.class, () -> invoke(emrAndAudit, "notATransaction"),
                "public methods without @Transaction are not callable");
        assertThrows(ChaincodeException.class, () -> invoke(emrAndAudit, "originalName"),
                "a renamed transaction is only reachable by its new name");
        assertEquals("renamed ran", invoke(emrAndAudit, "renamed"));
        assertThrows(ChaincodeException.class, () -> invoke(emrAndAudit, "audit:enterData", "a", "b"),
                "qualified names only reach that contract's functions");
    }

    @Test
    void anUnknownTransactionHookThatReturnsNormallyGivesAnEmptySuccess() {
        ContractRouter router = router(List.of(HookedContract::new));
        Invocation invocation = router.invoke("nope", List.of(), new FakeStub());

        assertTrue(invocation.unknownTransaction());
        assertEquals(0, invocation.payload().length);
        assertEquals(Transaction.TYPE.SUBMIT, invocation.intent());
        assertEquals(List.of("createContext", "before", "unknown", "after:null"), EVENTS);
    }

    // ---------------------------------------------------------------- hooks and instances

    @Test
    void hooksRunInFabricsOrderWithTheCustomContext() {
        ContractRouter router = router(List.of(HookedContract::new));
        assertEquals("done 7", invoke(router, "work", "7"));

        assertEquals(List.of("createContext", "before", "work:7:before", "after:done 7"), EVENTS);
    }

    @Test
    void badArgumentsFailBeforeAnyHookButAfterCreateContext() {
        ContractRouter router = router(List.of(HookedContract::new));
        assertThrows(ChaincodeException.class, () -> invoke(router, "failBeforeHooks", "seven"));

        assertEquals(List.of("createContext"), EVENTS);
    }

    @Test
    void aFailingBeforeHookStopsTheTransaction() {
        ContractRouter router = router(List.of(BeforeFails::new));
        ChaincodeException e = assertThrows(ChaincodeException.class, () -> invoke(router, "work"));

        assertEquals("beforeTransaction of transaction 'BeforeFails:work' failed: java.lang.IllegalStateException: not today",
                e.getMessage());
        assertInstanceOf(IllegalStateException.class, e.getCause());
        assertEquals(List.of("before"), EVENTS);
    }

    @Test
    void aContextOfTheWrongTypeIsReported() {
        final class PlainContextContract implements ContractInterface {
            @Transaction
            public String work(HookedContract.HookContext ctx) {
                return "unreachable";
            }
        }
        ContractRouter router = router(List.of(PlainContextContract::new));
        ChaincodeException e = assertThrows(ChaincodeException.class, () -> invoke(router, "work"));
        assertTrue(e.getMessage().contains("takes a " + HookedContract.HookContext.class.getName())
                && e.getMessage().contains("returned a " + Context.class.getName()), e.getMessage());
    }

    @Test
    void everyInvocationGetsANewInstance() {
        ContractRouter router = router(List.of(CountingContract::new));
        int before = CountingContract.INSTANCES.get();

        assertEquals("1", invoke(router, "call"));
        assertEquals("1", invoke(router, "call"), "no state survives between invocations");
        assertEquals(before + 2, CountingContract.INSTANCES.get());
    }

    @Test
    void classesAreInstantiatedThroughTheirNoArgumentConstructor() {
        ContractRouter router = ContractRouter.ofClasses(List.of(EmrContract.class, AuditContract.class));

        assertEquals("audit of k", invoke(router, "audit:read", "k"));
        assertEquals("renamed ran", invoke(router, "renamed"));
    }

    // ---------------------------------------------------------------- intent and description

    @Test
    void intentComesFromTheAnnotation() {
        assertEquals(Transaction.TYPE.SUBMIT, emrAndAudit.intentOf("enterData"));
        assertEquals(Transaction.TYPE.EVALUATE, emrAndAudit.intentOf("read"));
        assertEquals(Transaction.TYPE.EVALUATE, emrAndAudit.intentOf("audit:read"));
        assertEquals(Transaction.TYPE.SUBMIT, emrAndAudit.intentOf("renamed"), "SUBMIT is the default");
        assertEquals(Transaction.TYPE.SUBMIT, emrAndAudit.intentOf("unknown"));
        assertEquals(Transaction.TYPE.SUBMIT, emrAndAudit.intentOf("billing:read"));
        assertEquals(Transaction.TYPE.EVALUATE,
                emrAndAudit.invoke("read", List.of(utf8("k")), new FakeStub()).intent());
    }

    @Test
    void describesEveryFunction() {
        List<String> functions = emrAndAudit.functions().stream().map(TransactionFunction::toString).toList();

        assertEquals(List.of(
                "emr:enterData(String, String) -> String [SUBMIT]",
                "emr:read(String) -> String [EVALUATE]",
                "emr:renamed() -> String [SUBMIT]",
                "audit:read(String) -> String [EVALUATE]"), functions);
        assertEquals("emr:enterData(String, String)", emrAndAudit.function("enterData").orElseThrow().signature());
        assertFalse(emrAndAudit.function("audit:enterData").isPresent());
        assertTrue(emrAndAudit.describe().contains("contract emr (" + EmrContract.class.getName() + ", default)"),
                emrAndAudit.describe());
        assertEquals(List.of("emr", "audit"), emrAndAudit.contractNames());
    }

    // ---------------------------------------------------------------- containment

    private final ContractRouter buggy = router(List.of(BuggyContract::new));

    @Test
    void runtimeExceptionsBecomeChaincodeExceptionsNamingTheFunction() {
        ChaincodeException e = assertThrows(ChaincodeException.class, () -> invoke(buggy, "runtime"));

        assertEquals("transaction 'buggy:runtime' failed: java.lang.IllegalStateException: boom", e.getMessage());
        assertInstanceOf(IllegalStateException.class, e.getCause());
    }

    @Test
    void stackOverflowIsContained() {
        ChaincodeException e = assertThrows(ChaincodeException.class, () -> invoke(buggy, "recurse", "0"));

        assertTrue(e.getMessage().startsWith("transaction 'buggy:recurse' failed: java.lang.StackOverflowError"),
                e.getMessage());
        assertInstanceOf(StackOverflowError.class, e.getCause());
    }

    @Test
    void checkedExceptionsAndErrorsAreContained() {
        ChaincodeException checked = assertThrows(ChaincodeException.class, () -> invoke(buggy, "checked"));
        assertEquals("transaction 'buggy:checked' failed: java.io.IOException: disk on fire", checked.getMessage());
        ChaincodeException error = assertThrows(ChaincodeException.class, () -> invoke(buggy, "error"));
        assertEquals("transaction 'buggy:error' failed: java.lang.OutOfMemoryError: pretend", error.getMessage());
    }

    @Test
    void aContractsOwnChaincodeExceptionPropagatesAsIs() {
        ChaincodeException e = assertThrows(ChaincodeException.class, () -> invoke(buggy, "refuse"));

        assertEquals("Error! Permission denied", e.getMessage());
        assertArrayEquals(utf8("UNAUTHORIZED"), e.getPayload());
    }

    @Test
    void aResultJacksonCannotWriteIsContained() {
        ChaincodeException e = assertThrows(ChaincodeException.class, () -> invoke(buggy, "unwritable"));
        assertTrue(e.getMessage().startsWith("encoding the result of transaction 'buggy:unwritable' failed:"), e.getMessage());
        assertTrue(e.getMessage().contains("getter exploded"), e.getMessage());
    }

    @Test
    void failuresOfFactoriesAndContextsAreContained() {
        AtomicInteger calls = new AtomicInteger();
        ContractRouter flaky = router(List.of(() -> {
            if (calls.incrementAndGet() > 1) {
                throw new IllegalStateException("factory broke");
            }
            return new Lonely();
        }));
        ChaincodeException factory = assertThrows(ChaincodeException.class, () -> invoke(flaky, "hello"));
        assertEquals("creating contract 'Lonely' for transaction 'Lonely:hello' failed: java.lang.IllegalStateException:"
                + " factory broke", factory.getMessage());

        final class NoContext implements ContractInterface {
            @Override
            public Context createContext(ChaincodeStub stub) {
                throw new IllegalArgumentException("no context for you");
            }

            @Transaction
            public String work(Context ctx) {
                return "unreachable";
            }
        }
        ChaincodeException context = assertThrows(ChaincodeException.class,
                () -> invoke(router(List.of(NoContext::new)), "work"));
        assertEquals("createContext for transaction 'NoContext:work' failed: java.lang.IllegalArgumentException:"
                + " no context for you", context.getMessage());
    }

    @Test
    void aFactoryThatSwitchesClassIsRefused() {
        AtomicInteger calls = new AtomicInteger();
        ContractRouter router = router(List.of(() -> calls.incrementAndGet() == 1 ? new Lonely() : new AuditContract()));
        ChaincodeException e = assertThrows(ChaincodeException.class, () -> invoke(router, "hello"));
        assertTrue(e.getMessage().contains("instead of a new " + Lonely.class.getName()), e.getMessage());
    }

    @Test
    void theChaincodeExceptionIsTheSameInstanceTheContractThrew() {
        ChaincodeException thrown = new ChaincodeException("mine");
        final class Thrower implements ContractInterface {
            @Transaction
            public void go(Context ctx) {
                throw thrown;
            }
        }
        assertSame(thrown, assertThrows(ChaincodeException.class, () -> invoke(router(List.of(Thrower::new)), "go")));
    }
}
