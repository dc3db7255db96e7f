/**
 * Patient consent (HEALTHCARE.md §8.5): the {@code consentcc} chaincode, which stores FHIR R4 Consents,
 * revokes them and grants time-boxed break-glass access, and {@link dev.ledgersim.healthcare.consent.ConsentEvaluator},
 * which decides a request by the consents' provisions and the PurposeOfUse hierarchy.
 */
package dev.ledgersim.healthcare.consent;
