package dev.ledgersim.healthcare.fhir;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Defensive copies for the records: null becomes empty; null elements are kept for validation to report. */
final class Lists {

    private Lists() {
    }

    static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(list));
    }
}
