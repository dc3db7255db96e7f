package dev.ledgersim.bench.experiment;

import dev.ledgersim.ledger.TxValidationCode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The outcome counts of the measured phase. Thread-safe. */
final class Counters {

    private static final int MAX_ERRORS = 5;

    private long submitted;
    private long committed;
    private long valid;
    private long endorseFailed;
    private long submitFailed;
    private long statusFailed;
    private final Map<TxValidationCode, Long> codes = new EnumMap<>(TxValidationCode.class);
    private final Set<String> errors = new LinkedHashSet<>();
    private Instant lastCompletion;

    synchronized void submitted() {
        submitted++;
    }

    synchronized void committed(TxValidationCode code, Instant at) {
        committed++;
        if (code.isValid()) {
            valid++;
        }
        codes.merge(code, 1L, Long::sum);
        completedAt(at);
    }

    synchronized void endorseFailed(String message, Instant at) {
        endorseFailed++;
        error("endorse: " + message);
        completedAt(at);
    }

    synchronized void submitFailed(String message, Instant at) {
        submitFailed++;
        error("submit: " + message);
        completedAt(at);
    }

    synchronized void statusFailed(String message, Instant at) {
        statusFailed++;
        error("commit status: " + message);
        completedAt(at);
    }

    private void completedAt(Instant at) {
        if (lastCompletion == null || at.isAfter(lastCompletion)) {
            lastCompletion = at;
        }
    }

    private void error(String message) {
        if (errors.size() < MAX_ERRORS) {
            // Transaction ids differ between otherwise equal failures: keep the first of each kind.
            errors.add(message.length() > 300 ? message.substring(0, 300) + "…" : message);
        }
    }

    synchronized long submittedCount() {
        return submitted;
    }

    synchronized long completedCount() {
        return committed + endorseFailed + submitFailed + statusFailed;
    }

    synchronized long committedCount() {
        return committed;
    }

    synchronized long validCount() {
        return valid;
    }

    synchronized long endorseFailedCount() {
        return endorseFailed;
    }

    synchronized long submitFailedCount() {
        return submitFailed;
    }

    synchronized long statusFailedCount() {
        return statusFailed;
    }

    synchronized Instant lastCompletion() {
        return lastCompletion;
    }

    synchronized Map<String, Long> codes() {
        Map<String, Long> out = new TreeMap<>();
        codes.forEach((c, n) -> out.put(c.name(), n));
        return out;
    }

    synchronized long conflicts() {
        return codes.getOrDefault(TxValidationCode.MVCC_READ_CONFLICT, 0L)
                + codes.getOrDefault(TxValidationCode.PHANTOM_READ_CONFLICT, 0L);
    }

    synchronized List<String> errors() {
        return new ArrayList<>(errors);
    }
}
