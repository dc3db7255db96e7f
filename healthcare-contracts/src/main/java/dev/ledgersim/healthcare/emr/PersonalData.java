package dev.ledgersim.healthcare.emr;

/**
 * A patient's personal information (seed A simplifies it to name, address and telephone), stored only in
 * the private collection {@value EmrContract#PII_COLLECTION} under the patient's username.
 *
 * @param name the name
 * @param address the address
 * @param phone the telephone number
 * @param salt optional hex of client-supplied random bytes (transient {@code salt}), so that the public
 *     hash of this low-entropy value cannot be confirmed by guessing; null when none was given
 */
public record PersonalData(String name, String address, String phone, String salt) {
}
