package dev.ledgersim.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The small value types of the contract API and the stub's default methods. */
class ContractApiValuesTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void chaincodeExceptionKeepsACopyOfItsPayload() {
        byte[] payload = utf8("UNAUTHORIZED");
        ChaincodeException e = new ChaincodeException("denied", payload);
        payload[0] = 'X';

        assertEquals("denied", e.getMessage());
        assertArrayEquals(utf8("UNAUTHORIZED"), e.getPayload());
        e.getPayload()[0] = 'Y';
        assertArrayEquals(utf8("UNAUTHORIZED"), e.getPayload());
        assertArrayEquals(utf8("CODE"), new ChaincodeException("m", "CODE").getPayload());
        assertNull(new ChaincodeException("m").getPayload());
        IllegalStateException cause = new IllegalStateException("boom");
        assertEquals(cause, new ChaincodeException("m", cause).getCause());
        assertEquals("java.lang.IllegalStateException: boom", new ChaincodeException(cause).getMessage());
    }

    @Test
    void responseCarriesFabricStatuses() {
        Chaincode.Response ok = new Chaincode.Response(Chaincode.Response.Status.SUCCESS, null, utf8("done"));
        Chaincode.Response teapot = new Chaincode.Response(418, "teapot", null);

        assertEquals(Chaincode.Response.Status.SUCCESS, ok.getStatus());
        assertEquals(200, ok.getStatusCode());
        assertEquals("done", ok.getStringPayload());
        assertTrue(ok.isSuccessful());
        assertNull(teapot.getStatus(), "no named status for 418");
        assertEquals(418, teapot.getStatusCode());
        assertFalse(teapot.isSuccessful());
        assertNull(teapot.getStringPayload());
        assertEquals(500, Chaincode.Response.Status.INTERNAL_SERVER_ERROR.getCode());
        assertEquals(400, Chaincode.Response.Status.ERROR_THRESHOLD.getCode());
        assertEquals(Chaincode.Response.Status.ERROR_THRESHOLD, Chaincode.Response.Status.forCode(400));
        assertThrows(IllegalArgumentException.class, () -> Chaincode.Response.Status.forCode(201));
        assertEquals(ok, Chaincode.Response.success(utf8("done")));
    }

    @Test
    void keyValueAndKeyModificationAreImmutableValues() {
        byte[] value = utf8("v1");
        KeyValue kv = KeyValue.of("k", value);
        value[0] = 'X';
        assertEquals("k", kv.getKey());
        assertEquals("v1", kv.getStringValue());
        kv.getValue()[0] = 'Y';
        assertArrayEquals(utf8("v1"), kv.getValue());
        assertEquals(KeyValue.of("k", utf8("v1")), kv);

        Instant at = Instant.parse("2025-03-01T10:00:00Z");
        KeyModification deleted = KeyModification.of("tx9", null, at, true);
        assertTrue(deleted.isDeleted());
        assertEquals(0, deleted.getValue().length);
        assertEquals("", deleted.getStringValue());
        assertEquals(at, deleted.getTimestamp());
        assertEquals("tx9", deleted.getTxId());
        assertEquals(KeyModification.of("tx9", new byte[0], at, true), deleted);
    }

    @Test
    void queryResponseMetadataHasFabricsAccessors() {
        QueryResponseMetadata metadata = new QueryResponseMetadata(3, "k4");
        assertEquals(3, metadata.getFetchedRecordsCount());
        assertEquals("k4", metadata.getBookmark());
        assertThrows(IllegalArgumentException.class, () -> new QueryResponseMetadata(-1, ""));
    }

    @Test
    void stubDefaultsConvertStringsAsUtf8AndTreatAbsentAsEmpty() {
        FakeStub stub = new FakeStub();
        stub.putStringState("k", "grüße");

        assertArrayEquals(utf8("grüße"), stub.state.get("k"));
        assertEquals("grüße", stub.getStringState("k"));
        assertEquals("", stub.getStringState("absent"));
    }

    @Test
    void stubDefaultsRoutePartialCompositeKeysAndStringInvocations() {
        List<Object> seen = new ArrayList<>();
        ChaincodeStub stub = new RecordingStub(seen);

        stub.getStateByPartialCompositeKey("patient", "org1");
        stub.getStateByPartialCompositeKey("\u0000patient\u0000org1\u0000");
        stub.getStateByPartialCompositeKey("patient");
        stub.getPrivateDataByPartialCompositeKey("coll", "patient", "org1");
        stub.invokeChaincodeWithStringArgs("other", "read", "p1");

        assertEquals(new CompositeKey("patient", "org1"), seen.get(0));
        assertEquals(new CompositeKey("patient", "org1"), seen.get(1));
        assertEquals(new CompositeKey("patient"), seen.get(2));
        assertEquals("coll/" + new CompositeKey("patient", "org1"), seen.get(3));
        assertEquals("other read p1 channel=null", seen.get(4));
    }

    /** Records what the abstract methods behind the stub's defaults receive. */
    private static final class RecordingStub extends FakeStub {
        private final List<Object> seen;

        RecordingStub(List<Object> seen) {
            this.seen = seen;
        }

        @Override
        public QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(CompositeKey compositeKey) {
            seen.add(compositeKey);
            return null;
        }

        @Override
        public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(String collection, CompositeKey key) {
            seen.add(collection + "/" + key);
            return null;
        }

        @Override
        public Chaincode.Response invokeChaincode(String chaincodeName, List<byte[]> args, String channel) {
            StringBuilder out = new StringBuilder(chaincodeName);
            for (byte[] arg : args) {
                out.append(' ').append(new String(arg, StandardCharsets.UTF_8));
            }
            seen.add(out.append(" channel=").append(channel).toString());
            return Chaincode.Response.success(null);
        }
    }
}
