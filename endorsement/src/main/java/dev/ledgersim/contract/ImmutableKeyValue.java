package dev.ledgersim.contract;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/** {@link KeyValue#of}: an immutable pair with value equality. */
final class ImmutableKeyValue implements KeyValue {

    private final String key;
    private final byte[] value;

    ImmutableKeyValue(String key, byte[] value) {
        this.key = Objects.requireNonNull(key, "key");
        this.value = Objects.requireNonNull(value, "value").clone();
    }

    @Override
    public String getKey() {
        return key;
    }

    @Override
    public byte[] getValue() {
        return value.clone();
    }

    @Override
    public String getStringValue() {
        return new String(value, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImmutableKeyValue other && key.equals(other.key) && Arrays.equals(value, other.value);
    }

    @Override
    public int hashCode() {
        return 31 * key.hashCode() + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "KeyValue[" + key.replace("\u0000", "\\u0000") + ", " + value.length + " bytes]";
    }
}
