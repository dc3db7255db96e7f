/**
 * Small deterministic helpers the healthcare contracts share: the JSON mapper for ledger values,
 * hashing, xid-style patient ids, the caller's identity as the suite's conventions read it
 * (HEALTHCARE.md §8.9), and argument checks that fail with the suite's messages.
 */
package dev.ledgersim.healthcare.util;
