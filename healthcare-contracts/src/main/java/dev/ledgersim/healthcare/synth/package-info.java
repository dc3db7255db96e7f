/**
 * The seeded synthetic healthcare data generator of HEALTHCARE.md §7: organisations, practitioners,
 * patients (minors included), encounters, ICD-10-CM conditions, LOINC/UCUM observations, medication
 * requests, FHIR Consents and usage events, all drawn from one {@link java.util.SplittableRandom} seed and
 * small code lists embedded in {@link dev.ledgersim.healthcare.synth.ClinicalCodes}. No network access,
 * no wall clock: the same {@link dev.ledgersim.healthcare.synth.SynthConfig} always gives byte-identical
 * views — a FHIR R4 collection Bundle ({@link dev.ledgersim.healthcare.synth.FhirView}), a Synthea CSV
 * subset ({@link dev.ledgersim.healthcare.synth.SyntheaCsv}) and seed A's {@code registerPatient} /
 * {@code enterData} arguments ({@link dev.ledgersim.healthcare.synth.SeedAView}).
 */
package dev.ledgersim.healthcare.synth;
