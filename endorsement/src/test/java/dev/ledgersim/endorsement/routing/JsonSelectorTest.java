package dev.ledgersim.endorsement.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The Mango subset of {@code getQueryResult}: each operator, nesting, collation, sort, limit and errors. */
class JsonSelectorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The "world state": key to value bytes, in key order. */
    private static final Map<String, byte[]> STATE = new LinkedHashMap<>();

    static {
        put("p1", "{\"docType\":\"patient\",\"name\":\"alice\",\"age\":34,\"ward\":\"A\",\"tags\":[\"diabetes\",\"vip\"],"
                + "\"address\":{\"city\":\"Oslo\",\"zip\":\"0150\"}}");
        put("p2", "{\"docType\":\"patient\",\"name\":\"bob\",\"age\":71,\"ward\":\"B\",\"tags\":[\"cardio\"],"
                + "\"address\":{\"city\":\"Bergen\"}}");
        put("p3", "{\"docType\":\"patient\",\"name\":\"Carol\",\"age\":\"unknown\",\"ward\":\"A\"}");
        put("p4", "{\"docType\":\"doctor\",\"name\":\"dave\",\"age\":50}");
        put("p5", "{\"docType\":\"patient\",\"name\":\"erin\",\"age\":34.0,\"ward\":null,\"tags\":[]}");
        put("p6", "{\"docType\":\"nurse\",\"name\":\"fay\"}");
        put("x-array", "[1, 2, 3]");
        put("x-text", "hello, not JSON");
        put("x-number", "42");
    }

    private static void put(String key, String value) {
        STATE.put(key, value.getBytes(StandardCharsets.UTF_8));
    }

    /** The keys {@code query} selects from the state, in result order. */
    private static List<String> run(String query) {
        JsonSelector selector = JsonSelector.parse(query);
        return selector.select(new ArrayList<>(STATE.keySet()), STATE::get);
    }

    private static List<String> where(String selectorJson) {
        return run("{\"selector\": " + selectorJson + "}");
    }

    static Stream<Arguments> selectors() {
        return Stream.of(
                // implicit equality and $eq; numbers by value (34 == 34.0)
                Arguments.of("{\"docType\": \"patient\"}", List.of("p1", "p2", "p3", "p5")),
                Arguments.of("{\"age\": 34}", List.of("p1", "p5")),
                Arguments.of("{\"age\": {\"$eq\": 34}}", List.of("p1", "p5")),
                Arguments.of("{\"ward\": null}", List.of("p5")),
                Arguments.of("{\"tags\": []}", List.of("p5")),
                // $ne needs the field
                Arguments.of("{\"age\": {\"$ne\": 34}}", List.of("p2", "p3", "p4")),
                // ordering operators compare by collation across types: strings sort after numbers
                Arguments.of("{\"age\": {\"$gt\": 50}}", List.of("p2", "p3")),
                Arguments.of("{\"age\": {\"$gte\": 50}}", List.of("p2", "p3", "p4")),
                Arguments.of("{\"age\": {\"$lt\": 50}}", List.of("p1", "p5")),
                Arguments.of("{\"age\": {\"$lte\": 34}}", List.of("p1", "p5")),
                Arguments.of("{\"age\": {\"$gt\": 30, \"$lt\": 60}}", List.of("p1", "p4", "p5")),
                // $in / $nin, element-wise on array fields
                Arguments.of("{\"ward\": {\"$in\": [\"A\", \"C\"]}}", List.of("p1", "p3")),
                Arguments.of("{\"tags\": {\"$in\": [\"cardio\"]}}", List.of("p2")),
                Arguments.of("{\"ward\": {\"$nin\": [\"A\"]}}", List.of("p2", "p5")),
                // $regex: strings only, searched anywhere, Java syntax
                Arguments.of("{\"name\": {\"$regex\": \"^[a-c]\"}}", List.of("p1", "p2")),
                Arguments.of("{\"name\": {\"$regex\": \"(?i)^c\"}}", List.of("p3")),
                Arguments.of("{\"name\": {\"$regex\": \"ve\"}}", List.of("p4")),
                Arguments.of("{\"age\": {\"$regex\": \".\"}}", List.of("p3")),
                // combination operators
                Arguments.of("{\"$and\": [{\"docType\": \"patient\"}, {\"ward\": \"A\"}]}", List.of("p1", "p3")),
                Arguments.of("{\"$or\": [{\"ward\": \"B\"}, {\"docType\": \"doctor\"}]}", List.of("p2", "p4")),
                Arguments.of("{\"$nor\": [{\"docType\": \"patient\"}]}", List.of("p4", "p6")),
                Arguments.of("{\"$not\": {\"docType\": \"patient\"}}", List.of("p4", "p6")),
                Arguments.of("{\"ward\": {\"$not\": {\"$eq\": \"A\"}}}", List.of("p2", "p4", "p5", "p6")),
                Arguments.of("{\"age\": {\"$or\": [{\"$lt\": 40}, {\"$eq\": 71}]}}", List.of("p1", "p2", "p5")),
                Arguments.of("{\"age\": {\"$gt\": 30}, \"$or\": [{\"ward\": \"A\"}, {\"ward\": \"B\"}]}",
                        List.of("p1", "p2", "p3")),
                Arguments.of("{\"$or\": []}", List.of("p1", "p2", "p3", "p4", "p5", "p6")),
                Arguments.of("{\"$and\": []}", List.of("p1", "p2", "p3", "p4", "p5", "p6")),
                // $exists
                Arguments.of("{\"ward\": {\"$exists\": false}}", List.of("p4", "p6")),
                Arguments.of("{\"ward\": {\"$exists\": true}}", List.of("p1", "p2", "p3", "p5")),
                // nesting: dotted paths, nested objects, array indexes, object equality
                Arguments.of("{\"address.city\": \"Oslo\"}", List.of("p1")),
                Arguments.of("{\"address\": {\"city\": \"Bergen\"}}", List.of("p2")),
                Arguments.of("{\"address\": {\"zip\": {\"$exists\": true}}}", List.of("p1")),
                Arguments.of("{\"tags.0\": \"cardio\"}", List.of("p2")),
                Arguments.of("{\"address\": {\"$eq\": {\"city\": \"Bergen\"}}}", List.of("p2")),
                // the empty selector matches every JSON object, and only objects
                Arguments.of("{}", List.of("p1", "p2", "p3", "p4", "p5", "p6")));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("selectors")
    void selectsTheExpectedDocuments(String selector, List<String> expected) {
        assertEquals(expected, where(selector));
    }

    @Test
    void escapedDotIsALiteralDotInAFieldName() throws Exception {
        JsonSelector selector = JsonSelector.parse("{\"selector\": {\"a\\\\.b\": 1}}");
        assertTrue(selector.matches(JSON.readTree("{\"a.b\": 1}")));
        assertFalse(selector.matches(JSON.readTree("{\"a\": {\"b\": 1}}")));
    }

    @Test
    void valuesThatAreNotJsonObjectsNeverMatch() throws Exception {
        JsonSelector all = JsonSelector.parse("{\"selector\": {}}");
        assertFalse(all.matches("[1]".getBytes(StandardCharsets.UTF_8)));
        assertFalse(all.matches("not json".getBytes(StandardCharsets.UTF_8)));
        assertFalse(all.matches("{} trailing".getBytes(StandardCharsets.UTF_8)));
        assertFalse(all.matches(new byte[0]));
        assertFalse(all.matches(JSON.readTree("\"text\"")));
        assertTrue(all.matches("{\"a\": 1}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void collationOrdersTypesThenValues() throws Exception {
        List<String> sorted = Stream.of("{\"a\":1}", "{}", "[1,2]", "[1]", "[]", "\"b\"", "\"B\"", "\"a\"", "\"ab\"",
                        "10", "2", "1.5", "-3", "true", "false", "null", "\"\uD83D\uDE00\"", "\"\uFFFD\"")
                .map(JsonSelectorTest::tree)
                .sorted(CouchCollation.ORDER)
                .map(JsonNode::toString)
                .toList();
        assertEquals(List.of("null", "false", "true", "-3", "1.5", "2", "10",
                "\"B\"", "\"a\"", "\"ab\"", "\"b\"", "\"\uFFFD\"", "\"\uD83D\uDE00\"",
                "[]", "[1]", "[1,2]", "{}", "{\"a\":1}"), sorted);
        assertEquals(0, CouchCollation.compare(tree("1"), tree("1.0")));
        assertEquals(0, CouchCollation.compare(tree("{\"a\":[1,{\"b\":null}]}"), tree("{\"a\":[1.0,{\"b\":null}]}")));
        assertTrue(CouchCollation.compare(tree("123456789012345678901234567890"), tree("123456789012345678901234567891")) < 0);
    }

    @Test
    void sortsStablyAscendingOrDescending() {
        assertEquals(List.of("p1", "p5", "p4", "p2", "p3"),
                run("{\"selector\": {\"age\": {\"$exists\": true}}, \"sort\": [\"age\"]}"));
        assertEquals(List.of("p1", "p5", "p4", "p2", "p3"),
                run("{\"selector\": {\"age\": {\"$exists\": true}}, \"sort\": [{\"age\": \"asc\"}]}"));
        assertEquals(List.of("p3", "p2", "p4", "p1", "p5"),
                run("{\"selector\": {\"age\": {\"$exists\": true}}, \"sort\": [{\"age\": \"desc\"}]}"),
                "ties (34 and 34.0) keep key order");
        assertEquals(List.of("p5", "p3", "p1", "p2"),
                run("{\"selector\": {\"docType\": \"patient\"}, \"sort\": [{\"ward\": \"asc\"}, {\"name\": \"asc\"}]}"),
                "null ward first, then A by name (Carol before alice: code point order), then B");
        assertEquals(List.of("p6", "p1", "p4"),
                run("{\"selector\": {\"$or\": [{\"docType\": \"nurse\"}, {\"docType\": \"doctor\"},"
                        + " {\"name\": \"alice\"}]}, \"sort\": [\"age\"]}"),
                "a document without the sort field sorts first");
    }

    @Test
    void limitAndSkipApplyAfterSorting() {
        String base = "{\"selector\": {\"docType\": \"patient\"}, \"sort\": [{\"name\": \"desc\"}]";
        assertEquals(List.of("p5", "p2", "p1", "p3"), run(base + "}"));
        assertEquals(List.of("p5", "p2"), run(base + ", \"limit\": 2}"));
        assertEquals(List.of("p2", "p1"), run(base + ", \"skip\": 1, \"limit\": 2}"));
        assertEquals(List.of(), run(base + ", \"skip\": 10}"));
        assertEquals(List.of(), run(base + ", \"limit\": 0}"));
        JsonSelector selector = JsonSelector.parse(base + ", \"limit\": 3, \"skip\": 1}");
        assertEquals(OptionalInt.of(3), selector.limit());
        assertEquals(1, selector.skip());
        assertEquals(List.of(new JsonSelector.SortField("name", true)), selector.sort());
        assertEquals(OptionalInt.empty(), JsonSelector.parse("{\"selector\": {}}").limit());
    }

    @Test
    void fieldsProjectResultsAndIndexHintsAreIgnored() {
        JsonSelector selector = JsonSelector.parse("{\"selector\": {\"name\": \"alice\"}, \"fields\": [\"name\","
                + " \"address.city\", \"missing\"], \"use_index\": [\"_design/idx\", \"byName\"], \"execution_stats\": true}");
        JsonNode alice = JsonSelector.readDocument(STATE.get("p1"));

        assertTrue(selector.matches(alice));
        assertEquals(List.of("name", "address.city", "missing"), selector.fields());
        assertEquals(tree("{\"name\":\"alice\",\"address\":{\"city\":\"Oslo\"}}"), selector.project(alice));
        assertEquals(alice, JsonSelector.parse("{\"selector\": {}}").project(alice));
    }

    static Stream<Arguments> malformedQueries() {
        return Stream.of(
                Arguments.of("{\"selector\": ", "invalid JSON query"),
                Arguments.of("", "invalid JSON query"),
                Arguments.of("{\"selector\": {\"a\": 1, \"a\": 2}}", "Duplicate field 'a'"),
                Arguments.of("[1]", "the query must be a JSON object, not an array"),
                Arguments.of("{\"sort\": []}", "the query has no \"selector\""),
                Arguments.of("{\"selector\": {}, \"selecter\": {}}", "unknown query field \"selecter\""),
                Arguments.of("{\"selector\": 1}", "selector must be a JSON object, not a number"),
                Arguments.of("{\"selector\": {\"a\": {\"$foo\": 1}}}", "unknown operator \"$foo\" at selector.a"),
                Arguments.of("{\"selector\": {\"a\": {\"$size\": 1}}}", "\"$size\" at selector.a is not supported"),
                Arguments.of("{\"selector\": {\"$gt\": 1}}", "operator \"$gt\" at selector needs a field"),
                Arguments.of("{\"selector\": {\"a\": {\"$in\": 1}}}", "\"$in\" at selector.a needs an array, not a number"),
                Arguments.of("{\"selector\": {\"a\": {\"$nin\": \"x\"}}}", "\"$nin\" at selector.a needs an array, not a string"),
                Arguments.of("{\"selector\": {\"a\": {\"$regex\": 1}}}", "\"$regex\" at selector.a needs a string"),
                Arguments.of("{\"selector\": {\"a\": {\"$regex\": \"[\"}}}", "is not a valid regular expression"),
                Arguments.of("{\"selector\": {\"a\": {\"$exists\": \"yes\"}}}", "\"$exists\" at selector.a needs a boolean"),
                Arguments.of("{\"selector\": {\"$and\": {}}}", "\"$and\" at selector needs an array of selectors, not an object"),
                Arguments.of("{\"selector\": {\"$or\": [{}, 3]}}", "selector.$or[1] must be a JSON object, not a number"),
                Arguments.of("{\"selector\": {\"$not\": []}}", "\"$not\" at selector needs a selector object"),
                Arguments.of("{\"selector\": {}, \"sort\": \"age\"}", "\"sort\" must be an array"),
                Arguments.of("{\"selector\": {}, \"sort\": [{\"age\": \"up\"}]}", "must be \"asc\" or \"desc\""),
                Arguments.of("{\"selector\": {}, \"sort\": [\"a\", {\"b\": \"desc\"}]}",
                        "Sorts currently only support a single direction for all fields."),
                Arguments.of("{\"selector\": {}, \"limit\": -1}", "\"limit\" must be a non-negative integer"),
                Arguments.of("{\"selector\": {}, \"limit\": 2.5}", "\"limit\" must be a non-negative integer"),
                Arguments.of("{\"selector\": {}, \"skip\": \"1\"}", "\"skip\" must be a non-negative integer"),
                Arguments.of("{\"selector\": {}, \"fields\": [\"a\", 1]}", "\"fields\" must be an array of field names"),
                Arguments.of("{\"selector\": {}, \"use_index\": 3}", "\"use_index\" must be a string or an array"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("malformedQueries")
    void malformedQueriesAreRefusedNamingTheProblem(String query, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JsonSelector.parse(query));
        assertTrue(e.getMessage().contains(expected), "message: " + e.getMessage());
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }
}
