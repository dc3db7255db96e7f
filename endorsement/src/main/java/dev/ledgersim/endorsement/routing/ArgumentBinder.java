package dev.ledgersim.endorsement.routing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.AbstractDeserializer;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBase;
import com.fasterxml.jackson.databind.deser.DefaultDeserializationContext;
import com.fasterxml.jackson.databind.deser.impl.UnsupportedTypeDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.ser.impl.UnsupportedTypeSerializer;
import dev.ledgersim.contract.ChaincodeStub;
import dev.ledgersim.contract.Context;
import java.io.IOException;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Converts transaction arguments from bytes to Java values and results from Java values to bytes,
 * with the encoding of API.md §5. Internal to LedgerSim (used by {@link ContractRouter}); not part of
 * the contract API.
 *
 * <ul>
 *   <li>{@code String}: the bytes as UTF-8, no quotes (malformed UTF-8 is replaced, as Fabric Java's
 *       {@code toStringUtf8} does);</li>
 *   <li>{@code byte[]}: the bytes as they are;</li>
 *   <li>primitives and their boxes: their text, as {@code String.valueOf} writes it. Reading is strict:
 *       {@code boolean} only {@code true} or {@code false}; integers {@code -?[0-9]+} within range;
 *       floating point a decimal number, optionally with exponent, or {@code NaN},
 *       {@code Infinity}, {@code -Infinity}, and finite unless written as infinity; {@code char} exactly
 *       one UTF-16 unit. No surrounding whitespace;</li>
 *   <li>every other type Jackson can bind (records, POJOs, enums, {@code List}, {@code Map}, arrays,
 *       {@code BigDecimal}, {@code JsonNode}, ...): JSON, read strictly (no trailing content, unknown
 *       properties refused) and written by a deterministic mapper — properties sorted alphabetically
 *       (record components included), map entries sorted by key, dates as ISO-8601 text;</li>
 *   <li>a {@code null} or {@code void} result: the empty payload.</li>
 * </ul>
 *
 * Thread-safe: the mapper is configured once and never changed.
 */
public final class ArgumentBinder {

    private static final Pattern INTEGER = Pattern.compile("-?[0-9]+");
    private static final Pattern DECIMAL =
            Pattern.compile("-?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?|NaN|-?Infinity");

    private static final Map<Class<?>, Class<?>> BOXES = Map.of(
            boolean.class, Boolean.class, byte.class, Byte.class, short.class, Short.class,
            int.class, Integer.class, long.class, Long.class, float.class, Float.class,
            double.class, Double.class, char.class, Character.class);

    private final ObjectMapper mapper = deterministicMapper();

    /** A binder with the deterministic mapper of {@link #deterministicMapper()}. */
    public ArgumentBinder() {
    }

