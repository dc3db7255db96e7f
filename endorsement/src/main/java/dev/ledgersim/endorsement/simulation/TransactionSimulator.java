package dev.ledgersim.endorsement.simulation;

import dev.ledgersim.contract.Chaincode;
import dev.ledgersim.contract.ChaincodeException;
import dev.ledgersim.contract.ChaincodeStub;
import dev.ledgersim.contract.CompositeKey;
import dev.ledgersim.contract.KeyModification;
import dev.ledgersim.contract.KeyValue;
import dev.ledgersim.contract.QueryResponseMetadata;
import dev.ledgersim.contract.QueryResultsIterator;
import dev.ledgersim.contract.QueryResultsIteratorWithMetadata;
import dev.ledgersim.endorsement.routing.JsonSelector;
import dev.ledgersim.ledger.codec.Hashes;
import dev.ledgersim.ledger.protocol.Bytes;
import dev.ledgersim.ledger.protocol.ChaincodeEvent;
import dev.ledgersim.ledger.protocol.KeyOrder;
import dev.ledgersim.ledger.protocol.KvMetadataEntry;
import dev.ledgersim.ledger.protocol.KvRead;
import dev.ledgersim.ledger.protocol.Version;
import dev.ledgersim.ledger.rwset.RangeQueryRecorder;
import dev.ledgersim.ledger.rwset.RwSetBuilder;
import dev.ledgersim.ledger.rwset.SimulationResults;
import dev.ledgersim.ledger.state.StateEntry;
import dev.ledgersim.ledger.state.VersionedValue;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The {@link ChaincodeStub} a contract sees while a peer simulates a proposal: it reads the peer's
 * committed state and records every read (with its version), range read, write, metadata write and
 * private read or write into an {@link RwSetBuilder}, with Fabric's semantics (FABRIC.md §4, §9):
 * <ul>
 *   <li>no read-your-writes: reads always see committed state;</li>
 *   <li>range queries and partial composite keys are recorded for phantom validation as the contract
 *       iterates (end key = last key returned, or the requested end once exhausted);</li>
 *   <li>paginated queries and private-data queries are allowed only in read-only transactions;</li>
 *   <li>rich queries ({@link #getQueryResult}) add each returned key to the read set, without phantom
 *       protection; history reads record nothing;</li>
 *   <li>one event per transaction, the last {@link #setEvent} wins;</li>
 *   <li>{@link #invokeChaincode} runs another chaincode of the same channel in the same transaction: its
 *       reads and writes land in this rw-set under its namespace.</li>
 * </ul>
 * Not thread-safe: one simulation runs on one thread.
 */
public final class TransactionSimulator implements ChaincodeStub {

    /** Runs another chaincode inside the same transaction, for {@link #invokeChaincode}. */
    @FunctionalInterface
    public interface ChaincodeCaller {
        /** Invokes {@code chaincode} with {@code args} using {@code stub} (a simulator for that chaincode's namespace). */
        Chaincode.Response invoke(String chaincode, List<byte[]> args, TransactionSimulator stub);
    }

    /** The state shared by a transaction's top-level simulator and the chaincodes it invokes. */
    private static final class Session {
        final TxContext context;
        final CommittedReader reader;
        final RwSetBuilder builder = new RwSetBuilder();
        final SimulationBudget budget;
        final CollectionAccess.Resolver collections;
        final ChaincodeCaller caller;
        final List<RecordingIterator> openRanges = new ArrayList<>();
        boolean paginated;
        boolean privateQueried;
        int depth;

        Session(TxContext context, CommittedReader reader, SimulationBudget budget,
                CollectionAccess.Resolver collections, ChaincodeCaller caller) {
            this.context = context;
            this.reader = reader;
            this.budget = budget;
            this.collections = collections;
            this.caller = caller;
        }
    }

    private static final int MAX_INVOKE_DEPTH = 32;

    private final Session session;
    private final String namespace;
    private final List<Bytes> args;
    /** This chaincode's event. A callee's is dropped with its stub, as Fabric returns only its response. */
    private ChaincodeEvent event;

    private TransactionSimulator(Session session, String namespace, List<Bytes> args) {
        this.session = session;
        this.namespace = namespace;
        this.args = List.copyOf(args);
    }

    /**
     * A simulator for a proposal invoking {@code namespace}.
     *
     * @param collections resolves the chaincodes' private data collections
     * @param caller runs chaincodes invoked with {@link #invokeChaincode}
     */
    public static TransactionSimulator start(String namespace, TxContext context, CommittedReader reader,
                                             SimulationBudget budget, CollectionAccess.Resolver collections,
                                             ChaincodeCaller caller) {
        return new TransactionSimulator(new Session(context, reader, budget, collections, caller), namespace,
                context.args());
    }

    /** The namespace (chaincode) this stub reads and writes. */
    public String namespace() {
        return namespace;
    }

    /**
     * The rw-sets recorded, after recording any range iterator the contract left open. Call once, when
     * the top-level contract returned.
     */
    public SimulationResults results() {
        for (RecordingIterator it : List.copyOf(session.openRanges)) {
            it.close();
        }
        return session.builder.build();
    }

    /**
     * The event this chaincode set, if any: on the top-level simulator, the transaction's event. Events
     * set by chaincodes invoked with {@link #invokeChaincode} are not the transaction's (Fabric hands
     * the caller only the callee's response).
     */
    public Optional<ChaincodeEvent> event() {
        return Optional.ofNullable(event);
    }

    /** Ledger operations used so far. */
    public long operationsUsed() {
        return session.budget.used();
    }

    // --- arguments and context ---

    @Override
    public List<byte[]> getArgs() {
        List<byte[]> out = new ArrayList<>();
        args.forEach(a -> out.add(a.toByteArray()));
        return out;
    }

    @Override
    public List<String> getStringArgs() {
        return args.stream().map(Bytes::toUtf8).toList();
    }

    @Override
    public String getFunction() {
        List<String> args = getStringArgs();
        return args.isEmpty() ? "" : args.get(0);
    }

    @Override
    public List<String> getParameters() {
        List<String> args = getStringArgs();
        return args.isEmpty() ? List.of() : args.subList(1, args.size());
    }

    @Override
    public String getTxId() {
        return session.context.txId();
    }

    @Override
    public String getChannelId() {
        return session.context.channelId();
    }

    @Override
    public String getMspId() {
        return session.context.peerMspId();
    }

    @Override
    public byte[] getCreator() {
        return session.context.creator().serialize();
    }

    @Override
    public Map<String, byte[]> getTransient() {
        Map<String, byte[]> out = new LinkedHashMap<>();
        session.context.transientMap().forEach((k, v) -> out.put(k, v.toByteArray()));
        return Collections.unmodifiableMap(out);
    }

    /** Fabric's proposal binding: SHA-256(nonce || creator || epoch as 8 little-endian bytes). */
    @Override
    public byte[] getBinding() {
        byte[] epoch = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0).array();
        return Hashes.sha256(session.context.nonce(), Bytes.wrap(session.context.creator().serialize()), Bytes.wrap(epoch))
                .toByteArray();
    }

    @Override
    public Instant getTxTimestamp() {
        return session.context.timestamp().toInstant();
    }

    @Override
    public void setEvent(String name, byte[] payload) {
        spend("setEvent");
        if (name == null || name.isEmpty()) {
            throw new ChaincodeException("event name can not be empty string");
        }
        event = new ChaincodeEvent(namespace, session.context.txId(), name,
                payload == null ? Bytes.EMPTY : Bytes.of(payload));
    }

    @Override
    public Chaincode.Response invokeChaincode(String chaincodeName, List<byte[]> args, String channel) {
        spend("invokeChaincode");
        if (channel != null && !channel.isEmpty() && !channel.equals(session.context.channelId())) {
            throw new ChaincodeException("invokeChaincode: chaincode " + chaincodeName + " on channel '" + channel
                    + "': only chaincodes of this channel ('" + session.context.channelId() + "') can be invoked");
        }
        if (session.depth >= MAX_INVOKE_DEPTH) {
            throw new ChaincodeException("invokeChaincode: more than " + MAX_INVOKE_DEPTH + " nested invocations");
        }
        session.depth++;
        try {
            List<Bytes> calleeArgs = new ArrayList<>(args.size());
            args.forEach(a -> calleeArgs.add(Bytes.of(a)));
            return session.caller.invoke(chaincodeName, args, new TransactionSimulator(session, chaincodeName, calleeArgs));
        } finally {
            session.depth--;
        }
    }

    // --- public state ---

    @Override
    public byte[] getState(String key) {
        spend("getState");
        requireKey(key);
        Optional<VersionedValue> value = session.reader.get(namespace, key);
        session.builder.addRead(namespace, key, value.map(VersionedValue::version).orElse(null));
        return value.map(v -> v.value().toByteArray()).orElse(new byte[0]);
    }

    @Override
    public void putState(String key, byte[] value) {
        spend("putState");
        requireKey(key);
        Objects.requireNonNull(value, "value");
        checkWritable();
        session.builder.addWrite(namespace, key, Bytes.of(value));
    }

    @Override
    public void delState(String key) {
        spend("delState");
        requireKey(key);
        checkWritable();
        session.builder.addDelete(namespace, key);
    }

    @Override
    public void setStateValidationParameter(String key, byte[] ep) {
        spend("setStateValidationParameter");
        requireKey(key);
        checkWritable();
        session.builder.addMetadataWrite(namespace, key, validationParameter(ep));
    }

    @Override
    public byte[] getStateValidationParameter(String key) {
        spend("getStateValidationParameter");
        requireKey(key);
        Optional<VersionedValue> value = session.reader.get(namespace, key);
        session.builder.addRead(namespace, key, value.map(VersionedValue::version).orElse(null));
        return value.map(v -> v.metadata().get(KvMetadataEntry.VALIDATION_PARAMETER)).map(Bytes::toByteArray).orElse(null);
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByRange(String startKey, String endKey) {
        spend("getStateByRange");
        String start = startKey == null || startKey.isEmpty() ? "\u0001" : startKey;
        String end = endKey == null ? "" : endKey;
        CompositeKey.validateSimpleKeys(start, end);
        return range(start, end);
    }

    @Override
    public QueryResultsIteratorWithMetadata<KeyValue> getStateByRangeWithPagination(String startKey, String endKey,
                                                                                    int pageSize, String bookmark) {
        spend("getStateByRangeWithPagination");
        String start = startKey == null || startKey.isEmpty() ? "\u0001" : startKey;
        String end = endKey == null ? "" : endKey;
        CompositeKey.validateSimpleKeys(start, end);
        return paginatedRange(start, end, pageSize, bookmark);
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(CompositeKey compositeKey) {
        spend("getStateByPartialCompositeKey");
        String start = compositeKey.toString();
        return range(start, compositeKey.partialKeyRangeEnd());
    }

    @Override
    public QueryResultsIteratorWithMetadata<KeyValue> getStateByPartialCompositeKeyWithPagination(
            CompositeKey compositeKey, int pageSize, String bookmark) {
        spend("getStateByPartialCompositeKeyWithPagination");
        return paginatedRange(compositeKey.toString(), compositeKey.partialKeyRangeEnd(), pageSize, bookmark);
    }

    private QueryResultsIterator<KeyValue> range(String start, String end) {
        List<StateEntry> entries = session.reader.range(namespace, start, end);
        RecordingIterator it = new RecordingIterator(entries, new RangeQueryRecorder(start, end));
        session.openRanges.add(it);
        return it;
    }

    private QueryResultsIteratorWithMetadata<KeyValue> paginatedRange(String start, String end, int pageSize, String bookmark) {
        beginPaginated();
        if (pageSize <= 0) {
            throw new ChaincodeException("page size must be positive, got " + pageSize);
        }
        String from = bookmark == null || bookmark.isEmpty() ? start : bookmark;
        if (!from.equals(start) && (KeyOrder.compare(from, start) < 0 || (!end.isEmpty() && KeyOrder.compare(from, end) >= 0))) {
            throw new ChaincodeException("bookmark '" + bookmark + "' is outside the range ['" + start + "', '" + end + "')");
        }
        List<StateEntry> all = session.reader.range(namespace, from, end);
        List<StateEntry> page = all.subList(0, Math.min(pageSize, all.size()));
        String next = all.size() > pageSize ? all.get(pageSize).key() : "";
        RangeQueryRecorder recorder = new RangeQueryRecorder(from, end);
        for (StateEntry e : page) {
            recorder.onResult(new KvRead(e.key(), e.value().version()));
        }
        if (next.isEmpty()) {
            recorder.onExhausted();
        }
        session.builder.addRangeQuery(namespace, recorder.toRangeQueryInfo());
        List<KeyValue> values = page.stream().map(e -> KeyValue.of(e.key(), e.value().value().toByteArray())).toList();
        return new ListIterator<>(values, new QueryResponseMetadata(values.size(), next));
    }

    @Override
    public QueryResultsIterator<KeyValue> getQueryResult(String query) {
        spend("getQueryResult");
        List<KeyValue> results = runQuery(query);
        return new ListIterator<>(results, new QueryResponseMetadata(results.size(), ""));
    }

    @Override
    public QueryResultsIteratorWithMetadata<KeyValue> getQueryResultWithPagination(String query, int pageSize, String bookmark) {
        spend("getQueryResultWithPagination");
        beginPaginated();
        if (pageSize <= 0) {
            throw new ChaincodeException("page size must be positive, got " + pageSize);
        }
        int offset = 0;
        if (bookmark != null && !bookmark.isEmpty()) {
            try {
                offset = Integer.parseInt(bookmark);
            } catch (NumberFormatException e) {
                throw new ChaincodeException("bookmark '" + bookmark + "' was not returned by a paginated query", e);
            }
        }
        List<StateEntry> all = select(query);
        int from = Math.min(Math.max(offset, 0), all.size());
        int to = Math.min(from + pageSize, all.size());
        List<KeyValue> page = record(all.subList(from, to));
        return new ListIterator<>(page, new QueryResponseMetadata(page.size(), to < all.size() ? Integer.toString(to) : ""));
    }

    /** Runs a Mango selector over the namespace; each result is recorded as a plain read (no phantom protection). */
    private List<KeyValue> runQuery(String query) {
        return record(select(query));
    }

    private List<StateEntry> select(String query) {
        JsonSelector selector;
        try {
            selector = JsonSelector.parse(query);
        } catch (IllegalArgumentException e) {
            throw new ChaincodeException("invalid query: " + e.getMessage(), e);
        }
        List<StateEntry> all = session.reader.range(namespace, "", "");
        return selector.select(all, e -> e.value().value().unsafeArray());
    }

    /** Adds each entry returned to the contract to the read set, as Fabric does for rich query results. */
    private List<KeyValue> record(List<StateEntry> returned) {
        List<KeyValue> out = new ArrayList<>(returned.size());
        for (StateEntry e : returned) {
            session.builder.addRead(namespace, e.key(), e.value().version());
            out.add(KeyValue.of(e.key(), e.value().value().toByteArray()));
        }
        return out;
    }

    @Override
    public QueryResultsIterator<KeyModification> getHistoryForKey(String key) {
        spend("getHistoryForKey");
        requireKey(key);
        List<KeyModification> out = new ArrayList<>();
        for (dev.ledgersim.ledger.state.KeyModification m : session.reader.history(namespace, key)) {
            out.add(KeyModification.of(m.txId(), m.value().toByteArray(), m.timestamp().toInstant(), m.isDelete()));
        }
        return new ListIterator<>(out, new QueryResponseMetadata(out.size(), ""));
    }

    // --- private data ---

    @Override
    public byte[] getPrivateData(String collection, String key) {
        spend("getPrivateData");
        CollectionAccess access = collection(collection);
        requireKey(key);
        if (access.memberOnlyRead() && !isCreatorMember(access)) {
            throw new ChaincodeException("tx creator does not have read access permission on privatedata in chaincodeName:"
                    + namespace + " collectionName: " + collection);
        }
        Bytes keyHash = Hashes.sha256(Bytes.utf8(key));
        Version hashed = session.reader.getHashed(namespace, collection, keyHash).map(VersionedValue::version).orElse(null);
        session.builder.addPrivateRead(namespace, collection, key, hashed);
        Optional<VersionedValue> value = session.reader.getPrivate(namespace, collection, key);
        Version privateVersion = value.map(VersionedValue::version).orElse(null);
        if (!Objects.equals(hashed, privateVersion)) {
            throw new ChaincodeException("private data matching public hash version is not available. Public hash version = "
                    + describe(hashed) + ", Private data version = " + describe(privateVersion));
        }
        return value.map(v -> v.value().toByteArray()).orElse(new byte[0]);
    }

    @Override
    public byte[] getPrivateDataHash(String collection, String key) {
        spend("getPrivateDataHash");
        collection(collection);
        requireKey(key);
        Bytes keyHash = Hashes.sha256(Bytes.utf8(key));
        Optional<VersionedValue> hashed = session.reader.getHashed(namespace, collection, keyHash);
        session.builder.addPrivateHashRead(namespace, collection, keyHash, hashed.map(VersionedValue::version).orElse(null));
        return hashed.map(v -> v.value().toByteArray()).orElse(new byte[0]);
    }

    @Override
    public void putPrivateData(String collection, String key, byte[] value) {
        spend("putPrivateData");
        checkPrivateWrite(collection, key);
        Objects.requireNonNull(value, "value");
        session.builder.addPrivateWrite(namespace, collection, key, Bytes.of(value));
    }

    @Override
    public void delPrivateData(String collection, String key) {
        spend("delPrivateData");
        checkPrivateWrite(collection, key);
        session.builder.addPrivateDelete(namespace, collection, key);
    }

    @Override
    public void purgePrivateData(String collection, String key) {
        spend("purgePrivateData");
        checkPrivateWrite(collection, key);
        session.builder.addPrivatePurge(namespace, collection, key);
    }

    @Override
    public void setPrivateDataValidationParameter(String collection, String key, byte[] ep) {
        spend("setPrivateDataValidationParameter");
        checkPrivateWrite(collection, key);
        session.builder.addPrivateMetadataWrite(namespace, collection, key, validationParameter(ep));
    }

    @Override
    public byte[] getPrivateDataValidationParameter(String collection, String key) {
        spend("getPrivateDataValidationParameter");
        collection(collection);
        requireKey(key);
        Bytes keyHash = Hashes.sha256(Bytes.utf8(key));
        Optional<VersionedValue> hashed = session.reader.getHashed(namespace, collection, keyHash);
        session.builder.addPrivateHashRead(namespace, collection, keyHash, hashed.map(VersionedValue::version).orElse(null));
        return hashed.map(v -> v.metadata().get(KvMetadataEntry.VALIDATION_PARAMETER)).map(Bytes::toByteArray).orElse(null);
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByRange(String collection, String startKey, String endKey) {
        spend("getPrivateDataByRange");
        String start = startKey == null || startKey.isEmpty() ? "\u0001" : startKey;
        String end = endKey == null ? "" : endKey;
        CompositeKey.validateSimpleKeys(start, end);
        return privateRange(collection, start, end);
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(String collection, CompositeKey compositeKey) {
        spend("getPrivateDataByPartialCompositeKey");
        return privateRange(collection, compositeKey.toString(), compositeKey.partialKeyRangeEnd());
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataQueryResult(String collection, String query) {
        spend("getPrivateDataQueryResult");
        CollectionAccess access = privateQueryAccess(collection);
        JsonSelector selector;
        try {
            selector = JsonSelector.parse(query);
        } catch (IllegalArgumentException e) {
            throw new ChaincodeException("invalid query: " + e.getMessage(), e);
        }
        requireMemberRead(access, collection);
        List<StateEntry> all = session.reader.privateRange(namespace, collection, "", "");
        List<KeyValue> out = selector.select(all, e -> e.value().value().unsafeArray()).stream()
                .map(e -> KeyValue.of(e.key(), e.value().value().toByteArray())).toList();
        return new ListIterator<>(out, new QueryResponseMetadata(out.size(), ""));
    }

    private QueryResultsIterator<KeyValue> privateRange(String collection, String start, String end) {
        CollectionAccess access = privateQueryAccess(collection);
        requireMemberRead(access, collection);
        List<KeyValue> out = session.reader.privateRange(namespace, collection, start, end).stream()
                .map(e -> KeyValue.of(e.key(), e.value().value().toByteArray())).toList();
        return new ListIterator<>(out, new QueryResponseMetadata(out.size(), ""));
    }

    private CollectionAccess privateQueryAccess(String collection) {
        CollectionAccess access = collection(collection);
        if (session.builder.hasWrites()) {
            throw new ChaincodeException("txid [" + getTxId() + "]: unsuppored transaction. Queries on pvt data is "
                    + "supported only in a read-only transaction");
        }
        session.privateQueried = true;
        return access;
    }

    private void requireMemberRead(CollectionAccess access, String collection) {
        if (access.memberOnlyRead() && !isCreatorMember(access)) {
            throw new ChaincodeException("tx creator does not have read access permission on privatedata in chaincodeName:"
                    + namespace + " collectionName: " + collection);
        }
    }

    private void checkPrivateWrite(String collection, String key) {
        CollectionAccess access = collection(collection);
        requireKey(key);
        checkWritable();
        if (access.memberOnlyWrite() && !isCreatorMember(access)) {
            throw new ChaincodeException("tx creator does not have write access permission on privatedata in chaincodeName:"
                    + namespace + " collectionName: " + collection);
        }
    }

    private CollectionAccess collection(String collection) {
        if (collection == null || collection.isEmpty()) {
            throw new ChaincodeException("collection must not be an empty string");
        }
        return session.collections.collection(namespace, collection).orElseThrow(() -> new ChaincodeException(
                "collection " + collection + " is not defined for chaincode " + namespace));
    }

    private boolean isCreatorMember(CollectionAccess access) {
        return access.memberOrgsPolicy().isSatisfiedBy(List.of(session.context.creator()));
    }

    // --- helpers ---

    private void spend(String operation) {
        session.budget.spend(operation);
    }

    private void beginPaginated() {
        if (session.builder.hasWrites()) {
            throw new ChaincodeException("txid [" + getTxId() + "]: unsuppored transaction. Paginated queries are "
                    + "supported only in a read-only transaction");
        }
        session.paginated = true;
    }

    /**
     * Fabric's {@code checkWritePrecondition}: the private-query check first, then the paginated one,
     * with Fabric's texts ("unsuppored" is Fabric's spelling, asserted by its own tests).
     */
    private void checkWritable() {
        if (session.privateQueried) {
            throw new ChaincodeException("txid [" + getTxId() + "]: unsuppored transaction. Transaction has already "
                    + "performed queries on pvt data. Writes are not allowed");
        }
        if (session.paginated) {
            throw new ChaincodeException("txid [" + getTxId() + "]: unsuppored transaction. Transaction has already "
                    + "performed a paginated query. Writes are not allowed");
        }
    }

    private static void requireKey(String key) {
        if (key == null || key.isEmpty()) {
            throw new ChaincodeException("key must not be an empty string");
        }
    }

    private static SortedMap<String, Bytes> validationParameter(byte[] ep) {
        SortedMap<String, Bytes> metadata = new TreeMap<>();
        metadata.put(KvMetadataEntry.VALIDATION_PARAMETER, ep == null ? Bytes.EMPTY : Bytes.of(ep));
        return metadata;
    }

    private static String describe(Version version) {
        return version == null ? "<nil>" : "{BlockNum: " + version.blockNum() + ", TxNum: " + version.txNum() + "}";
    }

    /** A range iterator that records, as the contract advances, how far the range was read. */
    private final class RecordingIterator implements QueryResultsIterator<KeyValue> {
        private final List<StateEntry> entries;
        private final RangeQueryRecorder recorder;
        private int position;
        private boolean closed;
        private boolean iterated;

        RecordingIterator(List<StateEntry> entries, RangeQueryRecorder recorder) {
            this.entries = entries;
            this.recorder = recorder;
        }

        @Override
        public Iterator<KeyValue> iterator() {
            if (iterated) {
                throw new IllegalStateException("a query result can be iterated once");
            }
            iterated = true;
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    if (closed) {
                        return false;
                    }
                    if (position >= entries.size()) {
                        finish(true);
                        return false;
                    }
                    return true;
                }

                @Override
                public KeyValue next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException("no more results in the range");
                    }
                    StateEntry e = entries.get(position++);
                    recorder.onResult(new KvRead(e.key(), e.value().version()));
                    return KeyValue.of(e.key(), e.value().value().toByteArray());
                }
            };
        }

        private void finish(boolean exhausted) {
            if (closed) {
                return;
            }
            closed = true;
            if (exhausted) {
                recorder.onExhausted();
            }
            session.builder.addRangeQuery(namespace, recorder.toRangeQueryInfo());
            session.openRanges.remove(this);
        }

        @Override
        public void close() {
            finish(position >= entries.size() && iterated);
        }
    }

    /** A materialised result list with its metadata. */
    private static final class ListIterator<T> implements QueryResultsIteratorWithMetadata<T> {
        private final List<T> results;
        private final QueryResponseMetadata metadata;

        ListIterator(List<T> results, QueryResponseMetadata metadata) {
            this.results = List.copyOf(results);
            this.metadata = metadata;
        }

        @Override
        public Iterator<T> iterator() {
            return results.iterator();
        }

        @Override
        public QueryResponseMetadata getMetadata() {
            return metadata;
        }

        @Override
        public void close() {
        }
    }
}
