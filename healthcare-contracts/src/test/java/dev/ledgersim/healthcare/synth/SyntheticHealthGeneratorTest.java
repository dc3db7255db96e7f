package dev.ledgersim.healthcare.synth;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledgersim.healthcare.consent.AccessRequest;
import dev.ledgersim.healthcare.consent.ConsentDecision;
import dev.ledgersim.healthcare.consent.ConsentEvaluator;
import dev.ledgersim.healthcare.emr.UsageRecord;
import dev.ledgersim.healthcare.fhir.Consent;
import dev.ledgersim.healthcare.purpose.PurposeOfUse;
import dev.ledgersim.healthcare.retention.RetentionPolicy;
import dev.ledgersim.healthcare.util.Args;
import dev.ledgersim.healthcare.util.Roles;
import dev.ledgersim.healthcare.util.Xid;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The generator: determinism, sizes, minors, codes, dates, consents, usage events and the demo preset. */
class SyntheticHealthGeneratorTest {

    private static final SynthConfig CONFIG = SynthConfig.defaults();
    private static final SynthDataset DATA = SyntheticHealthGenerator.generate(CONFIG);
    private static final Instant REFERENCE = CONFIG.referenceDate().atStartOfDay(ZoneOffset.UTC).toInstant();

    // ------------------------------------------------------------------ determinism

    @Test
    void theSameSeedGivesByteIdenticalViews() {
        SynthDataset again = new SyntheticHealthGenerator(SynthConfig.defaults()).generate();
        assertArrayEquals(DATA.fhirBundleJson().getBytes(UTF_8), again.fhirBundleJson().getBytes(UTF_8));
        SortedMap<String, String> a = DATA.syntheaCsv();
        SortedMap<String, String> b = again.syntheaCsv();
        assertEquals(a.keySet(), b.keySet());
        for (String file : a.keySet()) {
            assertArrayEquals(a.get(file).getBytes(UTF_8), b.get(file).getBytes(UTF_8), file);
        }
        assertEquals(DATA.seedA(), again.seedA());
        assertEquals(DATA, again, "the whole dataset is equal");
    }

    @Test
    void aDifferentSeedGivesDifferentData() {
        SynthDataset other = SyntheticHealthGenerator.generate(CONFIG.withSeed(43));
        assertNotEquals(DATA.fhirBundleJson(), other.fhirBundleJson());
        for (String file : DATA.syntheaCsv().keySet()) {
            assertNotEquals(DATA.syntheaCsv().get(file), other.syntheaCsv().get(file), file);
        }
        assertNotEquals(DATA.seedA(), other.seedA());
        assertEquals(CONFIG.patients(), other.patients().size(), "sizes do not depend on the seed");
    }

    @Test
    void aPatientDoesNotDependOnHowManyFollow() {
        SynthDataset fewer = SyntheticHealthGenerator.generate(CONFIG.withPatients(40));
        for (int i = 0; i < 10; i++) {
            SynthPatient big = DATA.patients().get(i);
            SynthPatient small = fewer.patients().get(i);
            // which patients are minors depends on the count; everything drawn before the birth date does not
            assertEquals(big.username(), small.username(), "patient " + i);
            assertEquals(big.phone(), small.phone(), "patient " + i);
            assertEquals(big.address(), small.address(), "patient " + i);
            assertEquals(big.hospital(), small.hospital(), "patient " + i);
            if (big.isMinorOn(CONFIG.referenceDate()) == small.isMinorOn(CONFIG.referenceDate())) {
                assertEquals(big.birthDate(), small.birthDate(), "patient " + i);
                assertEquals(DATA.encountersOf(big.username()).size(), fewer.encountersOf(small.username()).size());
            }
        }
    }

    // ------------------------------------------------------------------ sizes

    @Test
    void sizesAreHonoured() {
        for (SynthConfig config : List.of(CONFIG, CONFIG.withPatients(7).withPractitioners(5).withEncountersPerPatient(2, 2),
                CONFIG.withPatients(30).withEncountersPerPatient(0, 6))) {
            SynthDataset d = SyntheticHealthGenerator.generate(config);
            assertEquals(config.patients(), d.patients().size());
            assertEquals(config.practitioners(), d.practitioners().size());
            Map<String, Long> perPatient = d.encounters().stream()
                    .collect(Collectors.groupingBy(SynthEncounter::patient, Collectors.counting()));
            for (SynthPatient p : d.patients()) {
                long n = perPatient.getOrDefault(p.username(), 0L);
                assertTrue(n >= config.minEncountersPerPatient() && n <= config.maxEncountersPerPatient(),
                        p.username() + " has " + n + " encounters");
            }
            assertEquals(d.encounters().size(), d.conditions().size()
                    + d.encounters().stream().filter(SynthEncounter::followUp).count(), "a condition per new diagnosis");
        }
        SynthDataset exact = SyntheticHealthGenerator.generate(CONFIG.withPatients(7).withEncountersPerPatient(2, 2));
        assertEquals(14, exact.encounters().size());
    }

