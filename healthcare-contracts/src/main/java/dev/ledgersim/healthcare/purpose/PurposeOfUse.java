package dev.ledgersim.healthcare.purpose;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The part of HL7's v3 PurposeOfUse value set (code system {@value #SYSTEM}) that the healthcare
 * contracts decide by, with its is-a hierarchy: the seven top-level purposes, the full subtrees of
 * treatment, research, patient-requested and public-health purposes, and the operations purposes a
 * regulator or a hospital acts under. A consent, an audit event or an access request may only name these
 * codes; {@link #isA} answers whether a request's purpose falls under a granted one (HEALTHCARE.md §6.5:
 * a grant for {@code TREAT} covers {@code COC}, {@code ETREAT} and {@code BTG}, not {@code HRESCH}).
 *
 * <p>The full hierarchy (63 codes) is HL7's; the subset here is written out by hand and checked against
 * it by a conformance test. Immutable; thread-safe.
 */
public final class PurposeOfUse {

    /** The code system of the codes. */
    public static final String SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-ActReason";

    /** The abstract root of the value set. */
    public static final String ROOT = "PurposeOfUse";
    /** Healthcare marketing: never permitted by the suite. */
    public static final String HMARKT = "HMARKT";
    /** Healthcare operations. */
    public static final String HOPERAT = "HOPERAT";
    /** Government (under operations). */
    public static final String GOV = "GOV";
    /** Health compliance (under operations): the regulator's purpose of supervision. */
    public static final String HCOMPL = "HCOMPL";
    /** Legal (under operations). */
    public static final String HLEGAL = "HLEGAL";
    /** Patient administration (under operations): registering patients. */
    public static final String PATADMIN = "PATADMIN";
    /** Records management (under operations): retention and purge. */
    public static final String RECORDMGT = "RECORDMGT";
    /** Healthcare payment. */
    public static final String HPAYMT = "HPAYMT";
    /** Healthcare research. */
    public static final String HRESCH = "HRESCH";
    /** Clinical trial research (under research). */
    public static final String CLINTRCH = "CLINTRCH";
    /** Disease-specific research (under research). */
    public static final String DSRCH = "DSRCH";
    /** Patient requested. */
    public static final String PATRQT = "PATRQT";
    /** Public health. */
    public static final String PUBHLTH = "PUBHLTH";
    /** Treatment. */
    public static final String TREAT = "TREAT";
    /** Coordination of care (under treatment). */
    public static final String COC = "COC";
    /** Emergency treatment (under treatment). */
    public static final String ETREAT = "ETREAT";
    /** Break the glass (under emergency treatment). */
    public static final String BTG = "BTG";
    /** Emergency room treatment (under emergency treatment). */
    public static final String ERTREAT = "ERTREAT";

    private record Concept(String parent, String display) {
    }

    private static final SortedMap<String, Concept> CONCEPTS;

    static {
        TreeMap<String, Concept> c = new TreeMap<>();
        c.put(ROOT, new Concept(null, "purpose of use"));
        c.put(HMARKT, new Concept(ROOT, "healthcare marketing"));
        c.put(HOPERAT, new Concept(ROOT, "healthcare operations"));
        c.put(GOV, new Concept(HOPERAT, "government"));
        c.put(HCOMPL, new Concept(HOPERAT, "health compliance"));
        c.put(HLEGAL, new Concept(HOPERAT, "legal"));
        c.put("HQUALIMP", new Concept(HOPERAT, "health quality improvement"));
        c.put(PATADMIN, new Concept(HOPERAT, "patient administration"));
        c.put("PATSFTY", new Concept(HOPERAT, "patient safety"));
        c.put(RECORDMGT, new Concept(HOPERAT, "records management"));
        c.put(HPAYMT, new Concept(ROOT, "healthcare payment"));
        c.put(HRESCH, new Concept(ROOT, "healthcare research"));
        c.put("BIORCH", new Concept(HRESCH, "biomedical research"));
        c.put(CLINTRCH, new Concept(HRESCH, "clinical trial research"));
        c.put("CLINTRCHNPC", new Concept(CLINTRCH, "clinical trial research without patient care"));
        c.put("CLINTRCHPC", new Concept(CLINTRCH, "clinical trial research with patient care"));
        c.put("PRECLINTRCH", new Concept(CLINTRCH, "preclinical trial research"));
        c.put(DSRCH, new Concept(HRESCH, "disease specific healthcare research"));
        c.put("POARCH", new Concept(HRESCH, "population origins or ancestry healthcare research"));
        c.put("TRANSRCH", new Concept(HRESCH, "translational healthcare research"));
        c.put(PATRQT, new Concept(ROOT, "patient requested"));
        c.put("FAMRQT", new Concept(PATRQT, "family requested"));
        c.put("PWATRNY", new Concept(PATRQT, "power of attorney"));
        c.put("SUPNWK", new Concept(PATRQT, "support network"));
        c.put(PUBHLTH, new Concept(ROOT, "public health"));
        c.put("DISASTER", new Concept(PUBHLTH, "disaster"));
        c.put("THREAT", new Concept(PUBHLTH, "threat"));
        c.put(TREAT, new Concept(ROOT, "treatment"));
        c.put("CLINTRL", new Concept(TREAT, "clinical trial"));
        c.put(COC, new Concept(TREAT, "coordination of care"));
        c.put(ETREAT, new Concept(TREAT, "Emergency Treatment"));
        c.put(BTG, new Concept(ETREAT, "break the glass"));
        c.put(ERTREAT, new Concept(ETREAT, "emergency room treatment"));
        c.put("POPHLTH", new Concept(TREAT, "population health"));
        c.put("TREATDS", new Concept(TREAT, "decision support assisted treatment decision"));
        CONCEPTS = Collections.unmodifiableSortedMap(c);
    }

    private PurposeOfUse() {
    }

    /** Every code known here, sorted. */
    public static SortedSet<String> codes() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(CONCEPTS.keySet()));
    }

    /** Whether {@code code} is one of the codes known here. */
    public static boolean isKnown(String code) {
        return code != null && CONCEPTS.containsKey(code);
    }

    /** The parent of {@code code}, empty for the root or an unknown code. */
    public static Optional<String> parent(String code) {
        Concept concept = code == null ? null : CONCEPTS.get(code);
        return concept == null ? Optional.empty() : Optional.ofNullable(concept.parent());
    }

    /** HL7's display text of {@code code}, empty for an unknown code. */
    public static Optional<String> display(String code) {
        Concept concept = code == null ? null : CONCEPTS.get(code);
        return concept == null ? Optional.empty() : Optional.of(concept.display());
    }

    /** {@code code} and its ancestors up to the root, nearest first; empty for an unknown code. */
    public static List<String> lineage(String code) {
        List<String> out = new ArrayList<>();
        String current = code;
        while (isKnown(current)) {
            out.add(current);
            current = CONCEPTS.get(current).parent();
        }
        return out;
    }

    /**
     * Whether {@code code} is-a {@code ancestor}: equal to it or below it in the hierarchy. False when
     * either is unknown.
     */
    public static boolean isA(String code, String ancestor) {
        return isKnown(ancestor) && lineage(code).contains(ancestor);
    }

    /** The parent links of every known code (the root maps to nothing), for conformance checks. */
    public static Map<String, Optional<String>> hierarchy() {
        TreeMap<String, Optional<String>> out = new TreeMap<>();
        CONCEPTS.forEach((code, concept) -> out.put(code, Optional.ofNullable(concept.parent())));
        return Collections.unmodifiableSortedMap(out);
    }
}
