/**
 * The FHIR R4 resources of HEALTHCARE.md §5.2 as Java records read and written with Jackson: Patient,
 * Encounter, Observation, Condition, MedicationRequest, Consent, AuditEvent and Provenance, with the
 * datatypes they use. {@link dev.ledgersim.healthcare.fhir.Fhir} reads JSON (ignoring elements the model
 * does not carry, as §5.3 recommends), validates each resource's required elements, codes, dates and
 * invariants, and writes canonical JSON (only populated elements, keys sorted).
 */
package dev.ledgersim.healthcare.fhir;
