package dev.ledgersim.healthcare.emr;

/**
 * A usage record on the public state of {@code emrcc} under {@code record10001}, {@code record10002}, ...
 * (seed A's Table 1): who used which data, how, when, for what purpose, and whether it was allowed. Every
 * call of the contract writes one, denials included.
 *
 * @param docType {@code usageRecord}
 * @param recordId the key
 * @param operation {@code read} or {@code append} (seed A; its {@code add} is unused, registration writes an
 *     AuditEvent only) or {@code delete} (a purge)
 * @param role the caller's certificate role ({@code none} when it has none)
 * @param username the caller's username
 * @param mspId the caller's organisation
 * @param target what was used: a patient's username, a case id, {@code keywords:<...>} or {@code usageRecords}
 * @param time the transaction timestamp, ISO-8601
 * @param purpose the PurposeOfUse code of the access
 * @param outcome {@code success} or {@code denied}
 * @param reason the decision in words
 * @param txId the transaction, linking to its AuditEvents {@code audit~<patient>~<txId>}
 */
public record UsageRecord(String docType, String recordId, String operation, String role, String username, String mspId,
                          String target, String time, String purpose, String outcome, String reason, String txId) {

    /** The {@code docType} value. */
    public static final String DOC_TYPE = "usageRecord";
    /** The outcome of an allowed access. */
    public static final String SUCCESS = "success";
    /** The outcome of a refused access. */
    public static final String DENIED = "denied";

    /** The view {@code queryUsageRecords} returns (HEALTHCARE.md §8.9). */
    public Views.Usage view() {
        return new Views.Usage(recordId, operation, role, username, mspId, target, time, purpose, outcome);
    }
}
