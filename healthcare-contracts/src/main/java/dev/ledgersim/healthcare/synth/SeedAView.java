package dev.ledgersim.healthcare.synth;

import dev.ledgersim.healthcare.emr.CaseRecord;
import dev.ledgersim.healthcare.emr.PatientRecord;
import dev.ledgersim.healthcare.emr.PersonalData;
import dev.ledgersim.healthcare.retention.RetentionPolicy;
import dev.ledgersim.healthcare.util.Hashing;
import dev.ledgersim.healthcare.util.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * View 3 of a {@link SynthDataset}: seed A's patients and cases as {@code emrcc} takes them (HEALTHCARE.md
 * §8.1) — the arguments of {@code registerPatient}, {@code authorizeDoctor} and {@code enterData} in the
 * order to submit them, and the {@link PatientRecord} / {@link CaseRecord} the contract then holds.
 *
 * <p>Submitted in this order on a fresh ledger ({@code registerPatient} for every patient,
 * {@code authorizeDoctor} at {@link Authorization#at()}, {@code enterData} at {@link SeedACase#time()}),
 * the cases get exactly the ids {@code case10001}, ... of {@link #cases()}, and each case's state equals
 * {@link SeedACase#caseRecord()} when the transaction time is {@link SeedACase#time()}.
 *
 * @param patients the patients to register, in dataset order
 * @param authorizations each patient's authorisation of each of their doctors, in time order
 * @param cases the cases in case-id (time) order
 */
public record SeedAView(List<SeedAPatient> patients, List<Authorization> authorizations, List<SeedACase> cases) {

    /**
     * A patient to register.
     *
     * @param username the username
     * @param name the name (personal data)
     * @param address the address on one line (personal data)
     * @param phone the phone number (personal data)
     * @param birthDate ISO date of birth
     * @param xid the synthetic xid (the contract makes its own from the transaction)
     * @param registeredBy the hospital administrator who registers the patient
     * @param registeredAt when (ISO-8601 instant)
     */
    public record SeedAPatient(String username, String name, String address, String phone, String birthDate, String xid,
                               String registeredBy, String registeredAt) {

        /** {@code registerPatient(username, name, address, phone, birthDate)}. */
        public List<String> registerPatientArgs() {
            return List.of(username, name, address, phone, birthDate);
        }

        /** The private personal data the contract stores (no salt). */
        public PersonalData personalData() {
            return new PersonalData(name, address, phone, null);
        }

        /** The hash of {@link #personalData()} the contract keeps on the public state. */
        public String piiHash() {
            return Hashing.sha256Hex(Json.bytes(personalData()));
        }
    }

    /**
     * A patient authorises a doctor, a minute before the doctor's first case for them.
     *
     * @param patient the patient's username
     * @param doctor the doctor's username
     * @param at when (ISO-8601 instant)
     */
    public record Authorization(String patient, String doctor, String at) {

        /** {@code authorizeDoctor(patientID, doctorID)}. */
        public List<String> authorizeDoctorArgs() {
            return List.of(patient, doctor);
        }
    }

    /**
     * A case to enter.
     *
     * @param caseId the id the contract gives it
     * @param doctor the doctor's username
     * @param patient the patient's username
     * @param testResults the observations as text, e.g. {@code Glucose 182 mg/dL; HbA1c 8.1 %}
     * @param diagnosis the diagnosis with its ICD-10-CM code (prefixed {@code Follow-up: } for follow-ups)
     * @param treatment the drug and its dosage, {@code Continue <drug>}, or the non-drug plan
     * @param time when (ISO-8601 instant; the paper's {@code currentTime})
     * @param retentionUntil the case's retention date by {@link RetentionPolicy} if entered at {@code time}
     */
    public record SeedACase(String caseId, String doctor, String patient, String testResults, String diagnosis,
                            String treatment, String time, String retentionUntil) {

        /** {@code enterData(doctor, patient, testResults, diagnosis, treatment, currentTime)}. */
        public List<String> enterDataArgs() {
            return List.of(doctor, patient, testResults, diagnosis, treatment, time);
        }

        /** The state {@code emrcc} writes under {@link #caseId} (security level {@code N}). */
        public CaseRecord caseRecord() {
            return new CaseRecord(CaseRecord.DOC_TYPE, caseId, patient, doctor, testResults, diagnosis, treatment, time,
                    "N", retentionUntil);
        }
    }

    /** Copies. */
    public SeedAView {
        patients = List.copyOf(patients);
        authorizations = List.copyOf(authorizations);
        cases = List.copyOf(cases);
    }

    /** The view of {@code d}. */
    public static SeedAView of(SynthDataset d) {
        List<SeedAPatient> patients = new ArrayList<>();
        Map<String, SynthPatient> byName = new HashMap<>();
        Map<String, String> admins = new HashMap<>();
        d.staff().stream().filter(s -> "hospital".equals(s.role())).forEach(s -> admins.put(s.organization(), s.username()));
        for (SynthPatient p : d.patients()) {
            byName.put(p.username(), p);
            patients.add(new SeedAPatient(p.username(), p.name(), p.address(), p.phone(), p.birthDate().toString(), p.id(),
                    admins.get(p.hospital()), p.registeredAt().toString()));
        }
        Map<String, List<SynthObservation>> observations = d.observations().stream()
                .collect(Collectors.groupingBy(SynthObservation::encounter));
        Map<String, SynthMedication> medications = new HashMap<>();
        d.medications().forEach(m -> medications.put(m.encounter(), m));
        List<Authorization> authorizations = new ArrayList<>();
        Set<String> authorised = new HashSet<>();
        List<SeedACase> cases = new ArrayList<>();
        for (SynthEncounter e : d.encounters()) {
            if (authorised.add(e.patient() + "\n" + e.doctor())) {
                authorizations.add(new Authorization(e.patient(), e.doctor(), e.start().minus(Duration.ofMinutes(1)).toString()));
            }
            List<SynthObservation> results = observations.getOrDefault(e.id(), List.of());
            String testResults = results.isEmpty() ? "No tests recorded"
                    : results.stream().map(SynthObservation::text).collect(Collectors.joining("; "));
            IcdCode reason = e.reason();
            String diagnosis = (e.followUp() ? "Follow-up: " : "") + reason.display() + " (ICD-10-CM " + reason.code() + ")";
            SynthMedication medication = medications.get(e.id());
            String treatment = medication != null ? medication.text() + ", " + medication.dosage()
                    : reason.isDrug() ? "Continue " + reason.medication() : reason.plan();
            Instant time = e.start();
            String retention = RetentionPolicy.retentionUntil(byName.get(e.patient()).birthDate(), time).toString();
            cases.add(new SeedACase(e.id(), e.doctor(), e.patient(), testResults, diagnosis, treatment, time.toString(),
                    retention));
        }
        authorizations.sort((a, b) -> Instant.parse(a.at()).compareTo(Instant.parse(b.at())));
        return new SeedAView(patients, authorizations, cases);
    }

    /**
     * The public state of {@code username} after every registration, authorisation and case of this view,
     * except its {@code id}, which the contract derives from the registering transaction.
     *
     * @throws IllegalArgumentException for an unknown username
     */
    public PatientRecord patientRecord(String username, String id) {
        SeedAPatient p = patients.stream().filter(x -> x.username().equals(username)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown patient " + username));
        List<String> doctors = authorizations.stream().filter(a -> a.patient().equals(username))
                .map(Authorization::doctor).toList();
        List<String> caseIds = cases.stream().filter(c -> c.patient().equals(username)).map(SeedACase::caseId).toList();
        return new PatientRecord(PatientRecord.DOC_TYPE, Objects.requireNonNull(id, "id"), username, p.birthDate(),
                p.piiHash(), doctors, caseIds, p.registeredBy(), p.registeredAt());
    }
}