    @Test
    void theNetworkHasEveryOrganisationAndRole() {
        assertEquals(List.of("hospital-a", "hospital-b", "laboratory", "research-institute", "regulator", "public-health",
                "pharma", "cloud"), DATA.organizations().stream().map(SynthOrganization::id).toList());
        assertEquals(Set.of("hospital", "laboratory", "research", "regulator", "public-health", "pharma", "cloud"),
                DATA.organizations().stream().map(SynthOrganization::kind).collect(Collectors.toSet()));
        for (String hospital : List.of("hospital-a", "hospital-b")) {
            assertTrue(DATA.practitioners().stream().anyMatch(p -> p.role().equals(Roles.DOCTOR)
                    && p.organization().equals(hospital)), "a doctor in " + hospital);
        }
        assertTrue(DATA.practitioners().stream().anyMatch(p -> p.role().equals(Roles.NURSE)));
        for (String role : List.of(Roles.HOSPITAL, Roles.LABTECH, Roles.RESEARCHER, Roles.REGULATOR, Roles.CLOUD)) {
            assertFalse(DATA.withRole(role).isEmpty(), role);
        }
        Set<String> usernames = new HashSet<>();
        DATA.practitioners().forEach(p -> assertTrue(usernames.add(p.username()), p.username()));
        DATA.staff().forEach(p -> assertTrue(usernames.add(p.username()), p.username()));
        DATA.patients().forEach(p -> assertTrue(usernames.add(p.username()), p.username()));
        for (String u : usernames) {
            assertTrue(Args.USERNAME.matcher(u).matches(), u + " is a username");
            assertTrue(u.matches("[A-Za-z0-9\\-.]{1,64}"), u + " is a FHIR id");
        }
        for (SynthPractitioner p : DATA.practitioners()) {
            assertEquals(DATA.organization(p.organization()).orElseThrow().mspId(), p.mspId());
            assertTrue(ClinicalCodes.departments().contains(p.department()), p.department());
        }
    }

    // ------------------------------------------------------------------ patients, minors, dates

    @Test
    void minorsArePresentInTheConfiguredShare() {
        long minors = DATA.patients().stream().filter(p -> p.isMinorOn(CONFIG.referenceDate())).count();
        assertEquals(CONFIG.minors(), minors);
        assertTrue(minors > 0);
        // their cases fall under the age-25 rule: retention runs to the 25th birthday, beyond entry + 7 years
        Map<String, SynthPatient> byName = byName(DATA);
        long ruled = DATA.seedA().cases().stream().filter(c -> {
            LocalDate birth = byName.get(c.patient()).birthDate();
            LocalDate entry = RetentionPolicy.day(Instant.parse(c.time()));
            return RetentionPolicy.isMinorOn(birth, entry)
                    && LocalDate.parse(c.retentionUntil()).equals(RetentionPolicy.anniversary(birth, 25))
                    && LocalDate.parse(c.retentionUntil()).isAfter(entry.plusYears(7));
        }).count();
        assertTrue(ruled > 0, "some cases are kept until the patient's 25th birthday");
        assertEquals(0, SyntheticHealthGenerator.generate(CONFIG.withMinorShare(0)).patients().stream()
                .filter(p -> p.isMinorOn(CONFIG.referenceDate())).count());
    }

    @Test
    void patientsArePlausible() {
        for (SynthPatient p : DATA.patients()) {
            long age = p.ageOn(CONFIG.referenceDate());
            assertTrue(age >= 0 && age <= 90, p.username() + " aged " + age);
            assertTrue(p.gender().equals("male") || p.gender().equals("female"));
            assertTrue(Xid.looksLikeXid(p.id()), p.id());
            assertTrue(p.phone().matches("\\+61 [2378] 5550 [0-9]{4}"), p.phone());
            assertTrue(p.address().contains(p.city()) && p.address().endsWith(p.postcode()), p.address());
            assertTrue(p.hospital().equals("hospital-a") || p.hospital().equals("hospital-b"));
            assertTrue(p.registeredAt().isAfter(p.birthDate().atStartOfDay(ZoneOffset.UTC).toInstant()));
            assertTrue(p.registeredAt().isBefore(REFERENCE));
            assertEquals(Xid.of(p.registeredAt(), "0000000000000000").substring(0, 6), p.id().substring(0, 6),
                    "the xid's time is the registration time");
        }
    }

