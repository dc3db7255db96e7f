package dev.ledgersim.healthcare.fhir;

import java.util.List;

/**
 * FHIR {@code HumanName}.
 *
 * @param use usual | official | temp | nickname | anonymous | old | maiden
 * @param text the full name as text
 * @param family the family name
 * @param given the given names (copied)
 */
public record HumanName(String use, String text, String family, List<String> given) {

    /** Copies. */
    public HumanName {
        given = Lists.copy(given);
    }

    /** A name given only as text. */
    public static HumanName text(String text) {
        return new HumanName(null, text, null, List.of());
    }

    /** The text, or the given names and the family name joined by spaces. */
    public String asText() {
        if (text != null && !text.isBlank()) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        given.forEach(g -> out.append(out.length() == 0 ? "" : " ").append(g));
        if (family != null) {
            out.append(out.length() == 0 ? "" : " ").append(family);
        }
        return out.toString();
    }
}
