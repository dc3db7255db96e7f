package dev.ledgersim.endorsement.routing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledgersim.contract.ChaincodeException;
import dev.ledgersim.contract.Context;
import dev.ledgersim.contract.ContractInterface;
import dev.ledgersim.contract.FakeStub;
import dev.ledgersim.contract.Transaction;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Arguments in and results out, for every supported type (API.md §5 "Encoding"), and the errors. */
class ArgumentBindingTest {

    /** A record argument and result: bound from and written as JSON with sorted properties. */
    public record Patient(String name, int age, List<String> tags) {
    }

    /** A mutable POJO: bound through its default constructor and setters. */
    public static final class Visit {
        private String ward;
        private long minutes;

        public String getWard() {
            return ward;
        }

        public void setWard(String ward) {
            this.ward = ward;
        }

        public long getMinutes() {
            return minutes;
        }

        public void setMinutes(long minutes) {
            this.minutes = minutes;
        }
    }

    /** An enum travels as a JSON string. */
    public enum Severity { LOW, HIGH }

    static final class Types implements ContractInterface {
        @Transaction
        public String string(Context ctx, String s) {
            return "<" + s + ">";
        }

        @Transaction
        public byte[] bytes(Context ctx, byte[] b) {
            byte[] out = b.clone();
            out[0] ^= (byte) 0xFF;
            return out;
        }

        @Transaction
        public boolean not(Context ctx, boolean b) {
            return !b;
        }

        @Transaction
        public Boolean boxedNot(Context ctx, Boolean b) {
            return !b;
        }

        @Transaction
        public int plusOne(Context ctx, int i) {
            return i + 1;
        }

        @Transaction
        public Integer boxedPlusOne(Context ctx, Integer i) {
            return i + 1;
        }

        @Transaction
        public long longPlusOne(Context ctx, long l) {
            return l + 1;
        }

        @Transaction
        public short shortValue(Context ctx, short s) {
            return s;
        }

        @Transaction
        public byte byteValue(Context ctx, byte b) {
            return b;
        }

        @Transaction
        public double half(Context ctx, double d) {
            return d / 2;
        }

        @Transaction
        public float floatValue(Context ctx, Float f) {
            return f;
        }

        @Transaction
        public char next(Context ctx, char c) {
            return (char) (c + 1);
        }

        @Transaction
        public Patient older(Context ctx, Patient patient) {
            return new Patient(patient.name().toUpperCase(java.util.Locale.ROOT), patient.age() + 1, patient.tags());
        }

        @Transaction
        public List<Patient> reversed(Context ctx, List<Patient> patients) {
            List<Patient> out = new ArrayList<>(patients);
            java.util.Collections.reverse(out);
            return out;
        }

        @Transaction
        public Map<String, Integer> counts(Context ctx, List<String> words) {
            Map<String, Integer> out = new HashMap<>();
            for (String word : words) {
                out.merge(word, 1, Integer::sum);
            }
            return out;
        }

        @Transaction
        public Visit longer(Context ctx, Visit visit) {
            visit.setMinutes(visit.getMinutes() * 2);
            return visit;
        }

        @Transaction
        public Severity escalate(Context ctx, Severity severity) {
            return Severity.HIGH;
        }

        @Transaction
        public BigDecimal exact(Context ctx, BigDecimal amount) {
            return amount.add(new BigDecimal("0.01"));
        }

        @Transaction
        public void nothing(Context ctx, String ignored) {
        }

        @Transaction
        public String nothingEither(Context ctx) {
            return null;
        }

        @Transaction
        public Object dynamic(Context ctx, String kind) {
            return switch (kind) {
                case "text" -> "plain";
                case "number" -> 42;
                default -> Map.of("k", kind);
            };
        }

        @Transaction
        public Date epoch(Context ctx) {
            return new Date(0);
        }

        @Transaction
        public String record(Context ctx, String patientId, int visits, Patient patient) {
            return patientId + "/" + visits + "/" + patient.name();
        }
    }