    @Test
    void datesArePlausible() {
        Map<String, SynthPatient> byName = byName(DATA);
        Map<String, SynthEncounter> encounters = new HashMap<>();
        Instant previous = Instant.MIN;
        for (SynthEncounter e : DATA.encounters()) {
            encounters.put(e.id(), e);
            SynthPatient p = byName.get(e.patient());
            assertTrue(e.start().isAfter(p.birthDate().atStartOfDay(ZoneOffset.UTC).toInstant()), e.id() + " after birth");
            assertTrue(e.start().isAfter(p.registeredAt()), e.id() + " after registration");
            assertTrue(e.start().isBefore(e.end()), e.id());
            assertTrue(e.end().isBefore(REFERENCE), e.id() + " ends before the reference date: " + e.end());
            assertTrue(!e.start().isBefore(REFERENCE.atZone(ZoneOffset.UTC).minusYears(CONFIG.historyYears()).toInstant()),
                    e.id() + " within the history window");
            assertFalse(e.start().isBefore(previous), "encounters in time order");
            previous = e.start();
            assertTrue(e.reason().fits(ChronoAge.years(p.birthDate(), e.start()), RetentionPolicy.day(e.start())),
                    e.id() + " " + e.reason().code());
            if (e.reason().code().equals("U07.1")) {
                assertFalse(e.start().isBefore(Instant.parse("2020-03-01T00:00:00Z")), "no COVID-19 before 2020: " + e.id());
            }
            if (!e.followUp() && RetentionPolicy.isMinorOn(p.birthDate(), RetentionPolicy.day(e.start()))
                    && !e.department().equals(ClinicalCodes.EMERGENCY) && !e.department().equals(ClinicalCodes.SURGERY)) {
                assertEquals(ClinicalCodes.PAEDIATRICS, e.department(), e.id() + " a minor outside emergency");
            }
        }
        for (int i = 0; i < DATA.encounters().size(); i++) {
            assertEquals("case" + (10001 + i), DATA.encounters().get(i).id());
        }
        for (SynthCondition c : DATA.conditions()) {
            SynthEncounter e = encounters.get(c.encounter());
            assertEquals(e.patient(), c.patient());
            assertEquals(RetentionPolicy.day(e.start()), c.onset());
            assertTrue(c.abatement() == null || c.abatement().isBefore(CONFIG.referenceDate()));
            assertTrue(c.abatement() == null || !c.code().chronic(), "chronic diagnoses do not resolve");
        }
        for (SynthObservation o : DATA.observations()) {
            SynthEncounter e = encounters.get(o.encounter());
            assertEquals(e.patient(), o.patient());
            assertFalse(o.effective().isBefore(e.start()), o.id());
            assertTrue(o.effective().isBefore(REFERENCE), o.id());
        }
        for (SynthMedication m : DATA.medications()) {
            SynthEncounter e = encounters.get(m.encounter());
            assertEquals(e.start(), m.authoredOn());
            assertEquals(e.doctor(), m.prescriber());
            assertTrue(m.stop() == null || (m.stop().isAfter(m.authoredOn()) && m.stop().isBefore(REFERENCE)), m.id());
            if (m.stop() != null) {
                assertEquals(m.reason().courseDays(), java.time.Duration.between(m.authoredOn(), m.stop()).toDays(), m.id());
            }
            if (m.reason().chronic()) {
                assertEquals(null, m.stop(), "chronic courses do not stop: " + m.id());
            }
        }
    }

    /** Whole years of age at an instant. */
    private static final class ChronoAge {
        static long years(LocalDate birth, Instant at) {
            return java.time.temporal.ChronoUnit.YEARS.between(birth, RetentionPolicy.day(at));
        }
    }

    // ------------------------------------------------------------------ codes and values

