/**
 * Seed A's electronic medical records (Wang &amp; Qin 2021; HEALTHCARE.md §8.1): the {@code emrcc}
 * chaincode with the paper's Table 3 functions and messages, personal data in a private collection,
 * de-identified views for researchers and regulators, and a usage record for every call.
 */
package dev.ledgersim.healthcare.emr;