    private static final ContractRouter ROUTER = ContractRouter.of(List.of(Types::new));

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] call(String fn, byte[]... args) {
        return ROUTER.invoke(fn, List.of(args), new FakeStub()).payload();
    }

    private static String callText(String fn, String... args) {
        List<byte[]> bytes = new ArrayList<>();
        for (String arg : args) {
            bytes.add(utf8(arg));
        }
        return new String(ROUTER.invoke(fn, bytes, new FakeStub()).payload(), StandardCharsets.UTF_8);
    }

    static Stream<Arguments> textRoundTrips() {
        return Stream.of(
                Arguments.of("string", "grüße \"quoted\"", "<grüße \"quoted\">"),
                Arguments.of("string", "", "<>"),
                Arguments.of("not", "true", "false"),
                Arguments.of("boxedNot", "false", "true"),
                Arguments.of("plusOne", "-42", "-41"),
                Arguments.of("plusOne", "2147483646", "2147483647"),
                Arguments.of("boxedPlusOne", "7", "8"),
                Arguments.of("longPlusOne", "9007199254740993", "9007199254740994"),
                Arguments.of("shortValue", "-32768", "-32768"),
                Arguments.of("byteValue", "127", "127"),
                Arguments.of("half", "3", "1.5"),
                Arguments.of("half", "1e3", "500.0"),
                Arguments.of("half", "NaN", "NaN"),
                Arguments.of("half", "-Infinity", "-Infinity"),
                Arguments.of("floatValue", "0.5", "0.5"),
                Arguments.of("next", "a", "b"),
                Arguments.of("older", "{\"tags\":[\"t1\"],\"name\":\"alice\",\"age\":42}",
                        "{\"age\":43,\"name\":\"ALICE\",\"tags\":[\"t1\"]}"),
                Arguments.of("reversed", "[{\"name\":\"a\",\"age\":1,\"tags\":[]},{\"name\":\"b\",\"age\":2,\"tags\":null}]",
                        "[{\"age\":2,\"name\":\"b\",\"tags\":null},{\"age\":1,\"name\":\"a\",\"tags\":[]}]"),
                Arguments.of("counts", "[\"zeta\",\"alpha\",\"mid\",\"alpha\"]", "{\"alpha\":2,\"mid\":1,\"zeta\":1}"),
                Arguments.of("longer", "{\"ward\":\"A\",\"minutes\":30}", "{\"minutes\":60,\"ward\":\"A\"}"),
                Arguments.of("escalate", "\"LOW\"", "\"HIGH\""),
                Arguments.of("exact", "0.1", "0.11"),
                Arguments.of("nothing", "x", ""),
                Arguments.of("nothingEither", null, ""),
                Arguments.of("dynamic", "text", "plain"),
                Arguments.of("dynamic", "number", "42"),
                Arguments.of("dynamic", "map", "{\"k\":\"map\"}"),
                Arguments.of("epoch", null, "\"1970-01-01T00:00:00.000+00:00\""));
    }

    @ParameterizedTest(name = "[{index}] {0}({1}) -> {2}")
    @MethodSource("textRoundTrips")
    void bindsArgumentsAndEncodesResults(String fn, String arg, String expected) {
        assertEquals(expected, arg == null ? callText(fn) : callText(fn, arg));
    }

    @Test
    void bytesTravelAsTheyAre() {
        byte[] raw = {0, (byte) 0xFF, (byte) 0xC3, 0x28};   // not UTF-8
        assertArrayEquals(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xC3, 0x28}, call("bytes", raw));
    }

    @Test
    void wrongArgumentCountNamesTheFunctionItsParametersAndTheCount() {
        ChaincodeException tooMany = assertThrows(ChaincodeException.class, () -> callText("plusOne", "1", "2"));
        assertEquals("Incorrect number of arguments for transaction 'Types:plusOne(int)': expected 1 but was given 2",
                tooMany.getMessage());
        ChaincodeException tooFew = assertThrows(ChaincodeException.class, () -> callText("record", "p1"));
        assertEquals("Incorrect number of arguments for transaction 'Types:record(String, int, Patient)': expected 3"
                + " but was given 1", tooFew.getMessage());
    }

    static Stream<Arguments> unreadableArguments() {
        return Stream.of(
                Arguments.of("plusOne", "abc", "parameter 1 (int) cannot be read from \"abc\": not an integer"),
                Arguments.of("plusOne", " 1", "not an integer"),
                Arguments.of("plusOne", "1.0", "not an integer"),
                Arguments.of("plusOne", "99999999999", "out of range for int"),
                Arguments.of("byteValue", "128", "out of range for byte"),
                Arguments.of("boxedPlusOne", "", "parameter 1 (Integer) cannot be read from \"\": not an integer"),
                Arguments.of("not", "TRUE", "parameter 1 (boolean) cannot be read from \"TRUE\": expected true or false"),
                Arguments.of("not", "yes", "expected true or false"),
                Arguments.of("half", "1.5d", "not a decimal number"),
                Arguments.of("half", "0x1p3", "not a decimal number"),
                Arguments.of("half", "1e400", "out of range for double"),
                Arguments.of("floatValue", "1e39", "out of range for float"),
                Arguments.of("next", "ab", "expected exactly one character"),
                Arguments.of("older", "{\"name\":\"a\",", "parameter 1 (Patient) cannot be read from \"{\\\"name\\\":\\\"a\\\",\""),
                Arguments.of("older", "{\"name\":\"a\",\"age\":1,\"tags\":[],\"extra\":1}", "Unrecognized field \"extra\""),
                Arguments.of("older", "{\"name\":\"a\",\"age\":1,\"tags\":[]} trailing", "parameter 1 (Patient)"),
                Arguments.of("older", "{\"name\":\"a\",\"age\":\"old\",\"tags\":[]}", "parameter 1 (Patient)"),
                Arguments.of("escalate", "LOW", "parameter 1 (Severity) cannot be read from \"LOW\""));
    }

    @ParameterizedTest(name = "[{index}] {0}({1})")
    @MethodSource("unreadableArguments")
    void unreadableArgumentsNameTheFunctionParameterAndValue(String fn, String arg, String expected) {
        ChaincodeException e = assertThrows(ChaincodeException.class, () -> callText(fn, arg));
        assertTrue(e.getMessage().startsWith("Invalid argument for transaction 'Types:" + fn + "("), e.getMessage());
        assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
    }

    @Test
    void theFailingParameterIsIdentifiedByPositionAndType() {
        ChaincodeException e = assertThrows(ChaincodeException.class, () -> callText("record", "p1", "many", "{}"));
        assertTrue(e.getMessage().startsWith("Invalid argument for transaction 'Types:record(String, int, Patient)':"
                + " parameter 2 (int) cannot be read from \"many\": not an integer"), e.getMessage());
        assertEquals("p1/3/bob", callText("record", "p1", "3", "{\"name\":\"bob\",\"age\":1,\"tags\":[]}"));
    }

    @Test
    void longArgumentsAreCutInMessages() {
        String huge = "x".repeat(500);
        ChaincodeException e = assertThrows(ChaincodeException.class, () -> callText("plusOne", huge));
        assertTrue(e.getMessage().contains("\"" + "x".repeat(64) + "\"... (500 bytes)"), e.getMessage());
    }

    @Test
    void theDeterministicMapperSortsEverything() throws Exception {
        Map<String, Object> nested = new HashMap<>();
        nested.put("z", List.of(new Patient("p", 1, List.of())));
        nested.put("a", Map.of("y", 1, "b", 2));
        assertEquals("{\"a\":{\"b\":2,\"y\":1},\"z\":[{\"age\":1,\"name\":\"p\",\"tags\":[]}]}",
                new String(new ArgumentBinder().encode(nested), StandardCharsets.UTF_8));
        assertEquals("\"1970-01-01T00:00:00.000+00:00\"",
                ArgumentBinder.deterministicMapper().writeValueAsString(new Date(0)));
    }
}
