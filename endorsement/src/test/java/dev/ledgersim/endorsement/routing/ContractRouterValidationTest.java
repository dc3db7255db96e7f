package dev.ledgersim.endorsement.routing;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledgersim.contract.ChaincodeStub;
import dev.ledgersim.contract.Context;
import dev.ledgersim.contract.Contract;
import dev.ledgersim.contract.ContractInterface;
import dev.ledgersim.contract.Default;
import dev.ledgersim.contract.Transaction;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Every contract mistake is reported when the router is built, naming the class (and method). */
class ContractRouterValidationTest {

    @Contract(name = "same")
    static final class SameA implements ContractInterface {
    }

    @Contract(name = "same")
    static final class SameB implements ContractInterface {
    }

    @Default
    static final class DefaultA implements ContractInterface {
    }

    @Default
    static final class DefaultB implements ContractInterface {
    }

    static final class FirstNotContext implements ContractInterface {
        @Transaction
        public String work(String notAContext, Context ctx) {
            return "";
        }
    }

    static final class NoParameters implements ContractInterface {
        @Transaction
        public String work() {
            return "";
        }
    }

    static final class Overloaded implements ContractInterface {
        @Transaction
        public String work(Context ctx, String a) {
            return a;
        }

        @Transaction
        public String work(Context ctx, int a) {
            return "" + a;
        }
    }

    static final class RenamedClash implements ContractInterface {
        @Transaction(name = "work")
        public String one(Context ctx) {
            return "";
        }

        @Transaction(name = "work")
        public String two(Context ctx) {
            return "";
        }
    }

    static final class NotPublic implements ContractInterface {
        @Transaction
        String hidden(Context ctx) {
            return "";
        }
    }

    static final class StaticTransaction implements ContractInterface {
        @Transaction
        public static String work(Context ctx) {
            return "";
        }
    }

    static final class OptionalParameter implements ContractInterface {
        @Transaction
        public String work(Context ctx, Optional<String> maybe) {
            return "";
        }
    }

    static final class TimeParameter implements ContractInterface {
        @Transaction
        public String work(Context ctx, Instant when) {
            return "";
        }
    }

    abstract static class Shape {
        public abstract double area();
    }

    static final class AbstractParameter implements ContractInterface {
        @Transaction
        public String work(Context ctx, Shape shape) {
            return "";
        }
    }

    static final class GenericParameter implements ContractInterface {
        @Transaction
        public <T> String work(Context ctx, List<T> items) {
            return "";
        }
    }

    static final class WildcardParameter implements ContractInterface {
        @Transaction
        public String work(Context ctx, Map<String, ? extends Number> items) {
            return "";
        }
    }

    static final class SecondContext implements ContractInterface {
        @Transaction
        public String work(Context ctx, Context again) {
            return "";
        }
    }

    static final class StubParameter implements ContractInterface {
        @Transaction
        public String work(Context ctx, ChaincodeStub stub) {
            return "";
        }
    }

    /** Jackson has no way to create it: no default constructor, no creator. */
    static final class NoCreator {
        private final String value;

        NoCreator(String value, int other) {
            this.value = value + other;
        }

        public String getValue() {
            return value;
        }
    }

    static final class UncreatableParameter implements ContractInterface {
        @Transaction
        public String work(Context ctx, NoCreator value) {
            return "";
        }
    }

    static final class OptionalResult implements ContractInterface {
        @Transaction
        public Optional<String> work(Context ctx) {
            return Optional.empty();
        }
    }

    @Contract(name = "a:b")
    static final class ColonName implements ContractInterface {
    }

    static final class ColonTransaction implements ContractInterface {
        @Transaction(name = "x:y")
        public String work(Context ctx) {
            return "";
        }
    }

    static final class NoDefaultConstructor implements ContractInterface {
        NoDefaultConstructor(String dependency) {
        }
    }

    private static void refused(List<Supplier<? extends ContractInterface>> factories, String... expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ContractRouter.of(factories));
        for (String part : expected) {
            assertTrue(e.getMessage().contains(part), "expected '" + part + "' in: " + e.getMessage());
        }
    }

    @Test
    void duplicateContractNames() {
        refused(List.of(SameA::new, SameB::new), "duplicate contract name 'same'", SameA.class.getName(), SameB.class.getName());
    }

    @Test
    void moreThanOneDefault() {
        refused(List.of(DefaultA::new, DefaultB::new), "more than one @Default", DefaultA.class.getName(),
                DefaultB.class.getName());
    }

    @Test
    void firstParameterMustBeAContext() {
        refused(List.of(FirstNotContext::new), FirstNotContext.class.getName() + ".work",
                "must take a Context (or a subclass) as its first parameter, not String");
        refused(List.of(NoParameters::new), NoParameters.class.getName() + ".work", "it takes none");
        refused(List.of(SecondContext::new), SecondContext.class.getName() + ".work", "parameter 1 (Context)",
                "can only be the first parameter");
        refused(List.of(StubParameter::new), "parameter 1 (ChaincodeStub)", "can only be the first parameter");
    }

    @Test
    void noOverloading() {
        refused(List.of(Overloaded::new), Overloaded.class.getName(), "two transactions named 'work'", "no overloading");
        refused(List.of(RenamedClash::new), RenamedClash.class.getName(), "two transactions named 'work'");
    }

    @Test
    void transactionsMustBePublicInstanceMethods() {
        refused(List.of(NotPublic::new), NotPublic.class.getName() + ".hidden", "is not public");
        refused(List.of(StaticTransaction::new), StaticTransaction.class.getName() + ".work", "is static");
    }

    @Test
    void unsupportedParameterTypes() {
        refused(List.of(OptionalParameter::new), OptionalParameter.class.getName() + ".work",
                "parameter 1 (Optional<String>) is not supported", "module LedgerSim does not load");
        refused(List.of(TimeParameter::new), "parameter 1 (Instant) is not supported");
        refused(List.of(AbstractParameter::new), "parameter 1 (Shape) is not supported", "abstract type");
        refused(List.of(GenericParameter::new), "parameter 1 (List<T>) is not supported", "type variable T");
        refused(List.of(WildcardParameter::new), "is not supported", "wildcard");
        refused(List.of(UncreatableParameter::new), "parameter 1 (NoCreator) is not supported",
                "no default constructor or @JsonCreator");
    }

    @Test
    void unsupportedReturnTypes() {
        refused(List.of(OptionalResult::new), OptionalResult.class.getName() + ".work",
                "return type Optional<String> is not supported");
    }

    @Test
    void namesMustNotContainColons() {
        refused(List.of(ColonName::new), "contract name 'a:b'", ColonName.class.getName());
        refused(List.of(ColonTransaction::new), ColonTransaction.class.getName() + ".work", "'x:y'");
    }

    @Test
    void brokenFactoriesAndClasses() {
        refused(List.of(), "at least one contract");
        refused(List.of(() -> null), "contract factory #1 returned null");
        refused(List.of(() -> {
            throw new IllegalStateException("cannot build");
        }), "contract factory #1 failed: java.lang.IllegalStateException: cannot build");
        IllegalArgumentException noConstructor = assertThrows(IllegalArgumentException.class,
                () -> ContractRouter.ofClasses(List.of(NoDefaultConstructor.class)));
        assertTrue(noConstructor.getMessage().contains(NoDefaultConstructor.class.getName())
                && noConstructor.getMessage().contains("no-argument constructor"), noConstructor.getMessage());
    }
}
