package dev.ledgersim.healthcare.consent;

import java.time.Instant;

/**
 * A break-glass override as stored by {@code consentcc} under {@code breakglass~<patient>~<actor>~<txid>}:
 * the clinician may use the patient's data for emergency treatment ({@code ETREAT}, {@code BTG}) from
 * {@code start} until just before {@code until}.
 *
 * @param docType {@code breakGlass}
 * @param patientId the patient
 * @param actor the clinician's username
 * @param role the clinician's role
 * @param mspId the clinician's organisation
 * @param reason why, as the clinician stated it
 * @param start when it began (the transaction timestamp, ISO-8601)
 * @param until when it expires (exclusive, ISO-8601)
 * @param txId the transaction that opened it
 */
public record BreakGlassGrant(String docType, String patientId, String actor, String role, String mspId, String reason,
                              String start, String until, String txId) {

    /** The {@code docType} value. */
    public static final String DOC_TYPE = "breakGlass";

    /** Whether the override is in force at {@code time}. */
    public boolean activeAt(Instant time) {
        return !time.isBefore(Instant.parse(start)) && time.isBefore(Instant.parse(until));
    }
}
