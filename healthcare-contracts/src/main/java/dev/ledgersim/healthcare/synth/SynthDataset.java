package dev.ledgersim.healthcare.synth;

import dev.ledgersim.healthcare.emr.UsageRecord;
import dev.ledgersim.healthcare.fhir.Consent;
import dev.ledgersim.healthcare.fhir.FhirResource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;

/**
 * Everything one run of {@link SyntheticHealthGenerator} produced, in generation order (patients in the
 * order drawn, encounters by start time, the rest by encounter), with its three views. Immutable.
 *
 * @param config what was asked for
 * @param organizations the organisations (hospital A, hospital B, laboratory, research institute,
 *     regulator, public-health centre, pharma, cloud)
 * @param practitioners the clinicians (doctors and nurses), {@link SynthConfig#practitioners()} of them
 * @param staff the other identities: each hospital's administrator, a lab technician, a researcher, a
 *     regulator, a public-health epidemiologist, a pharma researcher and a cloud operator
 * @param patients the patients
 * @param encounters the encounters (seed A's cases), {@code case10001} first
 * @param conditions one per encounter that is not a follow-up
 * @param observations vital signs and test results
 * @param medications drug prescriptions
 * @param consents FHIR Consents: a treatment consent per patient, research consents for some
 * @param usageEvents who used which data, in time order
 */
public record SynthDataset(SynthConfig config, List<SynthOrganization> organizations,
                           List<SynthPractitioner> practitioners, List<SynthPractitioner> staff,
                           List<SynthPatient> patients, List<SynthEncounter> encounters, List<SynthCondition> conditions,
                           List<SynthObservation> observations, List<SynthMedication> medications,
                           List<Consent> consents, List<UsageEvent> usageEvents) {

    /** Copies. */
    public SynthDataset {
        organizations = List.copyOf(organizations);
        practitioners = List.copyOf(practitioners);
        staff = List.copyOf(staff);
        patients = List.copyOf(patients);
        encounters = List.copyOf(encounters);
        conditions = List.copyOf(conditions);
        observations = List.copyOf(observations);
        medications = List.copyOf(medications);
        consents = List.copyOf(consents);
        usageEvents = List.copyOf(usageEvents);
    }

    /** The patient with {@code username}. */
    public Optional<SynthPatient> patient(String username) {
        return patients.stream().filter(p -> p.username().equals(username)).findFirst();
    }

    /** The organisation with {@code id}. */
    public Optional<SynthOrganization> organization(String id) {
        return organizations.stream().filter(o -> o.id().equals(id)).findFirst();
    }

    /** The first organisation of {@code kind} ({@code SynthOrganization.KIND_*}). */
    public Optional<SynthOrganization> organizationOfKind(String kind) {
        return organizations.stream().filter(o -> o.kind().equals(kind)).findFirst();
    }

    /** The clinician or staff member with {@code username}. */
    public Optional<SynthPractitioner> person(String username) {
        return everyone().stream().filter(p -> p.username().equals(username)).findFirst();
    }

    /** Clinicians and staff whose certificate role is {@code role}, clinicians first. */
    public List<SynthPractitioner> withRole(String role) {
        return everyone().stream().filter(p -> p.role().equals(role)).toList();
    }

    /** The encounters of the patient {@code username}, oldest first. */
    public List<SynthEncounter> encountersOf(String username) {
        return encounters.stream().filter(e -> e.patient().equals(username)).toList();
    }

    /** The usage events as seed A's usage records. */
    public List<UsageRecord> usageRecords() {
        return usageEvents.stream().map(UsageEvent::toUsageRecord).toList();
    }

    /** View 1: every FHIR resource, validated (see {@link FhirView#resources}). */
    public List<FhirResource> fhirResources() {
        return FhirView.resources(this);
    }

    /** View 1: the FHIR R4 collection Bundle as JSON (see {@link FhirView#bundleJson}). */
    public String fhirBundleJson() {
        return FhirView.bundleJson(this);
    }

    /**
     * View 1 written to {@code out} one resource at a time (see {@link FhirView#writeBundle}), for datasets
     * too large for one string.
     *
     * @throws IOException if {@code out} fails
     */
    public void writeFhirBundle(Appendable out) throws IOException {
        FhirView.writeBundle(this, out);
    }

    /** View 2: the Synthea CSV files by name (see {@link SyntheaCsv#export}). */
    public SortedMap<String, String> syntheaCsv() {
        return SyntheaCsv.export(this);
    }

    /** View 3: seed A's patients and cases for {@code emrcc} (see {@link SeedAView#of}). */
    public SeedAView seedA() {
        return SeedAView.of(this);
    }

    private List<SynthPractitioner> everyone() {
        List<SynthPractitioner> all = new ArrayList<>(practitioners);
        all.addAll(staff);
        return all;
    }
}
