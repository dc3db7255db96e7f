package dev.ledgersim.healthcare.fhir;

import java.util.ArrayList;
import java.util.List;

/**
 * FHIR {@code Address}.
 *
 * @param use home | work | temp | old | billing
 * @param text the whole address as text
 * @param line street lines (copied)
 * @param city the city
 * @param district the district or county
 * @param state the state
 * @param postalCode the postal code
 * @param country the country
 */
public record Address(String use, String text, List<String> line, String city, String district, String state,
                      String postalCode, String country) {

    /** Copies. */
    public Address {
        line = Lists.copy(line);
    }

    /** An address given as text, with its city. */
    public static Address text(String text, String city) {
        return new Address(null, text, List.of(), city, null, null, null, null);
    }

    /** The text, or the lines, city, state, postal code and country joined by commas. */
    public String asText() {
        if (text != null && !text.isBlank()) {
            return text;
        }
        List<String> parts = new ArrayList<>(line);
        parts.add(city);
        parts.add(state);
        parts.add(postalCode);
        parts.add(country);
        StringBuilder out = new StringBuilder();
        for (String part : parts) {
            if (part != null && !part.isBlank()) {
                out.append(out.length() == 0 ? "" : ", ").append(part);
            }
        }
        return out.toString();
    }
}
