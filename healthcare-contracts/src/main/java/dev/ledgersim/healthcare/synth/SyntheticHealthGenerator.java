package dev.ledgersim.healthcare.synth;

import dev.ledgersim.healthcare.emr.UsageRecord;
import dev.ledgersim.healthcare.fhir.CodeableConcept;
import dev.ledgersim.healthcare.fhir.Coding;
import dev.ledgersim.healthcare.fhir.Consent;
import dev.ledgersim.healthcare.fhir.Fhir;
import dev.ledgersim.healthcare.fhir.Period;
import dev.ledgersim.healthcare.fhir.Reference;
import dev.ledgersim.healthcare.purpose.PurposeOfUse;
import dev.ledgersim.healthcare.retention.RetentionPolicy;
import dev.ledgersim.healthcare.util.Hashing;
import dev.ledgersim.healthcare.util.Roles;
import dev.ledgersim.healthcare.util.Xid;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.ToIntFunction;

/**
 * The seeded synthetic healthcare data generator of HEALTHCARE.md §7. From a {@link SynthConfig} it draws
 * the organisations of the network, clinicians and staff, patients (the configured share of them minors,
 * so that the age-25 retention rule is exercised), their encounters with a department and a doctor,
 * ICD-10-CM diagnoses, LOINC observations with UCUM units and plausible values, drug prescriptions,
 * FHIR Consents with PurposeOfUse provisions and usage events.
 *
 * <h2>Determinism</h2>
 * All randomness comes from one {@link SplittableRandom} seeded with {@link SynthConfig#seed()}, split in
 * a fixed order (staff, clinicians, minors, one split per patient, consents, usage), so a patient's data
 * does not depend on how many draws another patient needed. There is no wall clock (the reference date is
 * part of the config), no hash-ordered iteration and no floating-point value in the output: the same
 * config gives byte-identical views, a different seed different ones.
 *
 * <h2>Plausibility</h2>
 * Birth dates precede encounters; every encounter, observation, prescription and usage event lies before
 * the reference date; diagnoses fit the patient's age; minors are seen in paediatrics (unless in emergency
 * or surgery); vital signs and body measures follow the patient's age; tests a diagnosis usually makes
 * abnormal are mostly abnormal. Instances are immutable and thread-safe; {@link #generate()} may be called
 * repeatedly and gives equal results.
 */
public final class SyntheticHealthGenerator {

    /** The id of hospital A (MSP {@code Org1MSP}). */
    public static final String HOSPITAL_A = "hospital-a";
    /** The id of hospital B (MSP {@code Org2MSP}). */
    public static final String HOSPITAL_B = "hospital-b";
    /** The id of the laboratory. */
    public static final String LABORATORY = "laboratory";
    /** The id of the research institute (MSP {@code Org3MSP}). */
    public static final String RESEARCH_INSTITUTE = "research-institute";
    /** The id of the regulator. */
    public static final String REGULATOR = "regulator";
    /** The id of the public-health centre. */
    public static final String PUBLIC_HEALTH = "public-health";
    /** The id of the pharmaceutical company. */
    public static final String PHARMA = "pharma";
    /** The id of the cloud provider. */
    public static final String CLOUD = "cloud";
    /** The first case number, as in {@code emrcc}: {@code case10001}. */
    public static final long FIRST_CASE = 10001;
    /** The first usage record number: {@code record10001}. */
    public static final long FIRST_RECORD = 10001;

    private static final List<String> QUERY_KEYWORDS = List.of("diabetes", "asthma", "hypertension", "pneumonia",
            "fracture", "depressive");

    private final SynthConfig config;