    /**
     * A new JSON mapper configured as LedgerSim encodes contract values: output is a function of the
     * value alone (properties sorted alphabetically, record components included; map entries sorted by
     * key; dates as ISO-8601 text, not timestamps), and input is strict (unknown properties and
     * trailing content are refused). Endorsers on different peers therefore produce identical bytes.
     */
    public static ObjectMapper deterministicMapper() {
        return JsonMapper.builder()
                .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                .disable(MapperFeature.SORT_CREATOR_PROPERTIES_FIRST)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    /** Whether {@code type} travels as text or raw bytes rather than JSON. */
    static boolean isPlain(Type type) {
        return type == String.class || type == byte[].class || BOXES.containsKey(type) || BOXES.containsValue(type);
    }

    /**
     * Why a transaction parameter of {@code type} cannot be bound, or empty when it can: type variables
     * and wildcards, {@link Context} and {@link ChaincodeStub} (only the first parameter is the context),
     * and types Jackson cannot read (abstract types without type information, types without a creator,
     * types that need a Jackson module LedgerSim does not load, such as {@code Optional} or
     * {@code java.time}).
     */
    public Optional<String> unsupportedParameterType(Type type) {
        if (type == void.class) {
            return Optional.of("void is not a parameter type");
        }
        if (isPlain(type)) {
            return Optional.empty();
        }
        Optional<String> generic = genericProblem(type);
        if (generic.isPresent()) {
            return generic;
        }
        Class<?> raw = mapper.constructType(type).getRawClass();
        if (Context.class.isAssignableFrom(raw) || ChaincodeStub.class.isAssignableFrom(raw)) {
            return Optional.of(raw.getSimpleName() + " can only be the first parameter (the context)");
        }
        JavaType javaType = mapper.constructType(type);
        try {
            DefaultDeserializationContext context = ((DefaultDeserializationContext) mapper.getDeserializationContext())
                    .createDummyInstance(mapper.getDeserializationConfig());
            JsonDeserializer<Object> deserializer = context.findRootValueDeserializer(javaType);
            if (deserializer instanceof UnsupportedTypeDeserializer) {
                return Optional.of("Jackson cannot read " + javaType.toCanonical()
                        + " without a module LedgerSim does not load (use String, a number or a record)");
            }
            if (deserializer instanceof AbstractDeserializer) {
                return Optional.of("Jackson cannot read the abstract type " + javaType.toCanonical()
                        + " without type information (use a concrete class or a record)");
            }
            if (deserializer instanceof BeanDeserializerBase bean && !bean.getValueInstantiator().canInstantiate()) {
                return Optional.of("Jackson cannot create " + javaType.toCanonical()
                        + ": it has no default constructor or @JsonCreator");
            }
        } catch (JsonMappingException e) {
            return Optional.of("Jackson cannot read " + javaType.toCanonical() + ": " + e.getOriginalMessage());
        }
        return Optional.empty();
    }

    /**
     * Why a transaction result of {@code type} cannot be encoded, or empty when it can ({@code void}
     * can): type variables and wildcards, {@link Context} and {@link ChaincodeStub}, and types Jackson
     * cannot write without a module LedgerSim does not load.
     */
    public Optional<String> unsupportedReturnType(Type type) {
        if (type == void.class || isPlain(type)) {
            return Optional.empty();
        }
        Optional<String> generic = genericProblem(type);
        if (generic.isPresent()) {
            return generic;
        }
        JavaType javaType = mapper.constructType(type);
        Class<?> raw = javaType.getRawClass();
        if (Context.class.isAssignableFrom(raw) || ChaincodeStub.class.isAssignableFrom(raw)) {
            return Optional.of(raw.getSimpleName() + " cannot be returned");
        }
        try {
            JsonSerializer<Object> serializer =
                    mapper.getSerializerProviderInstance().findTypedValueSerializer(javaType, true, null);
            if (serializer instanceof UnsupportedTypeSerializer) {
                return Optional.of("Jackson cannot write " + javaType.toCanonical()
                        + " without a module LedgerSim does not load (return String, a number or a record)");
            }
        } catch (JsonMappingException e) {
            return Optional.of("Jackson cannot write " + javaType.toCanonical() + ": " + e.getOriginalMessage());
        }
        return Optional.empty();
    }

    private static Optional<String> genericProblem(Type type) {
        if (type instanceof TypeVariable<?> variable) {
            return Optional.of("the type variable " + variable.getName() + " cannot be bound (use a concrete type)");
        }
        if (type instanceof WildcardType wildcard) {
            return Optional.of("the wildcard " + TypeNames.of(wildcard) + " cannot be bound (use a concrete type)");
        }
        if (type instanceof ParameterizedType parameterized) {
            for (Type argument : parameterized.getActualTypeArguments()) {
                Optional<String> problem = genericProblem(argument);
                if (problem.isPresent()) {
                    return problem;
                }
            }
        }
        if (type instanceof GenericArrayType array) {
            return genericProblem(array.getGenericComponentType());
        }
        return Optional.empty();
    }

    /**
     * The value of {@code type} encoded by {@code bytes}.
     *
     * @throws IllegalArgumentException saying why the bytes are not a value of the type (without
     *     repeating the value)
     */
    public Object decode(byte[] bytes, Type type) {
        if (type == byte[].class) {
            return bytes.clone();
        }
        if (type == String.class) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        if (type instanceof Class<?> c && (BOXES.containsKey(c) || BOXES.containsValue(c))) {
            return decodeText(new String(bytes, StandardCharsets.UTF_8), c.isPrimitive() ? BOXES.get(c) : c);
        }
        try {
            return mapper.readerFor(mapper.constructType(type)).readValue(bytes);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON for " + TypeNames.of(type) + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read JSON for " + TypeNames.of(type) + ": " + e.getMessage(), e);
        }
    }

    private static Object decodeText(String text, Class<?> box) {
        if (box == Boolean.class) {
            return switch (text) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> throw new IllegalArgumentException("expected true or false");
            };
        }
        if (box == Character.class) {
            if (text.length() != 1) {
                throw new IllegalArgumentException("expected exactly one character, got " + text.length());
            }
            return text.charAt(0);
        }
        if (box == Float.class || box == Double.class) {
            if (!DECIMAL.matcher(text).matches()) {
                throw new IllegalArgumentException("not a decimal number");
            }
            boolean infinite = text.endsWith("Infinity");
            if (box == Float.class) {
                float value = Float.parseFloat(text);
                if (Float.isInfinite(value) && !infinite) {
                    throw new IllegalArgumentException("out of range for float");
                }
                return value;
            }
            double value = Double.parseDouble(text);
            if (Double.isInfinite(value) && !infinite) {
                throw new IllegalArgumentException("out of range for double");
            }
            return value;
        }
        if (!INTEGER.matcher(text).matches()) {
            throw new IllegalArgumentException("not an integer");
        }
        try {
            if (box == Byte.class) {
                return Byte.parseByte(text);
            } else if (box == Short.class) {
                return Short.parseShort(text);
            } else if (box == Integer.class) {
                return Integer.parseInt(text);
            }
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("out of range for " + primitiveName(box), e);
        }
    }

    private static String primitiveName(Class<?> box) {
        for (Map.Entry<Class<?>, Class<?>> entry : BOXES.entrySet()) {
            if (entry.getValue() == box) {
                return entry.getKey().getName();
            }
        }
        return box.getSimpleName();
    }

    /**
     * The payload for a transaction's result: empty for {@code null}; by the value's runtime type,
     * UTF-8 for a {@code String}, the bytes for a {@code byte[]} (copied), {@code String.valueOf} for a
     * boxed primitive, deterministic JSON otherwise.
     *
     * @throws IllegalArgumentException when Jackson cannot write the value, with its reason
     */
    public byte[] encode(Object value) {
        if (value == null) {
            return new byte[0];
        }
        if (value instanceof String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }
        if (value instanceof byte[] bytes) {
            return bytes.clone();
        }
        if (BOXES.containsValue(value.getClass())) {
            return String.valueOf(value).getBytes(StandardCharsets.UTF_8);
        }
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }
}
