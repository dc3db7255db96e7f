package dev.ledgersim.contract;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A minimal in-test {@link ChaincodeStub}: a creator, a transaction id and a plain map as "state" (with
 * read-your-writes, unlike the real simulator — these tests only need somewhere observable to write).
 * Every other method throws {@link UnsupportedOperationException}.
 */
public class FakeStub implements ChaincodeStub {

    private final byte[] creator;
    /** What contracts wrote with {@link #putState}; public so tests can inspect it. */
    public final Map<String, byte[]> state = new TreeMap<>();

    /** A stub whose creator is {@code creator} (may be null). */
    public FakeStub(byte[] creator) {
        this.creator = creator;
    }

    /** A stub with no creator, for tests that do not look at the identity. */
    public FakeStub() {
        this(null);
    }

    private static UnsupportedOperationException unused() {
        return new UnsupportedOperationException("not used in this test");
    }

    @Override
    public byte[] getCreator() {
        return creator == null ? null : creator.clone();
    }

    @Override
    public String getTxId() {
        return "tx-1";
    }

    @Override
    public byte[] getState(String key) {
        byte[] value = state.get(key);
        return value == null ? new byte[0] : value.clone();
    }

    @Override
    public void putState(String key, byte[] value) {
        state.put(key, value.clone());
    }

    @Override
    public List<byte[]> getArgs() {
        throw unused();
    }

    @Override
    public List<String> getStringArgs() {
        throw unused();
    }

    @Override
    public String getFunction() {
        throw unused();
    }

    @Override
    public List<String> getParameters() {
        throw unused();
    }

    @Override
    public String getChannelId() {
        throw unused();
    }

    @Override
    public String getMspId() {
        throw unused();
    }

    @Override
    public Chaincode.Response invokeChaincode(String chaincodeName, List<byte[]> args, String channel) {
        throw unused();
    }

    @Override
    public void delState(String key) {
        throw unused();
    }

    @Override
    public void setStateValidationParameter(String key, byte[] ep) {
        throw unused();
    }

    @Override
    public byte[] getStateValidationParameter(String key) {
        throw unused();
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByRange(String startKey, String endKey) {
        throw unused();
    }

    @Override
    public QueryResultsIteratorWithMetadata<KeyValue> getStateByRangeWithPagination(
            String startKey, String endKey, int pageSize, String bookmark) {
        throw unused();
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(CompositeKey compositeKey) {
        throw unused();
    }

    @Override
    public QueryResultsIteratorWithMetadata<KeyValue> getStateByPartialCompositeKeyWithPagination(
            CompositeKey compositeKey, int pageSize, String bookmark) {
        throw unused();
    }

    @Override
    public QueryResultsIterator<KeyValue> getQueryResult(String query) {
        throw unused();
    }

    @Override
    public QueryResultsIteratorWithMetadata<KeyValue> getQueryResultWithPagination(String query, int pageSize, String bookmark) {
        throw unused();
    }

    @Override
    public QueryResultsIterator<KeyModification> getHistoryForKey(String key) {
        throw unused();
    }

    @Override
    public byte[] getPrivateData(String collection, String key) {
        throw unused();
    }

    @Override
    public byte[] getPrivateDataHash(String collection, String key) {
        throw unused();
    }

    @Override
    public void putPrivateData(String collection, String key, byte[] value) {
        throw unused();
    }

    @Override
    public void delPrivateData(String collection, String key) {
        throw unused();
    }

    @Override
    public void purgePrivateData(String collection, String key) {
        throw unused();
    }

    @Override
    public void setPrivateDataValidationParameter(String collection, String key, byte[] ep) {
        throw unused();
    }

    @Override
    public byte[] getPrivateDataValidationParameter(String collection, String key) {
        throw unused();
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByRange(String collection, String startKey, String endKey) {
        throw unused();
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(String collection, CompositeKey compositeKey) {
        throw unused();
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataQueryResult(String collection, String query) {
        throw unused();
    }

    @Override
    public Map<String, byte[]> getTransient() {
        throw unused();
    }

    @Override
    public byte[] getBinding() {
        throw unused();
    }

    @Override
    public Instant getTxTimestamp() {
        throw unused();
    }

    @Override
    public void setEvent(String name, byte[] payload) {
        throw unused();
    }
}