    /** A generator of {@code config}. */
    public SyntheticHealthGenerator(SynthConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** The config. */
    public SynthConfig config() {
        return config;
    }

    /** Generates the dataset of {@code config}. */
    public static SynthDataset generate(SynthConfig config) {
        return new SyntheticHealthGenerator(config).generate();
    }

    /** The dataset of the CLI demo ({@link SynthConfig#demo()}). */
    public static SynthDataset demo() {
        return generate(SynthConfig.demo());
    }

    /** Generates the dataset (the same every time). */
    public SynthDataset generate() {
        return new Run(config).run();
    }

    /** The organisations of the synthetic network, in a fixed order. */
    public static List<SynthOrganization> organizations() {
        return List.of(
                new SynthOrganization(HOSPITAL_A, "Hospital A", SynthOrganization.KIND_HOSPITAL, "Org1MSP", "Adelaide", "SA"),
                new SynthOrganization(HOSPITAL_B, "Hospital B", SynthOrganization.KIND_HOSPITAL, "Org2MSP", "Adelaide", "SA"),
                new SynthOrganization(LABORATORY, "Pathology Laboratory", SynthOrganization.KIND_LABORATORY, "LabMSP",
                        "Adelaide", "SA"),
                new SynthOrganization(RESEARCH_INSTITUTE, "Research Institute", SynthOrganization.KIND_RESEARCH, "Org3MSP",
                        "Adelaide", "SA"),
                new SynthOrganization(REGULATOR, "Health Regulator", SynthOrganization.KIND_REGULATOR, "RegulatorMSP",
                        "Canberra", "ACT"),
                new SynthOrganization(PUBLIC_HEALTH, "Public Health Centre", SynthOrganization.KIND_PUBLIC_HEALTH,
                        "PublicHealthMSP", "Adelaide", "SA"),
                new SynthOrganization(PHARMA, "Pharma Company", SynthOrganization.KIND_PHARMA, "PharmaMSP", "Melbourne", "VIC"),
                new SynthOrganization(CLOUD, "Cloud Storage Provider", SynthOrganization.KIND_CLOUD, "CloudMSP", "Sydney",
                        "NSW"));
    }

    // ====================================================================== one run

    /** An encounter before case ids are assigned. */
    private record Plan(SynthPatientDraft patient, int ordinal, IcdCode reason, boolean followUp, Instant start,
                        Instant end, String department, String encounterClass, String hospital, String doctor,
                        SplittableRandom random) {
    }

    /** A patient before registration is known. */
    private record SynthPatientDraft(String username, String gender, LocalDate birthDate, int heightPermille,
                                     int bmiPermille) {
    }

    /** A usage event before its record id is assigned. */
    private record EventDraft(Instant time, String operation, String role, String username, String mspId, String patient,
                              String target, String purpose, String outcome, String reason) {
    }

    /** The state of one generation. Not thread-safe; used once. */
    private static final class Run {

        private final SynthConfig config;
        private final LocalDate reference;
        private final Instant referenceInstant;
        private final Map<String, SynthOrganization> orgs = new LinkedHashMap<>();
        private final Set<String> usernames = new HashSet<>();
        private final List<SynthPractitioner> clinicians = new ArrayList<>();
        private final List<SynthPractitioner> staff = new ArrayList<>();
        private final List<SynthPatient> patients = new ArrayList<>();
        private final List<Plan> plans = new ArrayList<>();
        private final List<SynthPractitioner> doctors = new ArrayList<>();
        private final Map<String, List<SynthPractitioner>> doctorsByHospital = new HashMap<>();
        private final Map<String, List<SynthPractitioner>> doctorsByDepartment = new HashMap<>();
        private final Map<String, SynthPractitioner> clinicianByName = new HashMap<>();

        Run(SynthConfig config) {
            this.config = config;
            this.reference = config.referenceDate();
            this.referenceInstant = reference.atStartOfDay(ZoneOffset.UTC).toInstant();
            organizations().forEach(o -> orgs.put(o.id(), o));
        }

        SynthDataset run() {
            SplittableRandom root = new SplittableRandom(config.seed());
            SplittableRandom staffRandom = root.split();
            SplittableRandom clinicianRandom = root.split();
            SplittableRandom minorRandom = root.split();
            SplittableRandom patientRandom = root.split();
            SplittableRandom consentRandom = root.split();
            SplittableRandom usageRandom = root.split();

            staff(staffRandom);
            clinicians(clinicianRandom);
            boolean[] minors = minors(minorRandom);
            for (int i = 0; i < config.patients(); i++) {
                patient(patientRandom.split(), minors[i]);
            }
            plans.sort(Comparator.comparing(Plan::start).thenComparing(p -> p.patient().username())
                    .thenComparingInt(Plan::ordinal));

            List<SynthEncounter> encounters = new ArrayList<>();
            List<SynthCondition> conditions = new ArrayList<>();
            List<SynthObservation> observations = new ArrayList<>();
            List<SynthMedication> medications = new ArrayList<>();
            for (int i = 0; i < plans.size(); i++) {
                details(plans.get(i), "case" + (FIRST_CASE + i), encounters, conditions, observations, medications);
            }
            Map<String, List<SynthEncounter>> byPatient = new HashMap<>();
            encounters.forEach(e -> byPatient.computeIfAbsent(e.patient(), p -> new ArrayList<>()).add(e));
            List<Consent> consents = consents(consentRandom, byPatient);
            List<UsageEvent> usage = usage(usageRandom, encounters, byPatient);
            return new SynthDataset(config, List.copyOf(orgs.values()), clinicians, staff, patients, encounters,
                    conditions, observations, medications, consents, usage);
        }

        // ------------------------------------------------------------------ people

        private void staff(SplittableRandom r) {
            staff.add(person(r, "admin." + HOSPITAL_A, true, Roles.HOSPITAL, "Patient administration", HOSPITAL_A));
            staff.add(person(r, "admin." + HOSPITAL_B, true, Roles.HOSPITAL, "Patient administration", HOSPITAL_B));
            staff.add(person(r, "lab.", false, Roles.LABTECH, "Pathology", LABORATORY));
            staff.add(person(r, "res.", false, Roles.RESEARCHER, "Clinical research", RESEARCH_INSTITUTE));
            staff.add(person(r, "reg.", false, Roles.REGULATOR, "Health compliance", REGULATOR));
            staff.add(person(r, "ph.", false, Roles.RESEARCHER, "Epidemiology", PUBLIC_HEALTH));
            staff.add(person(r, "pharma.", false, Roles.RESEARCHER, "Drug safety research", PHARMA));
            staff.add(person(r, "cloud.", false, Roles.CLOUD, "Storage operations", CLOUD));
        }

        private void clinicians(SplittableRandom r) {
            List<String> departments = ClinicalCodes.departments();
            for (int i = 0; i < config.practitioners(); i++) {
                boolean nurse = i % 4 == 3;
                String hospital = i % 2 == 0 ? HOSPITAL_A : HOSPITAL_B;
                String department = departments.get((i / 2) % departments.size());
                SynthPractitioner p = person(r, nurse ? "rn." : "dr.", false, nurse ? Roles.NURSE : Roles.DOCTOR,
                        department, hospital);
                clinicians.add(p);
                clinicianByName.put(p.username(), p);
                if (!nurse) {
                    doctors.add(p);
                    doctorsByHospital.computeIfAbsent(hospital, h -> new ArrayList<>()).add(p);
                    doctorsByDepartment.computeIfAbsent(hospital + "/" + department, h -> new ArrayList<>()).add(p);
                }
            }
        }

        /** A person; the username is {@code prefix} itself when {@code fixed}, else prefix + family name. */
        private SynthPractitioner person(SplittableRandom r, String prefix, boolean fixed, String role, String department,
                                         String organization) {
            String gender = r.nextBoolean() ? "female" : "male";
            String given = pick(r, "female".equals(gender) ? Demographics.FEMALE : Demographics.MALE);
            String family = pick(r, Demographics.FAMILY);
            String username = fixed ? claim(prefix) : unique(prefix + lower(family));
            return new SynthPractitioner(username, given, family, gender, role, department, organization,
                    orgs.get(organization).mspId());
        }

        private boolean[] minors(SplittableRandom r) {
            int n = config.patients();
            int[] order = new int[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            for (int i = n - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            boolean[] minor = new boolean[n];
            for (int i = 0; i < config.minors(); i++) {
                minor[order[i]] = true;
            }
            return minor;
        }

        private void patient(SplittableRandom r, boolean minor) {
            String gender = r.nextBoolean() ? "female" : "male";
            String given = pick(r, "female".equals(gender) ? Demographics.FEMALE : Demographics.MALE);
            String family = pick(r, Demographics.FAMILY);
            String username = unique(lower(given) + "." + lower(family));
            Demographics.Place place = weighted(r, Demographics.PLACES, Demographics.Place::weight);
            String street = (1 + r.nextInt(199)) + " " + pick(r, Demographics.STREETS) + " " + pick(r, Demographics.STREET_TYPES);
            String phone = String.format(Locale.ROOT, "+61 %s 5550 %04d", place.areaCode(), r.nextInt(10_000));
            String hospital = r.nextBoolean() ? HOSPITAL_A : HOSPITAL_B;
            int heightPermille = 940 + r.nextInt(121);
            int bmiPermille = r.nextInt(1001);
            LocalDate birth = minor
                    ? day(r, reference.minusYears(RetentionPolicy.ADULT_AGE).plusDays(2), reference.minusDays(60))
                    : day(r, reference.minusYears(90), reference.minusYears(RetentionPolicy.ADULT_AGE).minusDays(1));
            SynthPatientDraft draft = new SynthPatientDraft(username, gender, birth, heightPermille, bmiPermille);

            List<Plan> own = encounters(r, draft, hospital);
            LocalDate from = max(birth.plusDays(1), reference.minusYears(config.historyYears()));
            Instant registered;
            if (own.isEmpty()) {
                registered = day(r, from, reference.minusDays(7)).atStartOfDay(ZoneOffset.UTC).toInstant()
                        .plus(Duration.ofMinutes(8 * 60 + r.nextInt(9 * 60)));
            } else {
                Instant first = own.get(0).start();
                Instant earliest = birth.atStartOfDay(ZoneOffset.UTC).toInstant().plus(Duration.ofHours(2));
                registered = max(first.minus(Duration.ofMinutes(60 + r.nextInt(30 * 24 * 60))), earliest);
            }
            String xid = Xid.of(registered, HexFormat.of().toHexDigits(r.nextLong()));
            patients.add(new SynthPatient(xid, username, given, family, gender, birth, street, place.city(), place.state(),
                    place.postcode(), phone, hospital, registered));
            plans.addAll(own);
        }

        private List<Plan> encounters(SplittableRandom r, SynthPatientDraft patient, String hospital) {
            int count = config.minEncountersPerPatient()
                    + r.nextInt(config.maxEncountersPerPatient() - config.minEncountersPerPatient() + 1);
            LocalDate from = max(patient.birthDate().plusDays(1), reference.minusYears(config.historyYears()));
            LocalDate to = reference.minusDays(7);
            List<LocalDate> days = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                days.add(day(r, from, to));
            }
            days.sort(null);
            List<IcdCode> chronic = new ArrayList<>();
            List<Plan> out = new ArrayList<>();
            for (int k = 0; k < days.size(); k++) {
                LocalDate day = days.get(k);
                long age = ChronoUnit.YEARS.between(patient.birthDate(), day);
                boolean minorThen = RetentionPolicy.isMinorOn(patient.birthDate(), day);
                IcdCode reason = null;
                boolean followUp = false;
                if (k == 0 && !config.focusKeyword().isEmpty()) {
                    List<IcdCode> focus = ClinicalCodes.matching(config.focusKeyword()).stream()
                            .filter(c -> c.fits(age, day)).toList();
                    reason = focus.isEmpty() ? null : weighted(r, focus, IcdCode::weight);
                }
                List<IcdCode> ongoing = chronic.stream().filter(c -> c.fits(age, day)).toList();
                if (reason == null && !ongoing.isEmpty() && r.nextInt(100) < 40) {
                    reason = ongoing.get(r.nextInt(ongoing.size()));
                    followUp = true;
                }
                if (reason == null) {
                    List<IcdCode> fitting = ClinicalCodes.icd10cm().stream().filter(c -> c.fits(age, day)).toList();
                    reason = weighted(r, fitting, IcdCode::weight);
                }
                if (!followUp && reason.chronic() && !chronic.contains(reason)) {
                    chronic.add(reason);
                }
                String encounterClass = followUp ? "AMB" : reason.encounterClass();
                String department = "EMER".equals(encounterClass) ? ClinicalCodes.EMERGENCY : reason.department();
                if (minorThen && !ClinicalCodes.EMERGENCY.equals(department) && !ClinicalCodes.SURGERY.equals(department)) {
                    department = ClinicalCodes.PAEDIATRICS;
                }
                String where = r.nextInt(10) == 0 ? other(hospital) : hospital;
                String doctor = doctor(r, where, department);
                int minuteOfDay = switch (encounterClass) {
                    case "EMER" -> r.nextInt(24 * 60);
                    case "IMP" -> 7 * 60 + r.nextInt(12 * 60);
                    default -> 8 * 60 + r.nextInt(9 * 60);
                };
                Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant().plus(Duration.ofMinutes(minuteOfDay));
                long minutes = switch (encounterClass) {
                    case "EMER" -> 60 + r.nextInt(5 * 60);
                    case "IMP" -> (1 + r.nextInt(6)) * 24L * 60 + r.nextInt(4 * 60);
                    default -> 15 + r.nextInt(46);
                };
                out.add(new Plan(patient, k, reason, followUp, start, start.plus(Duration.ofMinutes(minutes)), department,
                        encounterClass, where, doctor, r.split()));
            }
            return out;
        }

        private String doctor(SplittableRandom r, String hospital, String department) {
            List<SynthPractitioner> pool = doctorsByDepartment.getOrDefault(hospital + "/" + department,
                    doctorsByHospital.getOrDefault(hospital, doctors));
            return pick(r, pool).username();
        }

        // ------------------------------------------------------------------ clinical details

        private void details(Plan plan, String caseId, List<SynthEncounter> encounters, List<SynthCondition> conditions,
                             List<SynthObservation> observations, List<SynthMedication> medications) {
            SplittableRandom r = plan.random();
            String patient = plan.patient().username();
            IcdCode reason = plan.reason();
            encounters.add(new SynthEncounter(caseId, patient, plan.doctor(), plan.hospital(), plan.department(),
                    plan.encounterClass(), plan.start(), plan.end(), reason, plan.followUp()));
            LocalDate day = RetentionPolicy.day(plan.start());
            if (!plan.followUp()) {
                LocalDate abatement = null;
                if (!reason.chronic()) {
                    LocalDate resolved = day.plusDays(5 + r.nextInt(17));
                    abatement = resolved.isBefore(reference) ? resolved : null;
                }
                conditions.add(new SynthCondition(caseId + "-condition", patient, caseId, reason, day, abatement,
                        plan.doctor(), plan.start()));
            }
            observations(plan, caseId, day, observations);
            if (reason.isDrug() && (!plan.followUp() || r.nextInt(100) < 60)) {
                Instant stop = null;
                if (reason.courseDays() > 0) {
                    Instant end = plan.start().plus(Duration.ofDays(reason.courseDays()));
                    stop = end.isBefore(referenceInstant) ? end : null;
                }
                medications.add(new SynthMedication(caseId + "-medication", patient, caseId, plan.doctor(), reason,
                        plan.start(), stop));
            }
        }

        private void observations(Plan plan, String caseId, LocalDate day, List<SynthObservation> out) {
            SplittableRandom r = plan.random();
            SynthPatientDraft patient = plan.patient();
            long age = ChronoUnit.YEARS.between(patient.birthDate(), day);
            IcdCode reason = plan.reason();
            Set<String> vitals = new LinkedHashSet<>(List.of(ClinicalCodes.HEART_RATE, ClinicalCodes.BODY_TEMPERATURE));
            if (age >= 3) {
                vitals.add(ClinicalCodes.SYSTOLIC_BP);
                vitals.add(ClinicalCodes.DIASTOLIC_BP);
            }
            if (!"AMB".equals(plan.encounterClass())) {
                vitals.add(ClinicalCodes.RESPIRATORY_RATE);
                vitals.add(ClinicalCodes.OXYGEN_SATURATION);
            }
            boolean measure = r.nextBoolean();
            Set<String> labs = new LinkedHashSet<>(reason.tests());
            if ("IMP".equals(plan.encounterClass())) {
                labs.addAll(List.of(ClinicalCodes.HEMOGLOBIN, ClinicalCodes.LEUKOCYTES, ClinicalCodes.PLATELETS,
                        ClinicalCodes.SODIUM, ClinicalCodes.POTASSIUM, ClinicalCodes.CREATININE));
            }
            for (String code : reason.abnormal()) {
                if (ClinicalCodes.BMI.equals(code)) {
                    measure = true;
                } else if (LoincCode.VITAL_SIGNS.equals(ClinicalCodes.loincOf(code).category())) {
                    vitals.add(code);
                } else {
                    labs.add(code);
                }
            }
            if (measure && "AMB".equals(plan.encounterClass())) {
                vitals.addAll(List.of(ClinicalCodes.BODY_HEIGHT, ClinicalCodes.BODY_WEIGHT, ClinicalCodes.BMI));
            }
            Instant vitalsAt = plan.start().plus(Duration.ofMinutes(5 + r.nextInt(20)));
            Instant labsAt = plan.start().plus(Duration.ofMinutes(30 + r.nextInt(90)));
            Map<String, BigDecimal> values = new LinkedHashMap<>();
            for (String code : vitals) {
                if (!values.containsKey(code)) {
                    vitalSign(r, code, patient, day, abnormal(r, reason, groupOf(code)), values);
                }
            }
            for (String code : labs) {
                LoincCode loinc = ClinicalCodes.loincOf(code);
                values.put(code, abnormal(r, reason, code)
                        ? draw(r, loinc.abnormalLow(), loinc.abnormalHigh(), loinc.scale())
                        : draw(r, loinc.normalLow(), loinc.normalHigh(), loinc.scale()));
            }
            int n = 0;
            for (Map.Entry<String, BigDecimal> value : values.entrySet()) {
                LoincCode loinc = ClinicalCodes.loincOf(value.getKey());
                boolean vital = LoincCode.VITAL_SIGNS.equals(loinc.category());
                out.add(new SynthObservation(caseId + "-obs-" + (++n), patient.username(), caseId, loinc, value.getValue(),
                        vital ? vitalsAt : labsAt, vital ? plan.doctor() : LABORATORY));
            }
        }

        /** The code whose abnormality decides a group measured together: the BP pair, height/weight/BMI. */
        private static String groupOf(String code) {
            return switch (code) {
                case ClinicalCodes.DIASTOLIC_BP -> ClinicalCodes.SYSTOLIC_BP;
                case ClinicalCodes.BODY_HEIGHT, ClinicalCodes.BODY_WEIGHT -> ClinicalCodes.BMI;
                default -> code;
            };
        }

        private static boolean abnormal(SplittableRandom r, IcdCode reason, String code) {
            return reason.abnormal().contains(code) && r.nextInt(100) < 85;
        }

        /** Puts the value of vital sign {@code code} (with its partners: BP pair, height/weight/BMI) into {@code out}. */
        private static void vitalSign(SplittableRandom r, String code, SynthPatientDraft patient, LocalDate day,
                                      boolean abnormal, Map<String, BigDecimal> out) {
            long age = ChronoUnit.YEARS.between(patient.birthDate(), day);
            LoincCode loinc = ClinicalCodes.loincOf(code);
            switch (code) {
                case ClinicalCodes.HEART_RATE -> {
                    int high = age < 1 ? 160 : age < 6 ? 130 : age < 12 ? 110 : 100;
                    int low = age < 1 ? 100 : age < 6 ? 80 : age < 12 ? 70 : 60;
                    out.put(code, abnormal ? integer(r, high + 1, Math.min(high + 40, 200)) : integer(r, low, high));
                }
                case ClinicalCodes.RESPIRATORY_RATE -> {
                    int high = age < 1 ? 50 : age < 6 ? 30 : age < 12 ? 25 : 20;
                    int low = age < 1 ? 30 : age < 6 ? 20 : age < 12 ? 18 : 12;
                    out.put(code, abnormal ? integer(r, high + 4, high + 12) : integer(r, low, high));
                }
                case ClinicalCodes.SYSTOLIC_BP, ClinicalCodes.DIASTOLIC_BP -> {
                    boolean high = abnormal;
                    boolean child = age < RetentionPolicy.ADULT_AGE;
                    int systolic = child ? (high ? integer(r, 125, 140) : integer(r, 95, 120)).intValue()
                            : (high ? integer(r, 140, 180) : integer(r, 100, 129)).intValue();
                    int diastolic = child ? (high ? integer(r, 80, 90) : integer(r, 55, 70)).intValue()
                            : (high ? integer(r, 90, 110) : integer(r, 60, 84)).intValue();
                    out.put(ClinicalCodes.SYSTOLIC_BP, BigDecimal.valueOf(systolic));
                    out.put(ClinicalCodes.DIASTOLIC_BP, BigDecimal.valueOf(Math.min(diastolic, systolic - 25)));
                }
                case ClinicalCodes.BODY_HEIGHT, ClinicalCodes.BODY_WEIGHT, ClinicalCodes.BMI -> {
                    long months = ChronoUnit.MONTHS.between(patient.birthDate(), day);
                    BigDecimal height = BigDecimal.valueOf(meanHeightTenths(months, patient.gender())
                            * patient.heightPermille() / 1000, 1);
                    int[] bmiRange = age < 2 ? new int[] {150, 190} : age < 13 ? new int[] {140, 200}
                            : age < RetentionPolicy.ADULT_AGE ? new int[] {170, 240} : new int[] {185, 299};
                    int[] obeseRange = age < 13 ? new int[] {200, 240} : age < RetentionPolicy.ADULT_AGE
                            ? new int[] {240, 320} : new int[] {300, 420};
                    int[] range = abnormal ? obeseRange : bmiRange;
                    // the patient's place in the range, give or take 0.5 kg/m2
                    int tenths = range[0] + (range[1] - range[0]) * patient.bmiPermille() / 1000 + r.nextInt(11) - 5;
                    BigDecimal target = BigDecimal.valueOf(Math.max(range[0], Math.min(range[1], tenths)), 1);
                    BigDecimal metres = height.movePointLeft(2);
                    BigDecimal squared = metres.multiply(metres);
                    BigDecimal weight = target.multiply(squared).setScale(1, RoundingMode.HALF_UP);
                    out.put(ClinicalCodes.BODY_HEIGHT, height);
                    out.put(ClinicalCodes.BODY_WEIGHT, weight);
                    out.put(ClinicalCodes.BMI, weight.divide(squared, 1, RoundingMode.HALF_UP));
                }
                default -> out.put(code, abnormal
                        ? draw(r, loinc.abnormalLow(), loinc.abnormalHigh(), loinc.scale())
                        : draw(r, loinc.normalLow(), loinc.normalHigh(), loinc.scale()));
            }
        }

        /** Mean body height in tenths of a centimetre at {@code months} of age. */
        private static long meanHeightTenths(long months, String gender) {
            boolean female = "female".equals(gender);
            if (months < 12) {
                return 500 + 21 * months;
            }
            if (months < 24) {
                return 750 + 10 * (months - 12);
            }
            if (months < 156) {
                return 860 + 5 * (months - 24);
            }
            long teen = Math.min(months, 216) - 156;
            return 1520 + (female ? 2 : 4) * teen;
        }

        // ------------------------------------------------------------------ consents

        private List<Consent> consents(SplittableRandom r, Map<String, List<SynthEncounter>> byPatient) {
            List<Consent> out = new ArrayList<>();
            for (SynthPatient patient : patients) {
                boolean research = r.nextInt(1_000_000) < Math.round(config.researchConsentShare() * 1_000_000);
                Map<String, Instant> doctors = new LinkedHashMap<>();
                for (SynthEncounter e : byPatient.getOrDefault(patient.username(), List.of())) {
                    doctors.putIfAbsent(e.doctor(), e.start());
                }
                Instant agreed = patient.registeredAt();
                for (Instant first : doctors.values()) {
                    agreed = max(agreed, first.minus(Duration.ofMinutes(5)));
                }
                List<Consent.Actor> actors = new ArrayList<>();
                for (String doctor : doctors.keySet()) {
                    actors.add(new Consent.Actor(CodeableConcept.of(Consent.PARTICIPATION_SYSTEM, "PRCP",
                            "primary information recipient"), Reference.to("Practitioner", doctor)));
                }
                List<Consent.Provision> permits = actors.isEmpty() ? List.of() : List.of(new Consent.Provision("permit",
                        null, actors, actions("access", "collect", "use", "correct"), List.of(),
                        List.of(purpose(PurposeOfUse.TREAT)), List.of(), List.of(), null, List.of(), List.of()));
                out.add(consent("treatment-" + patient.username(), "treatment", "Treatment", patient, agreed,
                        patient.hospital(), new Consent.Provision("deny", null, List.of(), List.of(), List.of(), List.of(),
                                List.of(), List.of(), null, List.of(), permits)));
                if (research) {
                    Instant signed = patient.registeredAt().plus(Duration.ofDays(1));
                    LocalDate until = RetentionPolicy.day(signed).plusYears(2);
                    Consent.Provision permit = new Consent.Provision("permit",
                            new Period(signed.toString(), until.toString()),
                            List.of(new Consent.Actor(CodeableConcept.of(Consent.PARTICIPATION_SYSTEM, "PRCP",
                                    "primary information recipient"), Reference.to("PractitionerRole", Roles.RESEARCHER))),
                            actions("access", "use"), List.of(), List.of(purpose(PurposeOfUse.HRESCH)),
                            List.of(Coding.of(Consent.RESOURCE_TYPES_SYSTEM, "Encounter", null),
                                    Coding.of(Consent.RESOURCE_TYPES_SYSTEM, "Condition", null),
                                    Coding.of(Consent.RESOURCE_TYPES_SYSTEM, "Observation", null)),
                            List.of(), null, List.of(), List.of());
                    out.add(consent("research-" + patient.username(), "research", "Research", patient, signed,
                            patient.hospital(), new Consent.Provision("deny", null, List.of(), List.of(), List.of(),
                                    List.of(), List.of(), List.of(), null, List.of(), List.of(permit))));
                }
            }
            return out;
        }

        private Consent consent(String id, String scope, String scopeDisplay, SynthPatient patient, Instant agreed,
                                String custodian, Consent.Provision provision) {
            Reference performer = patient.isMinorOn(RetentionPolicy.day(agreed))
                    ? new Reference(null, "RelatedPerson", null, "Parent or guardian of " + patient.name())
                    : Reference.to("Patient", patient.username());
            Consent consent = new Consent(Consent.TYPE, id, null, "active",
                    CodeableConcept.of(Consent.SCOPE_SYSTEM, scope, scopeDisplay),
                    List.of(CodeableConcept.of(Consent.LOINC, "59284-0", "Patient Consent")),
                    Reference.to("Patient", patient.username()), agreed.toString(), List.of(performer),
                    List.of(Reference.to("Organization", custodian)), null, List.of(),
                    CodeableConcept.of(Consent.ACT_CODE_SYSTEM, "OPTIN", "opt-in"), List.of(), provision);
            return Fhir.validate(consent);
        }

        private static List<CodeableConcept> actions(String... codes) {
            List<CodeableConcept> out = new ArrayList<>();
            for (String code : codes) {
                out.add(CodeableConcept.of(Consent.ACTION_SYSTEM, code, null));
            }
            return out;
        }

        private static Coding purpose(String code) {
            return Coding.of(PurposeOfUse.SYSTEM, code, PurposeOfUse.display(code).orElse(null));
        }

        // ------------------------------------------------------------------ usage

        private List<UsageEvent> usage(SplittableRandom r, List<SynthEncounter> encounters,
                                       Map<String, List<SynthEncounter>> byPatient) {
            List<EventDraft> drafts = new ArrayList<>();
            Map<String, SynthPractitioner> admins = new LinkedHashMap<>();
            staff.stream().filter(s -> Roles.HOSPITAL.equals(s.role())).forEach(s -> admins.put(s.organization(), s));
            for (SynthPatient p : patients) {
                SynthPractitioner admin = admins.get(p.hospital());
                drafts.add(new EventDraft(p.registeredAt(), UsageEvent.ADD, admin.role(), admin.username(), admin.mspId(),
                        p.username(), p.username(), PurposeOfUse.PATADMIN, UsageRecord.SUCCESS, "patient registered"));
            }
            for (SynthEncounter e : encounters) {
                String msp = clinicianByName.get(e.doctor()).mspId();
                drafts.add(new EventDraft(e.start().plus(Duration.ofMinutes(10)), UsageEvent.APPEND, Roles.DOCTOR, e.doctor(),
                        msp, e.patient(), e.patient(), PurposeOfUse.TREAT, UsageRecord.SUCCESS,
                        "authorised treating doctor; " + e.id() + " entered"));
                if (r.nextInt(100) < 40) {
                    Instant later = e.start().plus(Duration.ofMinutes(24L * 60 * (1 + r.nextInt(30)) + r.nextInt(9 * 60)));
                    if (later.isBefore(referenceInstant)) {
                        drafts.add(new EventDraft(later, UsageEvent.READ, Roles.DOCTOR, e.doctor(), msp, e.patient(),
                                e.patient(), PurposeOfUse.TREAT, UsageRecord.SUCCESS, "authorised treating doctor"));
                    }
                }
            }
            for (SynthPatient p : patients) {
                if (r.nextInt(100) < 30) {
                    drafts.add(new EventDraft(between(r, p.registeredAt(), referenceInstant), UsageEvent.READ, Roles.PATIENT,
                            p.username(), orgs.get(p.hospital()).mspId(), p.username(), p.username(), PurposeOfUse.PATRQT,
                            UsageRecord.SUCCESS, "the patient's own record"));
                }
                if (r.nextInt(100) < 15) {
                    Set<String> treating = new HashSet<>();
                    byPatient.getOrDefault(p.username(), List.of()).forEach(e -> treating.add(e.doctor()));
                    SynthPractitioner d = pick(r, doctors);
                    if (!treating.contains(d.username())) {
                        drafts.add(new EventDraft(between(r, p.registeredAt(), referenceInstant), UsageEvent.READ,
                                Roles.DOCTOR, d.username(), d.mspId(), p.username(), p.username(), PurposeOfUse.TREAT,
                                UsageRecord.DENIED, d.username() + " is not authorised by " + p.username()));
                    }
                }
            }
            Instant earliest = patients.stream().map(SynthPatient::registeredAt).min(Comparator.naturalOrder())
                    .orElse(referenceInstant.minus(Duration.ofDays(1)));
            SynthPractitioner researcher = staffOf(RESEARCH_INSTITUTE);
            int queries = Math.max(1, config.patients() / 20);
            for (int i = 0; i < queries; i++) {
                String keyword = i == 0 && !config.focusKeyword().isEmpty() ? config.focusKeyword()
                        : pick(r, QUERY_KEYWORDS);
                drafts.add(new EventDraft(between(r, earliest, referenceInstant), UsageEvent.READ, researcher.role(),
                        researcher.username(), researcher.mspId(), "", "keywords:" + keyword, PurposeOfUse.HRESCH,
                        UsageRecord.SUCCESS, "de-identified cases only"));
            }
            SynthPractitioner epidemiologist = staffOf(PUBLIC_HEALTH);
            drafts.add(new EventDraft(between(r, earliest, referenceInstant), UsageEvent.READ, epidemiologist.role(),
                    epidemiologist.username(), epidemiologist.mspId(), "", "keywords:COVID-19", PurposeOfUse.PUBHLTH,
                    UsageRecord.SUCCESS, "de-identified cases only"));
            SynthPractitioner regulator = staffOf(REGULATOR);
            int audits = Math.max(1, config.patients() / 25);
            for (int i = 0; i < audits; i++) {
                SynthPatient p = pick(r, patients);
                drafts.add(new EventDraft(between(r, p.registeredAt(), referenceInstant), UsageEvent.READ, regulator.role(),
                        regulator.username(), regulator.mspId(), p.username(), "usageRecords", PurposeOfUse.HOPERAT,
                        UsageRecord.SUCCESS, "supervision: usage records"));
            }
            drafts.sort(Comparator.comparing(EventDraft::time).thenComparing(EventDraft::username)
                    .thenComparing(EventDraft::target).thenComparing(EventDraft::operation));
            List<UsageEvent> out = new ArrayList<>();
            for (int i = 0; i < drafts.size(); i++) {
                EventDraft d = drafts.get(i);
                String recordId = "record" + (FIRST_RECORD + i);
                out.add(new UsageEvent(recordId, d.time(), d.operation(), d.role(), d.username(), d.mspId(), d.patient(),
                        d.target(), d.purpose(), d.outcome(), d.reason(),
                        Hashing.sha256Hex("ledgersim-synth/" + config.seed() + "/" + recordId)));
            }
            return out;
        }

        private SynthPractitioner staffOf(String organization) {
            return staff.stream().filter(s -> s.organization().equals(organization)).findFirst().orElseThrow();
        }

        // ------------------------------------------------------------------ helpers

        private String unique(String base) {
            String candidate = base;
            for (int n = 2; usernames.contains(candidate); n++) {
                candidate = base + n;
            }
            return claim(candidate);
        }

        private String claim(String username) {
            if (!usernames.add(username)) {
                throw new IllegalStateException("username " + username + " is taken");
            }
            return username;
        }

        private static String lower(String name) {
            return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
        }

        private static String other(String hospital) {
            return HOSPITAL_A.equals(hospital) ? HOSPITAL_B : HOSPITAL_A;
        }

        private Instant between(SplittableRandom r, Instant from, Instant to) {
            long seconds = Duration.between(from, to).getSeconds();
            return seconds <= 1 ? from : from.plusSeconds(r.nextLong(seconds));
        }
    }

    // ====================================================================== random helpers

    private static <T> T pick(SplittableRandom r, List<T> values) {
        return values.get(r.nextInt(values.size()));
    }

    private static <T> T weighted(SplittableRandom r, List<T> values, ToIntFunction<T> weight) {
        int total = 0;
        for (T value : values) {
            total += weight.applyAsInt(value);
        }
        int x = r.nextInt(total);
        for (T value : values) {
            x -= weight.applyAsInt(value);
            if (x < 0) {
                return value;
            }
        }
        throw new IllegalStateException("unreachable");
    }

    /** A day in {@code [from, to]} (both inclusive). */
    private static LocalDate day(SplittableRandom r, LocalDate from, LocalDate to) {
        if (!to.isAfter(from)) {
            return from;
        }
        return LocalDate.ofEpochDay(r.nextLong(from.toEpochDay(), to.toEpochDay() + 1));
    }

    private static BigDecimal integer(SplittableRandom r, int low, int high) {
        return BigDecimal.valueOf(low + r.nextInt(high - low + 1));
    }

    /** A value in {@code [low, high]} with {@code scale} decimals, uniform over the representable values. */
    static BigDecimal draw(SplittableRandom r, BigDecimal low, BigDecimal high, int scale) {
        long a = low.movePointRight(scale).setScale(0, RoundingMode.CEILING).longValueExact();
        long b = high.movePointRight(scale).setScale(0, RoundingMode.FLOOR).longValueExact();
        return BigDecimal.valueOf(a + r.nextLong(b - a + 1), scale);
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
