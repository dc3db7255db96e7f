package dev.ledgersim.contract;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A contract's view of the transaction it runs in and of the ledger: Fabric Java's
 * {@code ChaincodeStub}, method for method, with Fabric's semantics. LedgerSim's transaction
 * simulator implements it; contracts only call it (through {@link Context#getStub()}).
 *
 * <h2>What every implementation guarantees</h2>
 * <ul>
 *   <li><b>No read-your-writes.</b> Reads ({@code getState}, range, composite-key and rich queries,
 *       private data) always see the <em>committed</em> state of the peer's ledger when the
 *       simulation started, never this transaction's own {@code putState}/{@code delState}. Each read
 *       records the committed version in the read set, which MVCC validation checks at commit.</li>
 *   <li><b>Writes are proposals.</b> {@code putState}, {@code delState}, the validation-parameter
 *       setters and the private-data writes go into the transaction's write set; nothing changes the
 *       ledger until the transaction is ordered, validated and committed. The same key written twice
 *       keeps the last write; writing an empty value is a delete.</li>
 *   <li><b>Range queries are phantom-checked.</b> {@code getStateByRange} and
 *       {@code getStateByPartialCompositeKey} record the range and the results consumed; at commit the
 *       range is re-executed and any key added, removed or changed in it invalidates the transaction
 *       ({@code PHANTOM_READ_CONFLICT}).</li>
 *   <li><b>Rich queries are not.</b> {@code getQueryResult} adds each returned key to the read set
 *       (MVCC-checked) but records no range: a document that starts matching later goes undetected, as
 *       on Fabric with CouchDB.</li>
 *   <li><b>Pagination only when read-only.</b> The {@code ...WithPagination} queries are refused after
 *       a write in the same transaction ("Paginated queries are supported only in a read-only
 *       transaction"), and a write after one is refused ("Transaction has already performed a
 *       paginated query. Writes are not allowed"). The same holds for private-data range and rich
 *       queries.</li>
 *   <li><b>History records nothing.</b> {@code getHistoryForKey} adds nothing to the read set and is
 *       never re-validated.</li>
 *   <li><b>Key rules.</b> Keys must not be empty ("key must not be an empty string"); simple keys given
 *       as range bounds must not start with U+0000, which is the composite-key namespace
 *       ({@link CompositeKey}); collection names must not be empty ("collection must not be an empty
 *       string").</li>
 *   <li><b>Determinism.</b> Every value a stub returns comes from the proposal or the ledger, never from
 *       the clock or a random source, so every endorsing peer computes the same result.</li>
 * </ul>
 * Violations of the rules throw a {@link ChaincodeException} or {@link IllegalArgumentException}
 * with Fabric's message; either fails the transaction.
 *
 * <p>A stub belongs to one transaction and one thread; it is not usable after the transaction
 * function returns.
 *
 * <p>Not offered: {@code getSignedProposal()} and {@code getEvent()}, which in Fabric Java expose
 * protobuf types; the proposal's parts are available through {@link #getCreator()},
 * {@link #getTransient()}, {@link #getBinding()}, {@link #getTxTimestamp()}, {@link #getTxId()} and
 * {@link #getChannelId()}.
 */
public interface ChaincodeStub {

    // ---------------------------------------------------------------- arguments and context

    /** The invocation's arguments, the function name first, each as (a copy of) its bytes. */
    List<byte[]> getArgs();

    /** The invocation's arguments, the function name first, each decoded as UTF-8. */
    List<String> getStringArgs();

    /**
     * The first argument decoded as UTF-8: the function name as the client sent it, possibly qualified
     * as {@code contractName:function}; {@code null} when there are no arguments.
     */
    String getFunction();

    /** The arguments after the function name, decoded as UTF-8. */
    List<String> getParameters();

    /** The transaction id: lower-case hex SHA-256 of the proposal's nonce and creator, as on Fabric. */
    String getTxId();

    /** The channel the proposal was sent on. */
    String getChannelId();

    /** The MSP id of the peer that runs this simulation (Fabric: {@code CORE_PEER_LOCALMSPID}). */
    String getMspId();

    // ---------------------------------------------------------------- chaincode-to-chaincode

    /**
     * Calls another chaincode in this transaction's context. On the same channel (an empty or null
     * {@code channel}, or this channel's name) the callee's reads and writes are recorded in this
     * transaction's read-write set under the callee's namespace and are validated at commit. On another
     * channel the call is a query: only the response comes back, and the callee's writes have no effect.
     * A failure of the callee is returned as a response with status 500 and its message, not thrown.
     *
     * @param chaincodeName the chaincode to call
     * @param args the arguments, the function name first
     * @param channel the channel, or null/empty for this one
     */
    Chaincode.Response invokeChaincode(String chaincodeName, List<byte[]> args, String channel);

    /** {@link #invokeChaincode(String, List, String)} on this channel. */
    default Chaincode.Response invokeChaincode(String chaincodeName, List<byte[]> args) {
        return invokeChaincode(chaincodeName, args, null);
    }

    /** {@link #invokeChaincode(String, List, String)} with the arguments encoded as UTF-8. */
    default Chaincode.Response invokeChaincodeWithStringArgs(String chaincodeName, List<String> args, String channel) {
        List<byte[]> bytes = new ArrayList<>(args.size());
        for (String arg : args) {
            bytes.add(arg.getBytes(StandardCharsets.UTF_8));
        }
        return invokeChaincode(chaincodeName, bytes, channel);
    }

    /** {@link #invokeChaincode(String, List)} with the arguments encoded as UTF-8, on this channel. */
    default Chaincode.Response invokeChaincodeWithStringArgs(String chaincodeName, List<String> args) {
        return invokeChaincodeWithStringArgs(chaincodeName, args, null);
    }

    /** {@link #invokeChaincode(String, List)} with the arguments encoded as UTF-8, on this channel. */
    default Chaincode.Response invokeChaincodeWithStringArgs(String chaincodeName, String... args) {
        return invokeChaincodeWithStringArgs(chaincodeName, Arrays.asList(args), null);
    }

    // ---------------------------------------------------------------- public state

    /**
     * The committed value of {@code key}, recording a read of its committed version (or of its
     * absence). Never this transaction's own writes. Returns an empty array when the key is absent, as
     * Fabric Java does (the peer's nil becomes an empty byte string); since writing an empty value
     * deletes a key, empty always means absent.
     */
    byte[] getState(String key);

    /**
     * {@link #getState} decoded as UTF-8: the empty string when the key is absent.
     */
    default String getStringState(String key) {
        byte[] value = getState(key);
        return value == null ? "" : new String(value, StandardCharsets.UTF_8);
    }

    /**
     * Writes {@code value} to {@code key} in the write set. An empty value is a delete. The key must not
     * be empty; it may be a composite key ({@link CompositeKey#toString()}). Refused after a paginated
     * query in the same transaction.
     */
    void putState(String key, byte[] value);

    /** {@link #putState} with the UTF-8 bytes of {@code value}. */
    default void putStringState(String key, String value) {
        putState(key, value.getBytes(StandardCharsets.UTF_8));
    }

    /** Deletes {@code key} in the write set (Fabric: a write with no value). Deleting removes the key's metadata too. */
    void delState(String key);

    /**
     * Sets the key-level endorsement policy of {@code key} (state-based endorsement) as a metadata write.
     * {@code ep} is a validation parameter: in LedgerSim, the UTF-8 bytes of a signature policy's
     * canonical text (see {@link StateBasedEndorsement#policy()}); Fabric stores a marshaled
     * {@code SignaturePolicyEnvelope} with the same meaning. From the commit on, every write to the key
     * must satisfy this policy instead of the chaincode's. A null or empty {@code ep} removes the
     * key-level policy. Setting the parameter of an absent key has no effect at commit.
     */
    void setStateValidationParameter(String key, byte[] ep);

    /**
     * The committed key-level endorsement policy of {@code key}, or {@code null} when it has none.
     * Records a read of the key, as Fabric does.
     */
    byte[] getStateValidationParameter(String key);

    /**
     * The committed keys in {@code [startKey, endKey)} in ascending UTF-8 byte order, with their values.
     * An empty {@code startKey} starts at U+0001, which skips the composite-key namespace; an empty
     * {@code endKey} means no upper bound. Simple-key bounds must not start with U+0000. The range and
     * the results consumed are recorded for the phantom check at commit.
     */
    QueryResultsIterator<KeyValue> getStateByRange(String startKey, String endKey);

    /**
     * One page of at most {@code pageSize} results of {@link #getStateByRange}, starting at
     * {@code bookmark} (empty for the first page). Only in a read-only transaction.
     */
    QueryResultsIteratorWithMetadata<KeyValue> getStateByRangeWithPagination(
            String startKey, String endKey, int pageSize, String bookmark);

    /**
     * {@link #getStateByPartialCompositeKey(CompositeKey)} for a key given as a string: an encoded
     * (partial) composite key when it starts with U+0000, otherwise an object type with no attributes
     * (as Fabric Java).
     */
    default QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(String compositeKey) {
        Objects.requireNonNull(compositeKey, "compositeKey");
        return getStateByPartialCompositeKey(CompositeKey.isCompositeKey(compositeKey)
                ? CompositeKey.parseCompositeKey(compositeKey) : new CompositeKey(compositeKey));
    }

    /** {@link #getStateByPartialCompositeKey(CompositeKey)} for {@code objectType} and leading {@code attributes}. */
    default QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(String objectType, String... attributes) {
        return getStateByPartialCompositeKey(new CompositeKey(objectType, attributes));
    }

    /**
     * The committed keys that extend the partial composite key, in ascending order: the range query
     * from {@code compositeKey.toString()} to {@link CompositeKey#partialKeyRangeEnd()} (exclusive), so a
     * full key does not match itself. Recorded for the phantom check like {@link #getStateByRange}.
     */
    QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(CompositeKey compositeKey);

    /**
     * One page of at most {@code pageSize} results of {@link #getStateByPartialCompositeKey(CompositeKey)},
     * starting at {@code bookmark} (empty for the first page). Only in a read-only transaction.
     */
    QueryResultsIteratorWithMetadata<KeyValue> getStateByPartialCompositeKeyWithPagination(
            CompositeKey compositeKey, int pageSize, String bookmark);

    /**
     * The composite key of {@code objectType} and {@code attributes}.
     *
     * @throws IllegalArgumentException if a component contains U+0000 or U+10FFFF or is invalid Unicode
     */
    default CompositeKey createCompositeKey(String objectType, String... attributes) {
        return new CompositeKey(objectType, attributes);
    }

    /**
     * Splits an encoded composite key into its object type and attributes.
     *
     * @throws IllegalArgumentException if it is not an encoded composite key
     */
    default CompositeKey splitCompositeKey(String compositeKey) {
        return CompositeKey.parseCompositeKey(compositeKey);
    }

    /**
     * A rich query over the committed JSON values: a CouchDB Mango query
     * ({@code {"selector": {...}, "sort": [...], "limit": n}}) with the operators
     * {@code $eq $ne $gt $gte $lt $lte $in $and $or $regex} (and {@code $exists $nin $not $nor});
     * values that are not JSON objects never match. Each returned key is added to the read set as a
     * plain read; there is <b>no phantom protection</b>, so prefer range queries in transactions that
     * write.
     *
     * @throws IllegalArgumentException naming the problem when the query cannot be parsed
     */
    QueryResultsIterator<KeyValue> getQueryResult(String query);

    /**
     * One page of at most {@code pageSize} results of {@link #getQueryResult}, starting at
     * {@code bookmark} (empty for the first page). Only in a read-only transaction.
     */
    QueryResultsIteratorWithMetadata<KeyValue> getQueryResultWithPagination(String query, int pageSize, String bookmark);

    /**
     * Every committed change of {@code key}, newest first (Fabric v2's order), with the transaction id,
     * value, timestamp and delete flag. Records nothing in the read-write set and is never re-validated.
     */
    QueryResultsIterator<KeyModification> getHistoryForKey(String key);

    // ---------------------------------------------------------------- private data

    /**
     * The committed value of {@code key} in the private data {@code collection}, recording a hashed read;
     * an empty array when absent. Never this transaction's own private writes. Only peers of member
     * organisations hold the values.
     */
    byte[] getPrivateData(String collection, String key);

    /** {@link #getPrivateData} decoded as UTF-8 (Fabric Java's name): the empty string when absent. */
    default String getPrivateDataUTF8(String collection, String key) {
        byte[] value = getPrivateData(collection, key);
        return value == null ? "" : new String(value, StandardCharsets.UTF_8);
    }

    /**
     * The SHA-256 hash of the committed private value of {@code key}, available on every peer of the
     * channel, members or not; an empty array when absent. Records a hashed read.
     */
    byte[] getPrivateDataHash(String collection, String key);

    /**
     * Writes {@code value} to {@code key} in {@code collection}: the value goes to the private write set
     * (disseminated to member peers), only its hash into the transaction. An empty value is a delete.
     */
    void putPrivateData(String collection, String key, byte[] value);

    /** {@link #putPrivateData(String, String, byte[])} with the UTF-8 bytes of {@code value}. */
    default void putPrivateData(String collection, String key, String value) {
        putPrivateData(collection, key, value.getBytes(StandardCharsets.UTF_8));
    }

    /** Deletes {@code key} from {@code collection} at commit. */
    void delPrivateData(String collection, String key);

    /**
     * Deletes {@code key} from {@code collection} at commit and purges its past versions from the private
     * data stores of every peer (Fabric v2.5 {@code PurgePrivateData}); the hash remains on the ledger.
     */
    void purgePrivateData(String collection, String key);

    /**
     * Sets the key-level endorsement policy of a private key (see {@link #setStateValidationParameter}).
     */
    void setPrivateDataValidationParameter(String collection, String key, byte[] ep);

    /**
     * The committed key-level endorsement policy of a private key, or {@code null} when it has none.
     */
    byte[] getPrivateDataValidationParameter(String collection, String key);

    /**
     * The committed private keys of {@code collection} in {@code [startKey, endKey)}, as
     * {@link #getStateByRange}. Only in a read-only transaction (Fabric: "Queries on pvt data is
     * supported only in a read-only transaction").
     */
    QueryResultsIterator<KeyValue> getPrivateDataByRange(String collection, String startKey, String endKey);

    /**
     * {@link #getPrivateDataByPartialCompositeKey(String, CompositeKey)} for a key given as a string: an
     * encoded (partial) composite key when it starts with U+0000, otherwise an object type.
     */
    default QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(String collection, String compositeKey) {
        Objects.requireNonNull(compositeKey, "compositeKey");
        return getPrivateDataByPartialCompositeKey(collection, CompositeKey.isCompositeKey(compositeKey)
                ? CompositeKey.parseCompositeKey(compositeKey) : new CompositeKey(compositeKey));
    }

    /**
     * The committed private keys of {@code collection} that extend the partial composite key. Only in a
     * read-only transaction.
     */
    QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(String collection, CompositeKey compositeKey);

    /**
     * {@link #getPrivateDataByPartialCompositeKey(String, CompositeKey)} for {@code objectType} and
     * leading {@code attributes}.
     */
    default QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(
            String collection, String objectType, String... attributes) {
        return getPrivateDataByPartialCompositeKey(collection, new CompositeKey(objectType, attributes));
    }

    /**
     * A rich query over the committed private JSON values of {@code collection}, as
     * {@link #getQueryResult}. Only in a read-only transaction; not re-validated at commit.
     */
    QueryResultsIterator<KeyValue> getPrivateDataQueryResult(String collection, String query);

    // ---------------------------------------------------------------- proposal

    /**
     * The serialized identity of the client that signed the proposal (Fabric's protobuf
     * {@code SerializedIdentity}: MSP id and PEM certificate); a fresh copy. {@link ClientIdentity}
     * reads it.
     */
    byte[] getCreator();

    /**
     * The proposal's transient map: data for the contract that is not recorded in the transaction (for
     * example private data to write). An unmodifiable map of fresh copies; empty when there is none.
     */
    Map<String, byte[]> getTransient();

    /**
     * The proposal binding: SHA-256 of the nonce, the creator and the epoch (little-endian 8 bytes), as
     * Fabric computes it; lets a contract tie application data to this proposal.
     */
    byte[] getBinding();

    /**
     * The timestamp of the proposal's channel header, set by the client. Every endorser returns the same
     * value (it is never read from a clock); it is not validated at commit, as on Fabric.
     */
    Instant getTxTimestamp();

    /**
     * Sets the transaction's chaincode event, delivered to listeners when the transaction commits valid.
     * A transaction has at most one event: a later call replaces the earlier one.
     *
     * @param name the event name, not null or empty ("event name can not be empty string")
     * @param payload the payload, may be null
     */
    void setEvent(String name, byte[] payload);
}
