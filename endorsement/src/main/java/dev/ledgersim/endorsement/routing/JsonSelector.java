package dev.ledgersim.endorsement.routing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A CouchDB Mango query, the language of {@code getQueryResult}: a selector that decides which JSON
 * documents match, plus {@code sort}, {@code limit}, {@code skip} and {@code fields}. Internal to
 * LedgerSim (the simulator's rich-query engine); contracts only pass the query text.
 *
 * <pre>
 * {"selector": {"docType": "patient", "age": {"$gte": 18}, "$or": [{"ward": "A"}, {"ward": "B"}]},
 *  "sort": [{"age": "desc"}], "limit": 10}
 * </pre>
 *
 * <h2>Selector semantics (CouchDB's {@code mango_selector})</h2>
 * <ul>
 *   <li>Several keys in one object are ANDed. {@code {"a": v}} with a non-object {@code v} (or an empty
 *       object) means {@code {"a": {"$eq": v}}}; {@code {"a": {"b": v}}} is the nested field
 *       {@code a.b}; dotted names {@code "a.b"} are the same path ({@code \.} is a literal dot), and a
 *       numeric segment indexes an array ({@code "tags.0"}).</li>
 *   <li>Field operators: {@code $eq $ne $gt $gte $lt $lte} compare with {@link CouchCollation} across
 *       types ({@code {"$gt": 5}} also matches every string, which sorts after numbers, as in CouchDB);
 *       {@code $in}/{@code $nin} take an array, and on an array field test its elements;
 *       {@code $regex} (a Java regular expression, searched anywhere in the value — CouchDB uses PCRE,
 *       whose syntax differs in rare corners) matches only strings; {@code $exists} takes a boolean.
 *       A condition on a missing field is false, except {@code $exists: false}.</li>
 *   <li>Combination operators {@code $and}, {@code $or}, {@code $nor} take an array of selectors (an
 *       empty {@code $and} or {@code $or} matches everything, as in CouchDB's matcher), {@code $not}
 *       one selector; inside a field they apply to that field.</li>
 *   <li>Documents that are not JSON objects never match (on Fabric such values are stored as
 *       attachments, invisible to queries).</li>
 * </ul>
 *
 * <h2>Other query fields</h2>
 * {@code sort}: an array of {@code "field"} or {@code {"field": "asc"|"desc"}}, all in one direction
 * (CouchDB refuses mixed directions); a document missing a sort field sorts first. {@code limit} and
 * {@code skip}: non-negative integers. {@code fields}: an array of field paths to keep in each result.
 * {@code use_index} and {@code execution_stats} are accepted and ignored (LedgerSim needs no indexes).
 * {@link #select} honours {@code skip} and {@code limit} as CouchDB does for one request. (A Fabric peer
 * replaces the query's {@code limit} with its internal page size and pages through all results, so on
 * Fabric {@code getQueryResult} effectively returns every match; callers that want that behaviour can
 * ignore {@link #limit()}.)
 *
 * <p>Any other key, an unknown or unsupported operator, an operand of the wrong type, an invalid
 * regular expression or invalid JSON is refused at {@link #parse} with an
 * {@link IllegalArgumentException} naming the problem and where it is. Immutable and thread-safe.
 */
public final class JsonSelector {

    /**
     * One sort key.
     *
     * @param field the field path as written in the query
     * @param descending whether larger values come first
     */
    public record SortField(String field, boolean descending) {
    }

    private static final Set<String> QUERY_KEYS =
            Set.of("selector", "sort", "limit", "skip", "fields", "use_index", "execution_stats");
    private static final String SUPPORTED_OPERATORS = "$eq, $ne, $gt, $gte, $lt, $lte, $in, $nin, $regex, $exists,"
            + " $and, $or, $nor, $not";
    private static final Set<String> UNSUPPORTED_COUCHDB_OPERATORS = Set.of("$elemMatch", "$allMatch", "$keyMapMatch",
            "$size", "$all", "$mod", "$type", "$text", "$beginsWith");

    private static final ObjectMapper QUERY_JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final ObjectMapper DOCUMENT_JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final String query;
    private final Node selector;
    private final List<SortField> sort;
    private final List<FieldPath> sortPaths;
    private final Integer limit;
    private final int skip;
    private final List<String> fields;

    private JsonSelector(String query, Node selector, List<SortField> sort, Integer limit, int skip, List<String> fields) {
        this.query = query;
        this.selector = selector;
        this.sort = List.copyOf(sort);
        List<FieldPath> paths = new ArrayList<>();
        for (SortField field : sort) {
            paths.add(FieldPath.parse(field.field()));
        }
        this.sortPaths = List.copyOf(paths);
        this.limit = limit;
        this.skip = skip;
        this.fields = List.copyOf(fields);
    }

    /**
     * Parses a Mango query.
     *
     * @throws IllegalArgumentException when the text is not a JSON object, has no {@code selector}, or
     *     anything in it is unknown or malformed; the message names what and where
     * @throws NullPointerException if {@code query} is null
     */
    public static JsonSelector parse(String query) {
        Objects.requireNonNull(query, "query");
        JsonNode root;
        try {
            root = QUERY_JSON.readTree(query);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid JSON query: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr()), e);
        }
        if (root == null || root.isMissingNode()) {
            throw new IllegalArgumentException("invalid JSON query: the query is empty");
        }
        if (!root.isObject()) {
            throw new IllegalArgumentException("the query must be a JSON object, not " + kind(root));
        }
        for (Map.Entry<String, JsonNode> entry : root.properties()) {
            if (!QUERY_KEYS.contains(entry.getKey())) {
                throw new IllegalArgumentException("unknown query field \"" + entry.getKey()
                        + "\" (supported: selector, sort, limit, skip, fields, use_index, execution_stats)");
            }
        }
        JsonNode selectorNode = root.get("selector");
        if (selectorNode == null) {
            throw new IllegalArgumentException("the query has no \"selector\"");
        }
        Node selector = parseSelector(selectorNode, FieldPath.ROOT, "selector");
        List<SortField> sort = parseSort(root.get("sort"));
        Integer limit = root.has("limit") ? nonNegativeInt(root.get("limit"), "limit") : null;
        int skip = root.has("skip") ? nonNegativeInt(root.get("skip"), "skip") : 0;
        List<String> fields = parseFields(root.get("fields"));
        JsonNode useIndex = root.get("use_index");
        if (useIndex != null && !useIndex.isTextual() && !(useIndex.isArray() && allTextual(useIndex))) {
            throw new IllegalArgumentException("\"use_index\" must be a string or an array of strings, not " + kind(useIndex));
        }
        JsonNode stats = root.get("execution_stats");
        if (stats != null && !stats.isBoolean()) {
            throw new IllegalArgumentException("\"execution_stats\" must be a boolean, not " + kind(stats));
        }
        return new JsonSelector(query, selector, sort, limit, skip, fields);
    }

    // ---------------------------------------------------------------- use

    /** Whether {@code document} matches the selector; false for anything but a JSON object (and for null). */
    public boolean matches(JsonNode document) {
        return document != null && document.isObject() && selector.test(document);
    }

    /**
     * Whether the value bytes are a JSON object that matches the selector; false for bytes that are not
     * JSON or not an object.
     */
    public boolean matches(byte[] value) {
        JsonNode document = readDocument(value);
        return document != null && matches(document);
    }

    /**
     * The value bytes as a JSON document, or {@code null} when they are not JSON (a rich query never
     * sees such values).
     */
    public static JsonNode readDocument(byte[] value) {
        if (value == null || value.length == 0) {
            return null;
        }
        try {
            JsonNode node = DOCUMENT_JSON.readTree(value);
            return node == null || node.isMissingNode() ? null : node;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Runs the query over {@code items}: keeps those whose value (read with {@code valueOf}) is a
     * matching JSON object, orders them by {@link #sortOrder()} if the query sorts (stably: items equal
     * on every sort key keep their input order, so pass them in key order to get CouchDB's tie-break by
     * document id), then drops the first {@link #skip()} and keeps at most {@link #limit()}. Values that
     * are absent, empty or not JSON are skipped.
     *
     * @return a new list; {@code items} is not modified
     */
    public <T> List<T> select(List<T> items, Function<? super T, byte[]> valueOf) {
        List<Map.Entry<T, JsonNode>> matched = new ArrayList<>();
        for (T item : items) {
            JsonNode document = readDocument(valueOf.apply(item));
            if (document != null && matches(document)) {
                matched.add(Map.entry(item, document));
            }
        }
        if (!sort.isEmpty()) {
            Comparator<JsonNode> order = sortOrder();
            matched.sort((a, b) -> order.compare(a.getValue(), b.getValue()));
        }
        int from = Math.min(skip, matched.size());
        int to = limit == null ? matched.size() : (int) Math.min(matched.size(), (long) from + limit);
        List<T> out = new ArrayList<>(to - from);
        for (Map.Entry<T, JsonNode> entry : matched.subList(from, to)) {
            out.add(entry.getKey());
        }
        return out;
    }

    /** The sort keys, in order; empty when the query has no {@code sort}. */
    public List<SortField> sort() {
        return sort;
    }

    /**
     * The order {@link #sort()} defines, by {@link CouchCollation} on each key in turn, a missing field
     * first (last when descending). Documents equal on every key compare as 0: the caller breaks ties
     * (CouchDB returns them in document id order).
     */
    public Comparator<JsonNode> sortOrder() {
        return (a, b) -> {
            for (int i = 0; i < sortPaths.size(); i++) {
                JsonNode left = sortPaths.get(i).resolve(a);
                JsonNode right = sortPaths.get(i).resolve(b);
                int c;
                if (left == null || right == null) {
                    c = Boolean.compare(left != null, right != null);
                } else {
                    c = CouchCollation.compare(left, right);
                }
                if (c != 0) {
                    return sort.get(i).descending() ? -c : c;
                }
            }
            return 0;
        };
    }

    /** The query's {@code limit}, if it has one. */
    public OptionalInt limit() {
        return limit == null ? OptionalInt.empty() : OptionalInt.of(limit);
    }

    /** The query's {@code skip}; 0 when absent. */
    public int skip() {
        return skip;
    }

    /** The query's {@code fields}; empty when absent (whole documents). */
    public List<String> fields() {
        return fields;
    }

    /**
     * {@code document} reduced to the query's {@link #fields()} (a copy; the whole document when the
     * query has none). Missing fields are left out; nested paths rebuild their parent objects.
     */
    public JsonNode project(JsonNode document) {
        if (fields.isEmpty() || !document.isObject()) {
            return document.deepCopy();
        }
        ObjectNode out = DOCUMENT_JSON.createObjectNode();
        for (String field : fields) {
            FieldPath path = FieldPath.parse(field);
            JsonNode value = path.resolve(document);
            if (value == null) {
                continue;
            }
            ObjectNode parent = out;
            List<String> segments = path.segments();
            for (int i = 0; i < segments.size() - 1; i++) {
                JsonNode child = parent.get(segments.get(i));
                parent = child instanceof ObjectNode object ? object : parent.putObject(segments.get(i));
            }
            parent.set(segments.get(segments.size() - 1), value.deepCopy());
        }
        return out;
    }

    /** The query text this selector was parsed from. */
    @Override
    public String toString() {
        return query;
    }

    // ---------------------------------------------------------------- parsing

    private static Node parseSelector(JsonNode selector, FieldPath path, String where) {
        if (!selector.isObject()) {
            throw new IllegalArgumentException(where + " must be a JSON object, not " + kind(selector));
        }
        List<Node> parts = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : selector.properties()) {
            String key = entry.getKey();
            JsonNode value = entry.getValue();
            if (key.startsWith("$")) {
                parts.add(parseOperator(key, value, path, where));
            } else {
                FieldPath field = path.append(key);
                if (value.isObject() && !value.isEmpty()) {
                    parts.add(parseSelector(value, field, where + "." + key));
                } else {
                    parts.add(new Compare(field, "$eq", value));
                }
            }
        }
        return parts.size() == 1 ? parts.get(0) : new AllOf(parts);
    }

    private static Node parseOperator(String operator, JsonNode operand, FieldPath path, String where) {
        String at = "\"" + operator + "\" at " + where;
        switch (operator) {
            case "$and", "$or", "$nor" -> {
                if (!operand.isArray()) {
                    throw new IllegalArgumentException(at + " needs an array of selectors, not " + kind(operand));
                }
                List<Node> nodes = new ArrayList<>();
                for (int i = 0; i < operand.size(); i++) {
                    nodes.add(parseSelector(operand.get(i), path, where + "." + operator + "[" + i + "]"));
                }
                return switch (operator) {
                    case "$and" -> new AllOf(nodes);
                    case "$or" -> new AnyOf(nodes);
                    default -> new NoneOf(nodes);
                };
            }
            case "$not" -> {
                if (!operand.isObject()) {
                    throw new IllegalArgumentException(at + " needs a selector object, not " + kind(operand));
                }
                return new Negation(parseSelector(operand, path, where + ".$not"));
            }
            default -> {
                // field operators below
            }
        }
        boolean fieldOperator = switch (operator) {
            case "$eq", "$ne", "$gt", "$gte", "$lt", "$lte", "$in", "$nin", "$regex", "$exists" -> true;
            default -> false;
        };
        if (!fieldOperator) {
            if (UNSUPPORTED_COUCHDB_OPERATORS.contains(operator)) {
                throw new IllegalArgumentException("operator " + at + " is not supported by LedgerSim's selector"
                        + " (supported: " + SUPPORTED_OPERATORS + ")");
            }
            throw new IllegalArgumentException("unknown operator " + at + " (supported: " + SUPPORTED_OPERATORS + ")");
        }
        if (path.isRoot()) {
            throw new IllegalArgumentException("operator " + at + " needs a field, as in {\"field\": {\""
                    + operator + "\": ...}}");
        }
        switch (operator) {
            case "$in", "$nin" -> {
                if (!operand.isArray()) {
                    throw new IllegalArgumentException(at + " needs an array, not " + kind(operand));
                }
                List<JsonNode> values = new ArrayList<>();
                operand.forEach(values::add);
                return new Membership(path, values, operator.equals("$nin"));
            }
            case "$regex" -> {
                if (!operand.isTextual()) {
                    throw new IllegalArgumentException(at + " needs a string, not " + kind(operand));
                }
                try {
                    return new RegexMatch(path, Pattern.compile(operand.textValue()));
                } catch (PatternSyntaxException e) {
                    throw new IllegalArgumentException(at + " is not a valid regular expression: "
                            + e.getDescription() + " near index " + e.getIndex(), e);
                }
            }
            case "$exists" -> {
                if (!operand.isBoolean()) {
                    throw new IllegalArgumentException(at + " needs a boolean, not " + kind(operand));
                }
                return new Exists(path, operand.booleanValue());
            }
            default -> {
                return new Compare(path, operator, operand);
            }
        }
    }

    private static List<SortField> parseSort(JsonNode node) {
        List<SortField> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException("\"sort\" must be an array of fields or {\"field\": \"asc\"|\"desc\"},"
                    + " not " + kind(node));
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            if (item.isTextual()) {
                out.add(new SortField(item.textValue(), false));
            } else if (item.isObject() && item.size() == 1) {
                Map.Entry<String, JsonNode> entry = item.properties().iterator().next();
                JsonNode direction = entry.getValue();
                if (!direction.isTextual() || !(direction.textValue().equals("asc") || direction.textValue().equals("desc"))) {
                    throw new IllegalArgumentException("sort[" + i + "]: the direction of \"" + entry.getKey()
                            + "\" must be \"asc\" or \"desc\", not " + direction);
                }
                out.add(new SortField(entry.getKey(), direction.textValue().equals("desc")));
            } else {
                throw new IllegalArgumentException("sort[" + i + "] must be a field name or {\"field\": \"asc\"|\"desc\"},"
                        + " not " + item);
            }
        }
        for (SortField field : out) {
            if (field.descending() != out.get(0).descending()) {
                throw new IllegalArgumentException("Sorts currently only support a single direction for all fields.");
            }
        }
        return out;
    }

    private static List<String> parseFields(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        if (!node.isArray() || !allTextual(node)) {
            throw new IllegalArgumentException("\"fields\" must be an array of field names, not " + node);
        }
        node.forEach(field -> out.add(field.textValue()));
        return out;
    }

    private static int nonNegativeInt(JsonNode node, String name) {
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 0) {
            throw new IllegalArgumentException("\"" + name + "\" must be a non-negative integer, not " + node);
        }
        return node.intValue();
    }

    private static boolean allTextual(JsonNode array) {
        for (JsonNode item : array) {
            if (!item.isTextual()) {
                return false;
            }
        }
        return true;
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
        };
    }

    // ---------------------------------------------------------------- the selector tree

    /** A field path: segments of a dotted name ({@code \.} is a literal dot). */
    private record FieldPath(List<String> segments) {

        static final FieldPath ROOT = new FieldPath(List.of());

        static FieldPath parse(String dotted) {
            return ROOT.append(dotted);
        }

        boolean isRoot() {
            return segments.isEmpty();
        }

        FieldPath append(String dotted) {
            List<String> out = new ArrayList<>(segments);
            StringBuilder segment = new StringBuilder();
            for (int i = 0; i < dotted.length(); i++) {
                char c = dotted.charAt(i);
                if (c == '\\' && i + 1 < dotted.length() && dotted.charAt(i + 1) == '.') {
                    segment.append('.');
                    i++;
                } else if (c == '.') {
                    out.add(segment.toString());
                    segment.setLength(0);
                } else {
                    segment.append(c);
                }
            }
            out.add(segment.toString());
            return new FieldPath(List.copyOf(out));
        }

        /** The value at this path, or null when the document has none there. */
        JsonNode resolve(JsonNode document) {
            JsonNode node = document;
            for (String segment : segments) {
                if (node.isObject()) {
                    node = node.get(segment);
                } else if (node.isArray() && isIndex(segment)) {
                    node = node.get(Integer.parseInt(segment));
                } else {
                    return null;
                }
                if (node == null) {
                    return null;
                }
            }
            return node;
        }

        private static boolean isIndex(String segment) {
            if (segment.isEmpty() || segment.length() > 9) {
                return false;
            }
            for (int i = 0; i < segment.length(); i++) {
                if (segment.charAt(i) < '0' || segment.charAt(i) > '9') {
                    return false;
                }
            }
            return true;
        }

        @Override
        public String toString() {
            return String.join(".", segments);
        }
    }

    /** A node of the parsed selector. */
    private sealed interface Node permits AllOf, AnyOf, NoneOf, Negation, Compare, Membership, RegexMatch, Exists {
        boolean test(JsonNode document);
    }

    private record AllOf(List<Node> nodes) implements Node {
        @Override
        public boolean test(JsonNode document) {
            for (Node node : nodes) {
                if (!node.test(document)) {
                    return false;
                }
            }
            return true;
        }
    }

    private record AnyOf(List<Node> nodes) implements Node {
        @Override
        public boolean test(JsonNode document) {
            if (nodes.isEmpty()) {
                return true;    // CouchDB's matcher: an empty $or matches
            }
            for (Node node : nodes) {
                if (node.test(document)) {
                    return true;
                }
            }
            return false;
        }
    }

    private record NoneOf(List<Node> nodes) implements Node {
        @Override
        public boolean test(JsonNode document) {
            for (Node node : nodes) {
                if (node.test(document)) {
                    return false;
                }
            }
            return true;
        }
    }

    private record Negation(Node node) implements Node {
        @Override
        public boolean test(JsonNode document) {
            return !node.test(document);
        }
    }

    private record Compare(FieldPath path, String operator, JsonNode operand) implements Node {
        @Override
        public boolean test(JsonNode document) {
            JsonNode value = path.resolve(document);
            if (value == null) {
                return false;
            }
            int c = CouchCollation.compare(value, operand);
            return switch (operator) {
                case "$eq" -> c == 0;
                case "$ne" -> c != 0;
                case "$gt" -> c > 0;
                case "$gte" -> c >= 0;
                case "$lt" -> c < 0;
                case "$lte" -> c <= 0;
                default -> throw new IllegalStateException("not a comparison: " + operator);
            };
        }
    }

    private record Membership(FieldPath path, List<JsonNode> values, boolean negated) implements Node {
        @Override
        public boolean test(JsonNode document) {
            JsonNode value = path.resolve(document);
            if (value == null) {
                return false;
            }
            boolean in = false;
            if (value.isArray()) {
                for (JsonNode element : value) {
                    in |= contains(element);
                }
            } else {
                in = contains(value);
            }
            return in != negated;
        }

        private boolean contains(JsonNode value) {
            for (JsonNode candidate : values) {
                if (CouchCollation.compare(value, candidate) == 0) {
                    return true;
                }
            }
            return false;
        }
    }

    private record RegexMatch(FieldPath path, Pattern pattern) implements Node {
        @Override
        public boolean test(JsonNode document) {
            JsonNode value = path.resolve(document);
            return value != null && value.isTextual() && pattern.matcher(value.textValue()).find();
        }
    }

    private record Exists(FieldPath path, boolean expected) implements Node {
        @Override
        public boolean test(JsonNode document) {
            return (path.resolve(document) != null) == expected;
        }
    }
}
