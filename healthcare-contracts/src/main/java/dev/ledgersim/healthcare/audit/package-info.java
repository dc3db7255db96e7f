/**
 * The audit library every healthcare contract uses (HEALTHCARE.md §8.7): FHIR AuditEvents for every
 * accepted and rejected access, kept in the contract's own namespace under
 * {@code audit~<patientId>~<txid>} and queryable by time range.
 */
package dev.ledgersim.healthcare.audit;
