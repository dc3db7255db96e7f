package dev.ledgersim.healthcare.synth;

import dev.ledgersim.healthcare.emr.UsageRecord;
import java.time.Instant;
import java.util.Objects;

/**
 * Who used which data, when, how, for what purpose and with what outcome — seed A's usage record
 * (HEALTHCARE.md §8.1) as a synthetic event. Registrations ({@code add}) are included, so the numbering
 * differs from the records {@code emrcc} writes, which has none for them.
 *
 * @param recordId {@code record10001}, {@code record10002}, ... in time order
 * @param time when
 * @param operation {@code add}, {@code read} or {@code append}
 * @param role the caller's certificate role
 * @param username the caller's username
 * @param mspId the caller's organisation
 * @param patient the username of the patient concerned, or empty for a keyword query over all patients
 * @param target what was used: a patient's username, {@code keywords:<...>} or {@code usageRecords}
 * @param purpose the PurposeOfUse code
 * @param outcome {@code success} or {@code denied}
 * @param reason the decision in words
 * @param txId a made-up transaction id (64 hex digits, derived from the seed and the record id)
 */
public record UsageEvent(String recordId, Instant time, String operation, String role, String username, String mspId,
                         String patient, String target, String purpose, String outcome, String reason, String txId) {

    /** Registration. */
    public static final String ADD = "add";
    /** A read or query. */
    public static final String READ = "read";
    /** An entered case. */
    public static final String APPEND = "append";

    /** Checks. */
    public UsageEvent {
        Objects.requireNonNull(recordId, "recordId");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(patient, "patient");
        if (!ADD.equals(operation) && !READ.equals(operation) && !APPEND.equals(operation)) {
            throw new IllegalArgumentException("operation " + operation);
        }
        if (!UsageRecord.SUCCESS.equals(outcome) && !UsageRecord.DENIED.equals(outcome)) {
            throw new IllegalArgumentException("outcome " + outcome);
        }
    }

    /** Whether the access was allowed. */
    public boolean granted() {
        return UsageRecord.SUCCESS.equals(outcome);
    }

    /** The event as seed A's usage record on the ledger. */
    public UsageRecord toUsageRecord() {
        return new UsageRecord(UsageRecord.DOC_TYPE, recordId, operation, role, username, mspId, target, time.toString(),
                purpose, outcome, reason, txId);
    }
}
