/**
 * LedgerSim's healthcare contract suite (HEALTHCARE.md §8): plain Java contracts written against
 * {@code dev.ledgersim.contract}, and the libraries they share.
 *
 * <ul>
 *   <li>{@link dev.ledgersim.healthcare.emr.EmrContract} (chaincode {@code emrcc}): the medical records of
 *       Wang &amp; Qin's EMR framework, with hierarchical access by role and purpose;</li>
 *   <li>{@link dev.ledgersim.healthcare.consent.ConsentContract} (chaincode {@code consentcc}): FHIR R4
 *       consents, their evaluation with the PurposeOfUse hierarchy, revocation and break-glass;</li>
 *   <li>{@link dev.ledgersim.healthcare.audit.AuditLog}: FHIR AuditEvents for every accepted and rejected
 *       access, queryable by the patient;</li>
 *   <li>{@link dev.ledgersim.healthcare.retention.RetentionPolicy}: the Australian retention rule;</li>
 *   <li>{@link dev.ledgersim.healthcare.fhir.Fhir}: the minimal FHIR R4 resources, read and validated with
 *       Jackson;</li>
 *   <li>{@link dev.ledgersim.healthcare.purpose.PurposeOfUse}: the part of HL7's PurposeOfUse vocabulary the
 *       contracts use, with its is-a hierarchy.</li>
 * </ul>
 */
package dev.ledgersim.healthcare;
