package dev.ledgersim.healthcare.purpose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledgersim.healthcare.SharedVectors;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PurposeOfUseTest {

    @Test
    void treatmentCoversItsDescendantsOnly() {
        assertTrue(PurposeOfUse.isA("TREAT", "TREAT"));
        assertTrue(PurposeOfUse.isA("COC", "TREAT"));
        assertTrue(PurposeOfUse.isA("ETREAT", "TREAT"));
        assertTrue(PurposeOfUse.isA("BTG", "TREAT"));
        assertTrue(PurposeOfUse.isA("BTG", "ETREAT"));
        assertFalse(PurposeOfUse.isA("HRESCH", "TREAT"));
        assertFalse(PurposeOfUse.isA("TREAT", "COC"), "a parent is not its child");
        assertFalse(PurposeOfUse.isA("TREAT", "ETREAT"));
        assertTrue(PurposeOfUse.isA("CLINTRCHPC", "HRESCH"));
        assertTrue(PurposeOfUse.isA("HCOMPL", "HOPERAT"));
        assertTrue(PurposeOfUse.isA("HMARKT", "PurposeOfUse"));
    }

    @Test
    void unknownCodesMatchNothing() {
        assertFalse(PurposeOfUse.isKnown("XYZ"));
        assertFalse(PurposeOfUse.isA("XYZ", "TREAT"));
        assertFalse(PurposeOfUse.isA("TREAT", "XYZ"));
        assertEquals(List.of(), PurposeOfUse.lineage("XYZ"));
        assertEquals(Optional.empty(), PurposeOfUse.parent("PurposeOfUse"));
        assertEquals(List.of("BTG", "ETREAT", "TREAT", "PurposeOfUse"), PurposeOfUse.lineage("BTG"));
        assertEquals(Optional.of("break the glass"), PurposeOfUse.display("BTG"));
    }

    /** Every code written out in PurposeOfUse has HL7's parent and display (HL7/UTG v3-ActReason). */
    @Test
    void embeddedSubsetAgreesWithHl7Hierarchy() throws Exception {
        Optional<Path> file = SharedVectors.file("hl7/purpose-of-use.json");
        assumeTrue(file.isPresent(), "shared/testvectors/hl7/purpose-of-use.json is absent");
        JsonNode root = new ObjectMapper().readTree(file.get().toFile());
        assertEquals(PurposeOfUse.SYSTEM, root.get("system").asText());
        Map<String, JsonNode> hl7 = new HashMap<>();
        root.get("codes").forEach(c -> hl7.put(c.get("code").asText(), c));
        assertEquals(63, hl7.size(), "the full hierarchy has 63 codes");
        for (Map.Entry<String, Optional<String>> e : PurposeOfUse.hierarchy().entrySet()) {
            JsonNode code = hl7.get(e.getKey());
            assertTrue(code != null, e.getKey() + " is an HL7 PurposeOfUse code");
            String parent = code.get("parent").isNull() ? null : code.get("parent").asText();
            assertEquals(Optional.ofNullable(parent), e.getValue(), "parent of " + e.getKey());
            assertEquals(code.get("display").asText(), PurposeOfUse.display(e.getKey()).orElseThrow(), "display of " + e.getKey());
        }
        // Every HL7 code below a subtree the suite embeds completely is embedded.
        for (String complete : List.of("TREAT", "HRESCH", "PATRQT", "PUBHLTH")) {
            for (JsonNode code : root.get("codes")) {
                String c = code.get("code").asText();
                if (isBelow(hl7, c, complete)) {
                    assertTrue(PurposeOfUse.isKnown(c), c + " under " + complete + " is embedded");
                }
            }
        }
    }

    private static boolean isBelow(Map<String, JsonNode> hl7, String code, String ancestor) {
        String current = code;
        while (current != null) {
            if (current.equals(ancestor)) {
                return true;
            }
            JsonNode node = hl7.get(current);
            current = node == null || node.get("parent").isNull() ? null : node.get("parent").asText();
        }
        return false;
    }
}