    @Test
    void codesComeOnlyFromTheEmbeddedLists() {
        Set<String> icd = ClinicalCodes.icd10cm().stream().map(IcdCode::code).collect(Collectors.toSet());
        Set<String> loinc = ClinicalCodes.loinc().stream().map(LoincCode::code).collect(Collectors.toSet());
        DATA.encounters().forEach(e -> assertTrue(icd.contains(e.reason().code())));
        DATA.conditions().forEach(c -> assertTrue(icd.contains(c.code().code())));
        Set<String> seen = new HashSet<>();
        for (SynthObservation o : DATA.observations()) {
            assertTrue(loinc.contains(o.code().code()), o.code().code());
            assertEquals(ClinicalCodes.loinc(o.code().code()).orElseThrow(), o.code(), "the embedded entry, unit included");
            assertTrue(o.code().isPlausible(o.value()), o.id() + " " + o.text());
            seen.add(o.code().code());
        }
        assertTrue(seen.containsAll(List.of("2345-7", "4548-4", "8480-6", "8462-4", "8867-4", "39156-5")), seen.toString());
        for (SynthMedication m : DATA.medications()) {
            assertTrue(ClinicalCodes.medications().contains(m.text()), m.text());
            assertTrue(m.reason().isDrug());
        }
        assertTrue(DATA.conditions().stream().map(c -> c.code().code()).distinct().count() >= 20, "a variety of diagnoses");
    }

    @Test
    void valuesFollowTheDiagnosisAndTheBody() {
        Map<String, Map<String, SynthObservation>> byEncounter = new HashMap<>();
        DATA.observations().forEach(o -> byEncounter.computeIfAbsent(o.encounter(), k -> new HashMap<>()).put(o.code().code(), o));
        int diabetic = 0;
        int high = 0;
        for (SynthEncounter e : DATA.encounters()) {
            Map<String, SynthObservation> obs = byEncounter.getOrDefault(e.id(), Map.of());
            SynthObservation systolic = obs.get(ClinicalCodes.SYSTOLIC_BP);
            SynthObservation diastolic = obs.get(ClinicalCodes.DIASTOLIC_BP);
            assertEquals(systolic == null, diastolic == null, "blood pressure comes in pairs");
            if (systolic != null) {
                assertTrue(diastolic.value().intValue() <= systolic.value().intValue() - 20, e.id());
            }
            SynthObservation height = obs.get(ClinicalCodes.BODY_HEIGHT);
            SynthObservation weight = obs.get(ClinicalCodes.BODY_WEIGHT);
            SynthObservation bmi = obs.get(ClinicalCodes.BMI);
            if (bmi != null) {
                double metres = height.value().doubleValue() / 100;
                assertEquals(weight.value().doubleValue() / (metres * metres), bmi.value().doubleValue(), 0.06, e.id());
            }
            if (e.reason().code().startsWith("E11") && obs.containsKey(ClinicalCodes.HBA1C)) {
                diabetic++;
                if (obs.get(ClinicalCodes.HBA1C).value().doubleValue() >= 6.5) {
                    high++;
                }
            }
        }
        assertTrue(diabetic > 0);
        assertTrue(high * 2 > diabetic, "most type 2 diabetics have an HbA1c of 6.5 % or more: " + high + "/" + diabetic);
    }

    // ------------------------------------------------------------------ consents

    @Test
    void consentsPermitTheTreatingDoctorsOnly() {
        Map<String, List<Consent>> byPatient = DATA.consents().stream()
                .collect(Collectors.groupingBy(c -> c.patient().targetId().orElseThrow()));
        assertEquals(CONFIG.patients(), DATA.consents().stream().filter(c -> c.id().startsWith("treatment-")).count());
        long research = DATA.consents().stream().filter(c -> c.id().startsWith("research-")).count();
        assertTrue(research > 0 && research < CONFIG.patients(), "some research consents: " + research);
        List<String> doctors = DATA.practitioners().stream().filter(p -> p.role().equals(Roles.DOCTOR))
                .map(SynthPractitioner::username).toList();
        for (SynthPatient p : DATA.patients()) {
            List<Consent> consents = byPatient.get(p.username());
            Set<String> treating = DATA.encountersOf(p.username()).stream().map(SynthEncounter::doctor)
                    .collect(Collectors.toSet());
            for (Consent c : consents) {
                assertTrue(ConsentEvaluator.unsupportedElements(c.provision(), "provision").isEmpty(), c.id());
                assertFalse(Instant.parse(c.dateTime()).isAfter(REFERENCE), c.id());
            }
            for (String doctor : doctors) {
                ConsentDecision d = ConsentEvaluator.evaluate(consents, new AccessRequest(p.username(), doctor, Roles.DOCTOR,
                        PurposeOfUse.TREAT, "access", "Patient", REFERENCE));
                assertEquals(treating.contains(doctor) ? "permit" : "deny", d.decision(), p.username() + " / " + doctor);
            }
            ConsentDecision marketing = ConsentEvaluator.evaluate(consents, new AccessRequest(p.username(),
                    doctors.get(0), Roles.DOCTOR, PurposeOfUse.HMARKT, "access", "Patient", REFERENCE));
            assertEquals("deny", marketing.decision());
            boolean researchConsent = consents.stream().anyMatch(c -> c.id().startsWith("research-"));
            Instant during = p.registeredAt().plus(java.time.Duration.ofDays(30));
            ConsentDecision researcher = ConsentEvaluator.evaluate(consents, new AccessRequest(p.username(), "res.x",
                    Roles.RESEARCHER, PurposeOfUse.DSRCH, "use", "Observation", during));
            assertEquals(researchConsent ? "permit" : "deny", researcher.decision(), p.username());
        }
    }

