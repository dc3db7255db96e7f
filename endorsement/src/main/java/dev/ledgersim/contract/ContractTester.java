package dev.ledgersim.contract;

import dev.ledgersim.endorsement.CollectionConfig;
import dev.ledgersim.endorsement.routing.ContractRouter;
import dev.ledgersim.endorsement.routing.Invocation;
import dev.ledgersim.endorsement.simulation.CollectionAccess;
import dev.ledgersim.endorsement.simulation.CommittedReader;
import dev.ledgersim.endorsement.simulation.SimulationBudget;
import dev.ledgersim.endorsement.simulation.TransactionSimulator;
import dev.ledgersim.endorsement.simulation.TxContext;
import dev.ledgersim.ledger.codec.Hashes;
import dev.ledgersim.ledger.commit.BlockUpdates;
import dev.ledgersim.ledger.protocol.Bytes;
import dev.ledgersim.ledger.protocol.ChaincodeEvent;
import dev.ledgersim.ledger.protocol.Timestamp;
import dev.ledgersim.ledger.protocol.TxReadWriteSet;
import dev.ledgersim.ledger.rwset.SimulationResults;
import dev.ledgersim.ledger.state.HistoryIndex;
import dev.ledgersim.ledger.state.PrivateDataStore;
import dev.ledgersim.ledger.state.StateDb;
import dev.ledgersim.ledger.state.VersionedValue;
import dev.ledgersim.ledger.storage.InMemoryKvStore;
import dev.ledgersim.ledger.storage.KvStore;
import dev.ledgersim.ledger.storage.WriteBatch;
import dev.ledgersim.ledger.validation.BlockValidation;
import dev.ledgersim.msp.CaConfig;
import dev.ledgersim.msp.CertificateAuthority;
import dev.ledgersim.msp.Crypto;
import dev.ledgersim.msp.DeterministicRandom;
import dev.ledgersim.msp.Identity;
import dev.ledgersim.msp.Role;
import dev.ledgersim.msp.policy.Policy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Runs a contract without a network, for unit tests: the same stub as on a peer (reads of committed
 * state only, rw-set recording, composite keys, ranges, queries, history, private data, events), over
 * an in-memory world state. A {@link #submit} that succeeds commits its writes, so the next call sees
 * them; an {@link #evaluate} commits nothing. Calls are sequential, so no MVCC conflict can arise, and
 * endorsement policies are not checked: this tests the contract's logic, the network tests the rest.
 *
 * <pre>{@code
 * ContractTester tester = ContractTester.of(EmrContract::new).as(drBob);
 * tester.submit("enterData", "patient1", "glucose 7.9 mmol/L");
 * assertEquals("glucose 7.9 mmol/L", tester.evaluate("read", "patient1").payloadAsString());
 * }</pre>
 *
 * <p>Deterministic: txids come from a seeded nonce stream, timestamps from a clock that starts at
 * {@link CaConfig#DEFAULT_VALID_FROM} and advances one second per call unless set with {@link #at}.
 * Not thread-safe.
 */
public final class ContractTester {

    /**
     * What one call produced.
     *
     * @param txId the transaction id
     * @param payload the function's result
     * @param rwSet the public read-write set recorded (private writes appear as hashes)
     * @param event the event the contract set, if any
     */
    public record Result(String txId, byte[] payload, TxReadWriteSet rwSet, Optional<ChaincodeEvent> event) {
        /** Copies. */
        public Result {
            payload = payload.clone();
        }

        @Override
        public byte[] payload() {
            return payload.clone();
        }

        /** The result as UTF-8 text. */
        public String payloadAsString() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    private static final String DEFAULT_CHAINCODE = "chaincode";

    private final String chaincode;
    private final Map<String, ContractRouter> routers = new TreeMap<>();
    private final Map<String, CollectionConfig> collections = new TreeMap<>();
    private final KvStore store = new InMemoryKvStore(union(StateDb.COLUMNS, HistoryIndex.COLUMNS, PrivateDataStore.COLUMNS));
    private final StateDb state = new StateDb(store);
    private final HistoryIndex history = new HistoryIndex(store);
    private final DeterministicRandom nonces = DeterministicRandom.fromSeed(0, "contract-tester/nonces");
    private Identity identity;
    private Map<String, byte[]> transientMap = Map.of();
    private Instant clock = CaConfig.DEFAULT_VALID_FROM;
    private Instant fixedTime;
    private String peerMspId;
    private long nextBlock = 1;
    private long maxOperations = SimulationBudget.DEFAULT_MAX_OPERATIONS;

    private ContractTester(String chaincode, List<Supplier<? extends ContractInterface>> contracts) {
        this.chaincode = chaincode;
        routers.put(chaincode, ContractRouter.of(contracts));
    }

    /** A tester for a chaincode made of {@code contracts}, named {@code chaincode}. */
    @SafeVarargs
    public static ContractTester of(Supplier<? extends ContractInterface>... contracts) {
        List<Supplier<? extends ContractInterface>> list = new ArrayList<>(contracts.length);
        for (Supplier<? extends ContractInterface> contract : contracts) {
            list.add(contract);
        }
        return new ContractTester(DEFAULT_CHAINCODE, list);
    }

    /** A tester for chaincode {@code name} made of {@code contracts} (the name matters for events and invocations). */
    @SafeVarargs
    public static ContractTester named(String name, Supplier<? extends ContractInterface>... contracts) {
        List<Supplier<? extends ContractInterface>> list = new ArrayList<>(contracts.length);
        for (Supplier<? extends ContractInterface> contract : contracts) {
            list.add(contract);
        }
        return new ContractTester(name, list);
    }

    /** Calls are made by {@code caller} (its certificate, MSP and attributes reach {@link ClientIdentity}). */
    public ContractTester as(Identity caller) {
        this.identity = Objects.requireNonNull(caller, "caller");
        return this;
    }

    /** The transient map of the following calls. */
    public ContractTester withTransient(Map<String, byte[]> values) {
        Map<String, byte[]> copy = new TreeMap<>();
        values.forEach((k, v) -> copy.put(k, v.clone()));
        this.transientMap = copy;
        return this;
    }

    /** The following calls carry timestamp {@code time} ({@code getTxTimestamp}). */
    public ContractTester at(Instant time) {
        this.fixedTime = Objects.requireNonNull(time, "time");
        return this;
    }

    /** Defines a private data collection of the chaincode; the tester holds its data as a member peer would. */
    public ContractTester collection(CollectionConfig collection) {
        collections.put(collection.name(), collection);
        return this;
    }

    /** Makes another chaincode available to {@code invokeChaincode}. */
    @SafeVarargs
    public final ContractTester withChaincode(String name, Supplier<? extends ContractInterface>... contracts) {
        List<Supplier<? extends ContractInterface>> list = new ArrayList<>(contracts.length);
        for (Supplier<? extends ContractInterface> contract : contracts) {
            list.add(contract);
        }
        routers.put(name, ContractRouter.of(list));
        return this;
    }

    /** The MSP id the stub reports as the peer's ({@code getMspId}); default: the caller's. */
    public ContractTester onPeerOf(String mspId) {
        this.peerMspId = mspId;
        return this;
    }

    /** The ledger-operation budget of each call (default one million). */
    public ContractTester withOperationBudget(long operations) {
        this.maxOperations = operations;
        return this;
    }

    /**
     * Runs a transaction without arguments and, when it succeeds, commits its writes. (Without this
     * overload {@code submit("InitLedger")} would not compile: it matches both varargs forms.)
     *
     * @throws ChaincodeException what the contract threw (nothing is committed)
     */
    public Result submit(String function) {
        return run(function, List.of(), true);
    }

    /**
     * Runs a transaction and, when it succeeds, commits its writes.
     *
     * @throws ChaincodeException what the contract threw (nothing is committed)
     */
    public Result submit(String function, String... args) {
        return run(function, strings(args), true);
    }

    /** Runs a transaction with byte arguments and, when it succeeds, commits its writes. */
    public Result submit(String function, byte[]... args) {
        return run(function, List.of(args), true);
    }

    /** Runs a query: nothing is committed. */
    public Result evaluate(String function, String... args) {
        return run(function, strings(args), false);
    }

    /** The committed value of {@code key} in the chaincode's namespace, or {@code null}. */
    public byte[] state(String key) {
        return state.get(chaincode, key).map(VersionedValue::value).map(Bytes::toByteArray).orElse(null);
    }

    /** The committed private value of {@code key} in {@code collection}, or {@code null}. */
    public byte[] privateState(String collection, String key) {
        return state.getPrivate(chaincode, collection, key).map(VersionedValue::value).map(Bytes::toByteArray).orElse(null);
    }

    private Result run(String function, List<byte[]> args, boolean commit) {
        Identity caller = identity != null ? identity : DefaultIdentity.INSTANCE;
        byte[] nonce = new byte[24];
        nonces.nextBytes(nonce);
        String txId = Hashes.txId(Bytes.wrap(nonce), Bytes.wrap(caller.serialize()));
        clock = clock.plus(Duration.ofSeconds(1));
        Timestamp timestamp = Timestamp.of(fixedTime != null ? fixedTime : clock);
        List<Bytes> allArgs = new ArrayList<>();
        allArgs.add(Bytes.utf8(function));
        args.forEach(a -> allArgs.add(Bytes.of(a)));
        SortedMap<String, Bytes> transientBytes = new TreeMap<>();
        transientMap.forEach((k, v) -> transientBytes.put(k, Bytes.of(v)));
        TxContext context = new TxContext("tester", txId, caller, Bytes.wrap(nonce), timestamp, allArgs, transientBytes,
                peerMspId != null ? peerMspId : caller.mspId());
        TransactionSimulator stub = TransactionSimulator.start(chaincode, context, new CommittedReader(state, history),
                new SimulationBudget(maxOperations), this::collectionAccess, this::invokeNested);
        Invocation invocation = routers.get(chaincode).invoke(function, args, stub);
        SimulationResults results = stub.results();
        Optional<ChaincodeEvent> event = stub.event();
        if (commit) {
            commit(txId, results, timestamp);
        }
        return new Result(txId, invocation.payload(), results.publicRwSet(), event);
    }

    private void commit(String txId, SimulationResults results, Timestamp timestamp) {
        long block = nextBlock++;
        List<BlockValidation.ValidTx> valid = List.of(new BlockValidation.ValidTx(txId, results.publicRwSet(), timestamp));
        BlockUpdates updates = BlockUpdates.compute(block, valid, Map.of(0, results.privateRwSet()), state);
        WriteBatch batch = store.newBatch();
        updates.history().forEach(h -> history.add(batch, h.namespace(), h.key(), h.modification()));
        state.apply(updates.updates(), block, batch);
    }

    private Optional<CollectionAccess> collectionAccess(String namespace, String collection) {
        if (collection.startsWith("_implicit_org_")) {
            return Optional.of(new CollectionAccess(Policy.parse("OR('" + collection.substring("_implicit_org_".length())
                    + ".member')"), false, false));
        }
        CollectionConfig config = namespace.equals(chaincode) ? collections.get(collection) : null;
        return Optional.ofNullable(config)
                .map(c -> new CollectionAccess(c.memberOrgsPolicy(), c.memberOnlyRead(), c.memberOnlyWrite()));
    }

    private Chaincode.Response invokeNested(String name, List<byte[]> args, TransactionSimulator stub) {
        ContractRouter router = routers.get(name);
        if (router == null) {
            return Chaincode.Response.error("chaincode " + name + " is not known to this tester (add it with withChaincode)", null);
        }
        if (args.isEmpty()) {
            return Chaincode.Response.error("invokeChaincode: no function given for " + name, null);
        }
        try {
            Invocation invocation = router.invoke(new String(args.get(0), StandardCharsets.UTF_8), args.subList(1, args.size()), stub);
            return Chaincode.Response.success(invocation.payload());
        } catch (ChaincodeException e) {
            return Chaincode.Response.error(e.getMessage(), e.getPayload());
        }
    }

    private static List<byte[]> strings(String... args) {
        List<byte[]> out = new ArrayList<>(args.length);
        for (String arg : args) {
            out.add(arg.getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    private static Set<String> union(Set<String> a, Set<String> b, Set<String> c) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        all.addAll(c);
        return all;
    }

    /** The caller when none is given: a client "tester" of Org1MSP from a seeded CA. */
    private static final class DefaultIdentity {
        static final Identity INSTANCE = CertificateAuthority.create(CaConfig.defaults("Org1MSP"),
                DeterministicRandom.fromSeed(0, "contract-tester/ca"), Crypto.ecdsa()).enroll("tester", Role.CLIENT);
    }
}
