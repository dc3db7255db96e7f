package dev.ledgersim.healthcare.fhir;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads, validates and writes the FHIR R4 resources of this package (HEALTHCARE.md §5.2–5.3).
 *
 * <ul>
 *   <li><b>Reading</b> is lenient about content the model does not carry — unknown elements are ignored,
 *       as §5.3 recommends, so real FHIR documents load — and strict about everything else: malformed
 *       JSON, a wrong JSON type for an element, trailing content, and every problem
 *       {@link FhirResource#validationProblems()} reports fail with a {@link FhirValidationException}
 *       naming the element paths.</li>
 *   <li><b>Writing</b> is canonical: only populated elements ({@code NON_EMPTY}), keys sorted
 *       alphabetically, numbers as plain decimals — the same resource always gives the same bytes, so its
 *       hash is stable across endorsing peers.</li>
 * </ul>
 * Thread-safe.
 */
public final class Fhir {

    /** The identifier system of LedgerSim usernames (seed A's patient username). */
    public static final String USERNAME_SYSTEM = "urn:sim:username";
    /** The identifier system of organisations' MSP ids. */
    public static final String MSP_SYSTEM = "urn:sim:msp";
    /** The identifier system of transaction ids. */
    public static final String TXID_SYSTEM = "urn:sim:txid";
    /** The v3 Confidentiality code system of {@code meta.security}. */
    public static final String CONFIDENTIALITY_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-Confidentiality";
    /** The v3 Confidentiality codes. */
    public static final Set<String> CONFIDENTIALITY_CODES = Set.of("U", "L", "M", "N", "R", "V");

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .disable(MapperFeature.SORT_CREATOR_PROPERTIES_FIRST)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_EMPTY, JsonInclude.Include.USE_DEFAULTS))
            .build();

    private static final Map<String, Class<? extends FhirResource>> TYPES = Map.of(
            Patient.TYPE, Patient.class, Encounter.TYPE, Encounter.class, Observation.TYPE, Observation.class,
            Condition.TYPE, Condition.class, MedicationRequest.TYPE, MedicationRequest.class, Consent.TYPE, Consent.class,
            AuditEvent.TYPE, AuditEvent.class, Provenance.TYPE, Provenance.class);

    private Fhir() {
    }

    /**
     * Reads and validates a {@code type} from {@code json}.
     *
     * @throws FhirValidationException if the JSON is malformed, does not fit the resource, or the resource
     *     is invalid; the message names every problem
     */
    public static <T extends FhirResource> T parse(String json, Class<T> type) {
        String name = type.getSimpleName();
        if (json == null || json.isBlank()) {
            throw new FhirValidationException(name, List.of(name + ": the JSON is empty"));
        }
        T resource;
        try {
            JsonNode tree = MAPPER.readTree(json);
            if (tree == null || !tree.isObject()) {
                throw new FhirValidationException(name, List.of(name + ": the JSON is not an object"));
            }
            resource = MAPPER.treeToValue(tree, type);
        } catch (JsonMappingException e) {
            throw new FhirValidationException(name, name + path(e) + ": " + e.getOriginalMessage(), e);
        } catch (JsonProcessingException e) {
            throw new FhirValidationException(name, "malformed JSON"
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr()) + ": " + e.getOriginalMessage(), e);
        }
        return validate(resource);
    }

    /** Reads and validates a {@code type} from UTF-8 {@code json}; see {@link #parse(String, Class)}. */
    public static <T extends FhirResource> T parse(byte[] json, Class<T> type) {
        return parse(new String(json, StandardCharsets.UTF_8), type);
    }

    /**
     * Reads and validates any resource of this package, chosen by its {@code resourceType}.
     *
     * @throws FhirValidationException if it cannot be read, has no supported resourceType, or is invalid
     */
    public static FhirResource parseAny(String json) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json == null ? "" : json);
        } catch (JsonProcessingException e) {
            throw new FhirValidationException("resource", "malformed JSON: " + e.getOriginalMessage(), e);
        }
        JsonNode type = tree == null ? null : tree.get("resourceType");
        if (type == null || !type.isTextual()) {
            throw new FhirValidationException("resource", List.of("resourceType: required"));
        }
        Class<? extends FhirResource> target = TYPES.get(type.textValue());
        if (target == null) {
            throw new FhirValidationException("resource", List.of("resourceType: '" + type.textValue()
                    + "' is not supported (" + String.join(", ", new java.util.TreeSet<>(TYPES.keySet())) + ")"));
        }
        return parse(json, target);
    }

    /**
     * {@code resource} if it is valid.
     *
     * @throws FhirValidationException listing its problems otherwise
     */
    public static <T extends FhirResource> T validate(T resource) {
        List<String> problems = resource.validationProblems();
        if (!problems.isEmpty()) {
            throw new FhirValidationException(resource.getClass().getSimpleName(), problems);
        }
        return resource;
    }

    /** The canonical JSON of {@code resource} (only populated elements, keys sorted). */
    public static String toJson(FhirResource resource) {
        try {
            return MAPPER.writeValueAsString(resource);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + resource.resourceType() + ": " + e.getOriginalMessage(), e);
        }
    }

    /** The UTF-8 bytes of {@link #toJson}. */
    public static byte[] toBytes(FhirResource resource) {
        return toJson(resource).getBytes(StandardCharsets.UTF_8);
    }

    private static String path(JsonMappingException e) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                out.append('.').append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }
}
