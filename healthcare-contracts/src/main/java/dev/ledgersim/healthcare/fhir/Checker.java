package dev.ledgersim.healthcare.fhir;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Collects validation problems of one resource, each prefixed with the element path. Not thread-safe. */
final class Checker {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");
    private static final Pattern CODE = Pattern.compile("[^\\s]+( [^\\s]+)*");
    private static final Pattern LITERAL_REFERENCE = Pattern.compile(
            "([A-Za-z]+/[A-Za-z0-9\\-.]{1,64}(/_history/[A-Za-z0-9\\-.]{1,64})?|#.*|[a-z][a-z0-9+.-]*:.+)");

    private final List<String> problems = new ArrayList<>();

    List<String> problems() {
        return List.copyOf(problems);
    }

    void problem(String path, String message) {
        problems.add(path + ": " + message);
    }

    void resourceType(String actual, String expected) {
        if (actual == null) {
            problem(expected + ".resourceType", "required, expected '" + expected + "'");
        } else if (!actual.equals(expected)) {
            problem(expected + ".resourceType", "expected '" + expected + "' but was '" + actual + "'");
        }
    }

    void id(String id, String path) {
        if (id != null && !ID.matcher(id).matches()) {
            problem(path, "not a FHIR id (1-64 of A-Z a-z 0-9 - .): '" + id + "'");
        }
    }

    /** Reports a missing (null, blank or empty-collection) element; returns whether it is present. */
    boolean required(Object value, String path) {
        boolean present = value != null
                && !(value instanceof String s && s.isBlank())
                && !(value instanceof Collection<?> c && c.isEmpty());
        if (!present) {
            problem(path, "required");
        }
        return present;
    }

    void code(String value, String path, Set<String> allowed) {
        if (value == null) {
            return;
        }
        if (!allowed.contains(value)) {
            problem(path, "'" + value + "' is not one of " + String.join(" | ", sorted(allowed)));
        }
    }

    void date(String value, String path) {
        if (value != null && !FhirDates.isDate(value)) {
            problem(path, "not a FHIR date (YYYY, YYYY-MM or YYYY-MM-DD): '" + value + "'");
        }
    }

    void dateTime(String value, String path) {
        if (value != null && !FhirDates.isDateTime(value)) {
            problem(path, "not a FHIR dateTime (a date, or YYYY-MM-DDThh:mm:ss with a zone): '" + value + "'");
        }
    }

    void instant(String value, String path) {
        if (value != null && !FhirDates.isInstant(value)) {
            problem(path, "not a FHIR instant (YYYY-MM-DDThh:mm:ss[.fff] with a zone): '" + value + "'");
        }
    }

    void period(Period period, String path) {
        if (period == null) {
            return;
        }
        dateTime(period.start(), path + ".start");
        dateTime(period.end(), path + ".end");
        if (FhirDates.isDateTime(period.start()) && FhirDates.isDateTime(period.end())
                && FhirDates.lowerBound(period.end()).isBefore(FhirDates.lowerBound(period.start()))) {
            problem(path, "end " + period.end() + " is before start " + period.start() + " (per-1)");
        }
    }

    void coding(Coding coding, String path) {
        if (coding == null) {
            problem(path, "must not be null");
            return;
        }
        if (coding.code() != null && !CODE.matcher(coding.code()).matches()) {
            problem(path + ".code", "not a FHIR code (no leading, trailing or double whitespace): '" + coding.code() + "'");
        }
        if (coding.code() == null && coding.display() == null) {
            problem(path, "needs a code or a display");
        }
    }

    void codings(List<Coding> codings, String path) {
        for (int i = 0; i < codings.size(); i++) {
            coding(codings.get(i), path + "[" + i + "]");
        }
    }

    void concept(CodeableConcept concept, String path) {
        if (concept == null) {
            return;
        }
        if (concept.coding().isEmpty() && (concept.text() == null || concept.text().isBlank())) {
            problem(path, "needs a coding or a text");
        }
        codings(concept.coding(), path + ".coding");
    }

    void concepts(List<CodeableConcept> concepts, String path) {
        for (int i = 0; i < concepts.size(); i++) {
            if (concepts.get(i) == null) {
                problem(path + "[" + i + "]", "must not be null");
            } else {
                concept(concepts.get(i), path + "[" + i + "]");
            }
        }
    }

    /** Checks a concept whose codings from {@code system} must be in {@code allowed}. */
    void boundConcept(CodeableConcept concept, String path, String system, Set<String> allowed) {
        concept(concept, path);
        if (concept == null) {
            return;
        }
        for (int i = 0; i < concept.coding().size(); i++) {
            Coding c = concept.coding().get(i);
            if (c != null && system.equals(c.system())) {
                code(c.code(), path + ".coding[" + i + "].code", allowed);
            }
        }
    }

    void reference(Reference reference, String path) {
        if (reference == null) {
            return;
        }
        if (reference.reference() == null && reference.identifier() == null && reference.display() == null) {
            problem(path, "needs a reference, an identifier or a display (ref-1)");
        }
        if (reference.reference() != null && !LITERAL_REFERENCE.matcher(reference.reference()).matches()) {
            problem(path + ".reference", "not a literal reference (Type/id, #local or an absolute URI): '"
                    + reference.reference() + "'");
        }
        if (reference.identifier() != null && reference.identifier().value() == null) {
            problem(path + ".identifier.value", "required");
        }
    }

    void references(List<Reference> references, String path) {
        for (int i = 0; i < references.size(); i++) {
            if (references.get(i) == null) {
                problem(path + "[" + i + "]", "must not be null");
            } else {
                reference(references.get(i), path + "[" + i + "]");
            }
        }
    }

    /** Checks that a reference that names a type names {@code allowed} types only. */
    void referenceTo(Reference reference, String path, Set<String> allowed) {
        reference(reference, path);
        if (reference != null) {
            reference.targetType().ifPresent(t -> {
                if (!allowed.contains(t)) {
                    problem(path + ".reference", "must refer to " + String.join(" | ", sorted(allowed)) + ", not " + t);
                }
            });
        }
    }

    void meta(Meta meta, String path) {
        if (meta == null) {
            return;
        }
        instant(meta.lastUpdated(), path + ".lastUpdated");
        codings(meta.security(), path + ".security");
        for (int i = 0; i < meta.security().size(); i++) {
            Coding c = meta.security().get(i);
            if (c != null && Fhir.CONFIDENTIALITY_SYSTEM.equals(c.system())) {
                code(c.code(), path + ".security[" + i + "].code", Fhir.CONFIDENTIALITY_CODES);
            }
        }
        codings(meta.tag(), path + ".tag");
    }

    void noNulls(List<?> list, String path) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == null) {
                problem(path + "[" + i + "]", "must not be null");
            }
        }
    }

    private static List<String> sorted(Set<String> values) {
        List<String> out = new ArrayList<>(values);
        out.sort(null);
        return out;
    }
}