    // ------------------------------------------------------------------ usage events

    @Test
    void usageEventsAreOrderedNumberedAndConsistent() {
        List<UsageEvent> events = DATA.usageEvents();
        Set<String> patients = byName(DATA).keySet();
        Instant previous = Instant.MIN;
        Set<String> txIds = new HashSet<>();
        for (int i = 0; i < events.size(); i++) {
            UsageEvent u = events.get(i);
            assertEquals("record" + (10001 + i), u.recordId());
            assertFalse(u.time().isBefore(previous), u.recordId());
            assertTrue(u.time().isBefore(REFERENCE), u.recordId());
            previous = u.time();
            assertTrue(PurposeOfUse.isKnown(u.purpose()), u.purpose());
            assertTrue(u.patient().isEmpty() || patients.contains(u.patient()), u.patient());
            assertTrue(u.txId().matches("[0-9a-f]{64}") && txIds.add(u.txId()), u.txId());
            assertTrue(Roles.ALL.contains(u.role()), u.role());
            UsageRecord record = u.toUsageRecord();
            assertEquals(u.time().toString(), record.time());
            assertEquals(UsageRecord.DOC_TYPE, record.docType());
        }
        assertEquals(CONFIG.patients(), events.stream().filter(u -> u.operation().equals(UsageEvent.ADD)).count());
        assertEquals(DATA.encounters().size(), events.stream().filter(u -> u.operation().equals(UsageEvent.APPEND)).count());
        assertTrue(events.stream().anyMatch(u -> !u.granted()), "some denials");
        assertTrue(events.stream().anyMatch(u -> u.role().equals(Roles.RESEARCHER) && u.target().startsWith("keywords:")));
        assertTrue(events.stream().anyMatch(u -> u.role().equals(Roles.REGULATOR)));
        for (UsageEvent u : events) {
            if (!u.granted()) {
                Set<String> treating = DATA.encountersOf(u.patient()).stream().map(SynthEncounter::doctor)
                        .collect(Collectors.toSet());
                assertFalse(treating.contains(u.username()), "a denied doctor does not treat the patient");
            }
        }
    }

    // ------------------------------------------------------------------ demo

    @Test
    void theDemoPresetHasTwoHospitalsAResearcherARegulatorAndDiabetesCases() {
        SynthDataset demo = SyntheticHealthGenerator.demo();
        assertEquals(demo, SyntheticHealthGenerator.generate(SynthConfig.demo()), "deterministic");
        assertEquals(5, demo.patients().size());
        assertEquals(Set.of("hospital-a", "hospital-b"), demo.withRole(Roles.DOCTOR).stream()
                .map(SynthPractitioner::organization).collect(Collectors.toSet()));
        assertEquals(1, demo.withRole(Roles.REGULATOR).size());
        assertTrue(demo.withRole(Roles.RESEARCHER).stream().anyMatch(r -> r.organization().equals("research-institute")));
        assertEquals(1, demo.patients().stream().filter(p -> p.isMinorOn(SynthConfig.demo().referenceDate())).count());
        List<SeedAView.SeedACase> cases = demo.seedA().cases();
        long diabetes = cases.stream().filter(c -> c.diagnosis().toLowerCase(java.util.Locale.ROOT).contains("diabetes"))
                .count();
        assertTrue(diabetes >= 3, "diabetes cases: " + diabetes);
        assertTrue(diabetes < cases.size(), "and other cases for contrast");
        for (SynthPatient p : demo.patients()) {
            SynthEncounter first = demo.encountersOf(p.username()).get(0);
            long age = ChronoAge.years(p.birthDate(), first.start());
            boolean eligible = ClinicalCodes.matching("diabetes").stream().anyMatch(c -> c.fitsAge(age));
            assertEquals(eligible, first.reason().display().toLowerCase(java.util.Locale.ROOT).contains("diabetes"),
                    p.username() + "'s first encounter is about diabetes when one fits the age");
        }
    }

    private static Map<String, SynthPatient> byName(SynthDataset d) {
        Map<String, SynthPatient> out = new HashMap<>();
        d.patients().forEach(p -> out.put(p.username(), p));
        return out;
    }
}
