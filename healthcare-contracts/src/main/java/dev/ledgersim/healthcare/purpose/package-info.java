/**
 * HL7 v3 PurposeOfUse (HEALTHCARE.md §6.4) with its is-a hierarchy, for purpose-based access decisions
 * (§6.5).
 */
package dev.ledgersim.healthcare.purpose;
