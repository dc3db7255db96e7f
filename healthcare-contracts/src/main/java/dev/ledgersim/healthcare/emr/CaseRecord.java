package dev.ledgersim.healthcare.emr;

/**
 * A case (one visit) on the public state of {@code emrcc} under {@code case10001}, {@code case10002}, ...
 * (seed A's Table 1, fields reduced to test results, diagnosis and treatment).
 *
 * @param docType {@code case}
 * @param caseId the key
 * @param patient the patient's username
 * @param doctor the entering doctor's username
 * @param testResults the test results
 * @param diagnosis the diagnosis (searched by {@code queryCases})
 * @param treatment the treatment
 * @param time when it was entered: the transaction timestamp, ISO-8601
 * @param securityLevel the record's v3 Confidentiality code (seed A's per-record security level), {@code N}
 * @param retentionUntil the first day (ISO date) this case could be purged if it stayed the last entry
 */
public record CaseRecord(String docType, String caseId, String patient, String doctor, String testResults,
                         String diagnosis, String treatment, String time, String securityLevel, String retentionUntil) {

    /** The {@code docType} value. */
    public static final String DOC_TYPE = "case";
}
