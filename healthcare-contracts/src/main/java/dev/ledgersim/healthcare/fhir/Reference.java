package dev.ledgersim.healthcare.fhir;

import java.util.Optional;

/**
 * FHIR {@code Reference}: a literal reference ({@code Type/id}), a logical one (an identifier) or a display.
 *
 * @param reference the literal reference, e.g. {@code Patient/alice}
 * @param type the referenced resource type
 * @param identifier the logical reference
 * @param display text for humans
 */
public record Reference(String reference, String type, Identifier identifier, String display) {

    /** A literal reference, e.g. {@code Reference.to("Patient/alice")}. */
    public static Reference to(String reference) {
        return new Reference(reference, null, null, null);
    }

    /** A literal reference to resource {@code type} with id {@code id}. */
    public static Reference to(String type, String id) {
        return new Reference(type + "/" + id, null, null, null);
    }

    /** A logical reference by identifier. */
    public static Reference identified(String system, String value, String display) {
        return new Reference(null, null, Identifier.of(system, value), display);
    }

    /** The resource type of a relative literal reference ({@code Type/id}), if it is one. */
    public Optional<String> targetType() {
        return parts().map(p -> p[0]);
    }

    /** The id of a relative literal reference ({@code Type/id}), if it is one. */
    public Optional<String> targetId() {
        return parts().map(p -> p[1]);
    }

    private Optional<String[]> parts() {
        if (reference == null) {
            return Optional.empty();
        }
        String[] parts = reference.split("/", -1);
        if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(parts);
    }
}
