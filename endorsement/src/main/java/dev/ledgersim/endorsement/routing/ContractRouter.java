package dev.ledgersim.endorsement.routing;

import dev.ledgersim.contract.ChaincodeException;
import dev.ledgersim.contract.ChaincodeStub;
import dev.ledgersim.contract.Context;
import dev.ledgersim.contract.Contract;
import dev.ledgersim.contract.ContractInterface;
import dev.ledgersim.contract.Default;
import dev.ledgersim.contract.Transaction;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Routes a chaincode invocation to a transaction function of one of its contracts, binds the
 * arguments, runs the contract's hooks and encodes the result. Internal to LedgerSim: the endorser's
 * simulator and {@code ContractTester} use it; contracts never see it.
 *
 * <h2>Construction: everything is checked up front</h2>
 * A router is built from the chaincode's contract factories ({@link #of}) or classes
 * ({@link #ofClasses}). Each contract class is scanned once; any of these throws an
 * {@link IllegalArgumentException} naming the class (and method):
 * <ul>
 *   <li>two contracts with the same name, or more than one {@link Default @Default};</li>
 *   <li>a contract name or transaction name that is empty or contains {@code ':'};</li>
 *   <li>a {@link Transaction @Transaction} method that is not public, is static, has no first
 *       parameter of type {@link Context} (or a subclass), or shares its transaction name with another
 *       (no overloading);</li>
 *   <li>a parameter or return type {@link ArgumentBinder} cannot bind.</li>
 * </ul>
 * The contract name is {@link Contract#name()}, or the class's simple name when that is empty or the
 * class is unannotated; the transaction name is {@link Transaction#name()}, or the method's name. Only
 * public {@code @Transaction} methods (declared or inherited) are callable.
 *
 * <h2>Routing (API.md §5)</h2>
 * <ul>
 *   <li>{@code name:function} (split at the first {@code ':'}) goes to the contract called
 *       {@code name}; an unknown name fails with "Undefined contract called", as Fabric Java;</li>
 *   <li>an unqualified {@code function} goes to the {@code @Default} contract or, when the chaincode has
 *       exactly one contract, to that one whether or not it is annotated; otherwise it fails, naming the
 *       contracts;</li>
 *   <li>a function the chosen contract does not have runs that contract's
 *       {@link ContractInterface#unknownTransaction unknownTransaction} hook (by default: a
 *       {@link ChaincodeException} "Undefined contract method called").</li>
 * </ul>
 *
 * <h2>Invocation</h2>
 * Each {@link #invoke} asks the contract's factory for a <b>new instance</b> and calls
 * {@code createContext(stub)}, binds the arguments, then {@code beforeTransaction(ctx)}, the method,
 * {@code afterTransaction(ctx, result)}, and encodes the result. Contracts therefore cannot keep state
 * between invocations: only the ledger is shared. (Each factory is also called once at construction,
 * to learn the class it produces; that instance is discarded.)
 *
 * <p>Failures are always a {@link ChaincodeException}: one thrown by the contract (from the method or
 * any hook) propagates as is; any other {@link Throwable} the contract throws — runtime exceptions,
 * checked exceptions, {@link Error}s such as {@link StackOverflowError} — is wrapped in one whose
 * message names the transaction, the step and the exception. Wrong argument counts and unreadable
 * arguments fail before any hook runs, naming the transaction, its parameters and the argument.
 *
 * <p>Immutable and thread-safe, provided the factories are.
 */
public final class ContractRouter {

    /** A contract factory that may throw anything; the router contains what it throws. */
    @FunctionalInterface
    private interface Factory {
        ContractInterface create() throws Throwable;
    }

    /** One transaction function: its description, method, context type and bound parameter types. */
    private record Tx(TransactionFunction function, Method method, Class<?> contextType,
            List<Type> parameterTypes, List<Parameter> parameters) {
    }

    /** One contract: name, class, factory and transactions by name. */
    private record Entry(String name, Class<?> type, Factory factory, boolean annotatedDefault,
            SortedMap<String, Tx> transactions) {
    }

    /** Where a function name leads: a contract, the transaction name and the function (null when unknown). */
    private record Route(Entry contract, String transactionName, Tx tx) {
        String display() {
            return contract.name() + ":" + transactionName;
        }
    }

    private static final int PREVIEW_CHARS = 64;

    private final Map<String, Entry> contracts;
    private final Entry defaultContract;
    private final ArgumentBinder binder;

    private ContractRouter(List<Entry> scanned, ArgumentBinder binder) {
        if (scanned.isEmpty()) {
            throw new IllegalArgumentException("a chaincode needs at least one contract");
        }
        Map<String, Entry> byName = new LinkedHashMap<>();
        Entry annotatedDefault = null;
        for (Entry entry : scanned) {
            Entry clash = byName.putIfAbsent(entry.name(), entry);
            if (clash != null) {
                throw new IllegalArgumentException("duplicate contract name '" + entry.name() + "': "
                        + clash.type().getName() + " and " + entry.type().getName()
                        + " (give one of them @Contract(name = \"...\"))");
            }
            if (entry.annotatedDefault()) {
                if (annotatedDefault != null) {
                    throw new IllegalArgumentException("more than one @Default contract: "
                            + annotatedDefault.type().getName() + " and " + entry.type().getName());
                }
                annotatedDefault = entry;
            }
        }
        this.contracts = Collections.unmodifiableMap(byName);
        this.defaultContract = annotatedDefault != null ? annotatedDefault
                : scanned.size() == 1 ? scanned.get(0) : null;
        this.binder = binder;
    }

    /**
     * A router over the contracts {@code factories} create, in the given order. Each factory is called
     * once now to learn its contract's class, and once per {@link #invoke}; it must return a new
     * instance of the same class every time.
     *
     * @throws IllegalArgumentException when a factory fails or returns null, or a contract class breaks
     *     a rule listed on this class; the message names the class
     */
    public static ContractRouter of(List<? extends Supplier<? extends ContractInterface>> factories) {
        Objects.requireNonNull(factories, "factories");
        ArgumentBinder binder = new ArgumentBinder();
        List<Entry> scanned = new ArrayList<>();
        for (int i = 0; i < factories.size(); i++) {
            Supplier<? extends ContractInterface> supplier = Objects.requireNonNull(factories.get(i), "factory " + i);
            ContractInterface probe;
            try {
                probe = supplier.get();
            } catch (Throwable e) {
                throw new IllegalArgumentException("contract factory #" + (i + 1) + " failed: " + describe(e), e);
            }
            if (probe == null) {
                throw new IllegalArgumentException("contract factory #" + (i + 1) + " returned null");
            }
            scanned.add(scan(probe.getClass(), supplier::get, binder));
        }
        return new ContractRouter(scanned, binder);
    }

    /**
     * A router over {@code classes}, each instantiated through its no-argument constructor (which may
     * be non-public) for every {@link #invoke}.
     *
     * @throws IllegalArgumentException when a class has no usable no-argument constructor, or breaks a
     *     rule listed on this class; the message names the class
     */
    public static ContractRouter ofClasses(List<? extends Class<? extends ContractInterface>> classes) {
        Objects.requireNonNull(classes, "classes");
        ArgumentBinder binder = new ArgumentBinder();
        List<Entry> scanned = new ArrayList<>();
        for (Class<? extends ContractInterface> type : classes) {
            Objects.requireNonNull(type, "contract class");
            if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
                throw new IllegalArgumentException("contract class " + type.getName() + " is abstract");
            }
            Constructor<? extends ContractInterface> constructor;
            try {
                constructor = type.getDeclaredConstructor();
                constructor.setAccessible(true);
            } catch (NoSuchMethodException e) {
                throw new IllegalArgumentException("contract class " + type.getName()
                        + " needs a no-argument constructor (or pass a factory)", e);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("the constructor of contract class " + type.getName()
                        + " is not accessible: " + e.getMessage(), e);
            }
            Factory factory = () -> {
                try {
                    return constructor.newInstance();
                } catch (InvocationTargetException e) {
                    throw e.getCause() == null ? e : e.getCause();
                }
            };
            scanned.add(scan(type, factory, binder));
        }
        return new ContractRouter(scanned, binder);
    }

    private static Entry scan(Class<?> type, Factory factory, ArgumentBinder binder) {
        Contract contract = type.getAnnotation(Contract.class);
        String name = contract == null || contract.name().isEmpty() ? type.getSimpleName() : contract.name();
        if (name.isEmpty()) {
            throw new IllegalArgumentException("contract class " + type.getName()
                    + " has no simple name: annotate it with @Contract(name = \"...\")");
        }
        if (name.indexOf(':') >= 0) {
            throw new IllegalArgumentException("contract name '" + name + "' of " + type.getName()
                    + " contains ':', which separates contract and transaction names");
        }
        rejectNonPublicTransactions(type);
        SortedMap<String, Tx> transactions = new TreeMap<>();
        boolean isDefault = type.isAnnotationPresent(Default.class);
        for (Method method : type.getMethods()) {
            Transaction annotation = method.getAnnotation(Transaction.class);
            if (annotation == null || method.isBridge() || method.isSynthetic()) {
                continue;
            }
            String where = "@Transaction method " + type.getName() + "." + method.getName();
            if (Modifier.isStatic(method.getModifiers())) {
                throw new IllegalArgumentException(where + " is static; transaction functions are instance methods");
            }
            String txName = annotation.name().isEmpty() ? method.getName() : annotation.name();
            if (txName.indexOf(':') >= 0) {
                throw new IllegalArgumentException(where + " has the transaction name '" + txName
                        + "', which contains ':'");
            }
            Class<?>[] raw = method.getParameterTypes();
            if (raw.length == 0 || !Context.class.isAssignableFrom(raw[0])) {
                throw new IllegalArgumentException(where + " must take a Context (or a subclass) as its first parameter"
                        + (raw.length == 0 ? ", it takes none" : ", not " + TypeNames.of(method.getGenericParameterTypes()[0])));
            }
            Type[] generic = method.getGenericParameterTypes();
            Parameter[] parameters = method.getParameters();
            List<Type> bound = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (int i = 1; i < generic.length; i++) {
                Optional<String> problem = binder.unsupportedParameterType(generic[i]);
                if (problem.isPresent()) {
                    throw new IllegalArgumentException(where + ": parameter " + i + " (" + TypeNames.of(generic[i])
                            + ") is not supported: " + problem.get());
                }
                bound.add(generic[i]);
                names.add(TypeNames.of(generic[i]));
            }
            Optional<String> returnProblem = binder.unsupportedReturnType(method.getGenericReturnType());
            if (returnProblem.isPresent()) {
                throw new IllegalArgumentException(where + ": return type " + TypeNames.of(method.getGenericReturnType())
                        + " is not supported: " + returnProblem.get());
            }
            Tx clash = transactions.get(txName);
            if (clash != null) {
                throw new IllegalArgumentException("contract class " + type.getName() + " has two transactions named '"
                        + txName + "': " + clash.function().signature() + " and " + name + ":" + txName
                        + "(" + String.join(", ", names) + "); transaction names must be unique (no overloading)");
            }
            try {
                method.setAccessible(true);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(where + " is not accessible: " + e.getMessage(), e);
            }
            TransactionFunction function = new TransactionFunction(name, txName, annotation.intent(), names,
                    TypeNames.of(method.getGenericReturnType()), isDefault);
            transactions.put(txName, new Tx(function, method, raw[0], List.copyOf(bound),
                    List.of(parameters).subList(1, parameters.length)));
        }
        return new Entry(name, type, factory, isDefault, Collections.unmodifiableSortedMap(transactions));
    }

    /** A {@code @Transaction} on a method clients could never call is a mistake worth reporting. */
    private static void rejectNonPublicTransactions(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method method : c.getDeclaredMethods()) {
                if (method.isAnnotationPresent(Transaction.class) && !Modifier.isPublic(method.getModifiers())) {
                    throw new IllegalArgumentException("@Transaction method " + c.getName() + "." + method.getName()
                            + " is not public; only public methods can be transaction functions");
                }
            }
        }
    }

    // ---------------------------------------------------------------- queries

    /** The contract names, in the order the contracts were given. */
    public List<String> contractNames() {
        return List.copyOf(contracts.keySet());
    }

    /** The contract that unqualified names reach, if any. */
    public Optional<String> defaultContractName() {
        return defaultContract == null ? Optional.empty() : Optional.of(defaultContract.name());
    }

    /** Every transaction function: contracts in the order given, functions sorted by name. */
    public List<TransactionFunction> functions() {
        List<TransactionFunction> out = new ArrayList<>();
        for (Entry entry : contracts.values()) {
            for (Tx tx : entry.transactions().values()) {
                TransactionFunction f = tx.function();
                out.add(entry == defaultContract && !f.isDefaultContract()
                        ? new TransactionFunction(f.contractName(), f.name(), f.intent(), f.parameterTypes(), f.returnType(), true)
                        : f);
            }
        }
        return List.copyOf(out);
    }

    /** The function {@code fnName} (qualified or not) reaches, or empty when it reaches none. */
    public Optional<TransactionFunction> function(String fnName) {
        return functions().stream()
                .filter(f -> f.qualifiedName().equals(fnName) || (f.isDefaultContract() && f.name().equals(fnName)))
                .findFirst();
    }

    /**
     * The declared intent of the function {@code fnName} reaches; {@link Transaction.TYPE#SUBMIT} (the
     * annotation's default) when it reaches none, since {@code unknownTransaction} or an error then
     * decides and may write.
     */
    public Transaction.TYPE intentOf(String fnName) {
        return function(fnName).map(TransactionFunction::intent).orElse(Transaction.TYPE.SUBMIT);
    }

    /** A readable listing of the contracts and their functions, for documentation and error messages. */
    public String describe() {
        StringBuilder out = new StringBuilder();
        for (Entry entry : contracts.values()) {
            out.append("contract ").append(entry.name()).append(" (").append(entry.type().getName())
                    .append(entry == defaultContract ? ", default" : "").append(")\n");
            for (Tx tx : entry.transactions().values()) {
                out.append("  ").append(tx.function()).append('\n');
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "ContractRouter" + contracts.keySet() + (defaultContract == null ? "" : ", default " + defaultContract.name());
    }

    // ---------------------------------------------------------------- invocation

    /**
     * Runs the function {@code fnName} with {@code args} (the arguments after the function name) over
     * {@code stub}, as described on this class.
     *
     * @return the contract, function, intent and encoded result
     * @throws ChaincodeException for every failure: routing, argument count or binding, or anything the
     *     contract throws (its own {@code ChaincodeException}s as they are, everything else wrapped)
     * @throws NullPointerException if {@code args}, one of them, or {@code stub} is null
     */
    public Invocation invoke(String fnName, List<byte[]> args, ChaincodeStub stub) {
        Objects.requireNonNull(args, "args");
        Objects.requireNonNull(stub, "stub");
        for (int i = 0; i < args.size(); i++) {
            Objects.requireNonNull(args.get(i), "argument " + (i + 1));
        }
        Route route = route(fnName == null ? "" : fnName);
        Entry entry = route.contract();
        String display = route.display();

        ContractInterface contract;
        try {
            contract = entry.factory().create();
        } catch (Throwable t) {
            throw contain(t, "creating contract '" + entry.name() + "' for transaction '" + display + "'");
        }
        if (contract == null || contract.getClass() != entry.type()) {
            throw new ChaincodeException("the factory of contract '" + entry.name() + "' returned "
                    + (contract == null ? "null" : "a " + contract.getClass().getName())
                    + " instead of a new " + entry.type().getName());
        }
        Context ctx;
        try {
            ctx = contract.createContext(stub);
        } catch (Throwable t) {
            throw contain(t, "createContext for transaction '" + display + "'");
        }
        if (ctx == null) {
            throw new ChaincodeException("createContext of contract '" + entry.name() + "' returned null for transaction '"
                    + display + "'");
        }

        Tx tx = route.tx();
        if (tx == null) {
            runHook(() -> contract.beforeTransaction(ctx), "beforeTransaction", display);
            runHook(() -> contract.unknownTransaction(ctx), "unknownTransaction", display);
            runHook(() -> contract.afterTransaction(ctx, null), "afterTransaction", display);
            return new Invocation(entry.name(), route.transactionName(), Transaction.TYPE.SUBMIT, true, new byte[0]);
        }
        if (!tx.contextType().isInstance(ctx)) {
            throw new ChaincodeException("transaction '" + tx.function().signature() + "' takes a "
                    + tx.contextType().getName() + " but createContext of contract '" + entry.name()
                    + "' returned a " + ctx.getClass().getName());
        }
        Object[] values = bind(tx, ctx, args);
        runHook(() -> contract.beforeTransaction(ctx), "beforeTransaction", display);
        Object result;
        try {
            result = tx.method().invoke(contract, values);
        } catch (InvocationTargetException e) {
            throw contain(e.getCause() == null ? e : e.getCause(), "transaction '" + display + "'");
        } catch (Throwable t) {
            throw contain(t, "transaction '" + display + "'");
        }
        runHook(() -> contract.afterTransaction(ctx, result), "afterTransaction", display);
        byte[] payload;
        try {
            payload = binder.encode(result);
        } catch (Throwable t) {
            throw contain(t, "encoding the result of transaction '" + display + "'");
        }
        return new Invocation(entry.name(), tx.function().name(), tx.function().intent(), false, payload);
    }

    private Route route(String fnName) {
        int colon = fnName.indexOf(':');
        if (colon >= 0) {
            String contractName = fnName.substring(0, colon);
            String txName = fnName.substring(colon + 1);
            Entry entry = contracts.get(contractName);
            if (entry == null) {
                throw new ChaincodeException("Undefined contract called: '" + contractName + "' in '" + fnName
                        + "' (this chaincode's contracts: " + String.join(", ", contracts.keySet()) + ")");
            }
            return new Route(entry, txName, entry.transactions().get(txName));
        }
        if (defaultContract == null) {
            throw new ChaincodeException("no default contract for the unqualified function '" + fnName
                    + "': this chaincode has the contracts " + String.join(", ", contracts.keySet())
                    + " and none is @Default; call it as <contract>:" + fnName);
        }
        return new Route(defaultContract, fnName, defaultContract.transactions().get(fnName));
    }

    private Object[] bind(Tx tx, Context ctx, List<byte[]> args) {
        List<Type> types = tx.parameterTypes();
        if (args.size() != types.size()) {
            throw new ChaincodeException("Incorrect number of arguments for transaction '" + tx.function().signature()
                    + "': expected " + types.size() + " but was given " + args.size());
        }
        Object[] values = new Object[types.size() + 1];
        values[0] = ctx;
        for (int i = 0; i < types.size(); i++) {
            byte[] arg = args.get(i);
            String parameter = "parameter " + (i + 1) + nameOf(tx.parameters().get(i)) + " (" + TypeNames.of(types.get(i)) + ")";
            try {
                values[i + 1] = binder.decode(arg, types.get(i));
            } catch (IllegalArgumentException e) {
                throw new ChaincodeException("Invalid argument for transaction '" + tx.function().signature() + "': "
                        + parameter + " cannot be read from " + preview(arg) + ": " + e.getMessage(), e);
            } catch (Throwable t) {
                throw contain(t, "binding " + parameter + " of transaction '" + tx.function().signature() + "'");
            }
        }
        return values;
    }

    private static String nameOf(Parameter parameter) {
        return parameter.isNamePresent() ? " '" + parameter.getName() + "'" : "";
    }

    /** The argument as quoted, escaped UTF-8 text, cut after {@value #PREVIEW_CHARS} characters. */
    private static String preview(byte[] arg) {
        String text = new String(arg, StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder("\"");
        int limit = Math.min(text.length(), PREVIEW_CHARS);
        for (int i = 0; i < limit; i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7F) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
        if (text.length() > PREVIEW_CHARS) {
            out.append("... (").append(arg.length).append(" bytes)");
        }
        return out.toString();
    }

    private static void runHook(Runnable hook, String name, String display) {
        try {
            hook.run();
        } catch (Throwable t) {
            throw contain(t, name + " of transaction '" + display + "'");
        }
    }

    /**
     * {@code t} as the {@link ChaincodeException} to report: itself when it is one, otherwise a new one
     * naming {@code what} and the exception, with {@code t} as its cause. The interrupt status of an
     * {@link InterruptedException} is restored.
     */
    private static ChaincodeException contain(Throwable t, String what) {
        if (t instanceof ChaincodeException chaincodeException) {
            return chaincodeException;
        }
        if (t instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        return new ChaincodeException(what + " failed: " + describe(t), t);
    }

    /** {@code ClassName: message}, robust against a {@code getMessage} that itself throws. */
    private static String describe(Throwable t) {
        String message;
        try {
            message = t.getMessage();
        } catch (Throwable broken) {
            message = null;
        }
        return message == null ? t.getClass().getName() : t.getClass().getName() + ": " + message;
    }
}
