package dev.ledgersim.healthcare.synth;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The code lists embedded in the generator, written out by hand: 49 common ICD-10-CM diagnoses (a US
 * government code set in the public domain) with their department, ages, tests and treatment; 23 LOINC
 * observations (LOINC is free to use with attribution: "This material contains content from LOINC
 * (http://loinc.org), copyright Regenstrief Institute, Inc.") with UCUM units and value ranges; and the 15
 * departments. The generator codes nothing outside these lists. Immutable; thread-safe.
 */
public final class ClinicalCodes {

    /** General practice. */
    public static final String GENERAL_PRACTICE = "General practice";
    /** The emergency department. */
    public static final String EMERGENCY = "Emergency";
    /** Paediatrics: non-emergency, non-surgical care of minors. */
    public static final String PAEDIATRICS = "Paediatrics";
    /** Cardiology. */
    public static final String CARDIOLOGY = "Cardiology";
    /** Endocrinology. */
    public static final String ENDOCRINOLOGY = "Endocrinology";
    /** Respiratory medicine. */
    public static final String RESPIRATORY = "Respiratory medicine";
    /** General surgery. */
    public static final String SURGERY = "General surgery";
    /** Gastroenterology. */
    public static final String GASTROENTEROLOGY = "Gastroenterology";
    /** Neurology. */
    public static final String NEUROLOGY = "Neurology";
    /** Psychiatry. */
    public static final String PSYCHIATRY = "Psychiatry";
    /** Orthopaedics. */
    public static final String ORTHOPAEDICS = "Orthopaedics";
    /** Rheumatology. */
    public static final String RHEUMATOLOGY = "Rheumatology";
    /** Nephrology. */
    public static final String NEPHROLOGY = "Nephrology";
    /** Dermatology. */
    public static final String DERMATOLOGY = "Dermatology";
    /** Oncology. */
    public static final String ONCOLOGY = "Oncology";

    /** Heart rate, /min. */
    public static final String HEART_RATE = "8867-4";
    /** Systolic blood pressure, mm[Hg]. */
    public static final String SYSTOLIC_BP = "8480-6";
    /** Diastolic blood pressure, mm[Hg]. */
    public static final String DIASTOLIC_BP = "8462-4";
    /** Body temperature, Cel. */
    public static final String BODY_TEMPERATURE = "8310-5";
    /** Respiratory rate, /min. */
    public static final String RESPIRATORY_RATE = "9279-1";
    /** Oxygen saturation, %. */
    public static final String OXYGEN_SATURATION = "2708-6";
    /** Body height, cm. */
    public static final String BODY_HEIGHT = "8302-2";
    /** Body weight, kg. */
    public static final String BODY_WEIGHT = "29463-7";
    /** Body mass index, kg/m2. */
    public static final String BMI = "39156-5";
    /** Glucose, mg/dL. */
    public static final String GLUCOSE = "2345-7";
    /** Haemoglobin A1c, %. */
    public static final String HBA1C = "4548-4";
    /** Total cholesterol, mg/dL. */
    public static final String CHOLESTEROL = "2093-3";
    /** LDL cholesterol, mg/dL. */
    public static final String LDL = "2089-1";
    /** HDL cholesterol, mg/dL. */
    public static final String HDL = "2085-9";
    /** Triglycerides, mg/dL. */
    public static final String TRIGLYCERIDES = "2571-8";
    /** Creatinine, mg/dL. */
    public static final String CREATININE = "2160-0";
    /** Haemoglobin, g/dL. */
    public static final String HEMOGLOBIN = "718-7";
    /** Leukocytes, 10*3/uL. */
    public static final String LEUKOCYTES = "6690-2";
    /** Platelets, 10*3/uL. */
    public static final String PLATELETS = "777-3";
    /** Sodium, mmol/L. */
    public static final String SODIUM = "2951-2";
    /** Potassium, mmol/L. */
    public static final String POTASSIUM = "2823-3";
    /** Thyrotropin (TSH), m[IU]/L. */
    public static final String TSH = "3016-3";
    /** Urate, mg/dL. */
    public static final String URATE = "3084-1";

    private static final int ADULT = 18;
    private static final LocalDate COVID_19 = LocalDate.of(2020, 3, 1);
    private static final int OLD = 120;

    private static final List<String> DEPARTMENTS = List.of(GENERAL_PRACTICE, EMERGENCY, PAEDIATRICS, CARDIOLOGY,
            ENDOCRINOLOGY, RESPIRATORY, SURGERY, GASTROENTEROLOGY, NEUROLOGY, PSYCHIATRY, ORTHOPAEDICS, RHEUMATOLOGY,
            NEPHROLOGY, DERMATOLOGY, ONCOLOGY);

    private static final List<IcdCode> ICD = List.of(
            // Endocrine, nutritional and metabolic
            drug("E10.9", "Type 1 diabetes mellitus without complications", ENDOCRINOLOGY, 1, OLD, true, "AMB", 2,
                    List.of(GLUCOSE, HBA1C), List.of(GLUCOSE, HBA1C),
                    "Insulin glargine 100 units/mL solution for injection", "10 units subcutaneously once daily"),
            drug("E11.9", "Type 2 diabetes mellitus without complications", ENDOCRINOLOGY, 25, OLD, true, "AMB", 5,
                    List.of(GLUCOSE, HBA1C), List.of(GLUCOSE, HBA1C),
                    "Metformin 500 mg oral tablet", "1 tablet twice daily with meals"),
            drug("E11.65", "Type 2 diabetes mellitus with hyperglycemia", ENDOCRINOLOGY, 25, OLD, true, "AMB", 2,
                    List.of(GLUCOSE, HBA1C), List.of(GLUCOSE, HBA1C),
                    "Metformin 1000 mg oral tablet", "1 tablet twice daily with meals"),
            drug("E11.22", "Type 2 diabetes mellitus with diabetic chronic kidney disease", ENDOCRINOLOGY, 40, OLD, true,
                    "AMB", 1, List.of(GLUCOSE, HBA1C, CREATININE), List.of(GLUCOSE, HBA1C, CREATININE),
                    "Empagliflozin 10 mg oral tablet", "1 tablet once daily"),
            drug("E03.9", "Hypothyroidism, unspecified", ENDOCRINOLOGY, 0, OLD, true, "AMB", 2,
                    List.of(TSH), List.of(TSH), "Levothyroxine 50 microgram oral tablet", "1 tablet once daily before breakfast"),
            plan("E66.9", "Obesity, unspecified", GENERAL_PRACTICE, 6, OLD, true, "AMB", 2,
                    List.of(), List.of(BMI), "Dietary advice and structured exercise programme"),
            drug("E78.5", "Hyperlipidemia, unspecified", CARDIOLOGY, 30, OLD, true, "AMB", 4,
                    List.of(CHOLESTEROL, LDL, HDL, TRIGLYCERIDES), List.of(CHOLESTEROL, LDL, TRIGLYCERIDES),
                    "Atorvastatin 20 mg oral tablet", "1 tablet once daily at night"),
            drug("E78.00", "Pure hypercholesterolemia, unspecified", CARDIOLOGY, 25, OLD, true, "AMB", 2,
                    List.of(CHOLESTEROL, LDL, HDL), List.of(CHOLESTEROL, LDL),
                    "Rosuvastatin 10 mg oral tablet", "1 tablet once daily"),
            // Blood
            drug("D50.9", "Iron deficiency anemia, unspecified", GENERAL_PRACTICE, 0, OLD, true, "AMB", 2,
                    List.of(HEMOGLOBIN, PLATELETS), List.of(HEMOGLOBIN),
                    "Ferrous sulfate 325 mg oral tablet", "1 tablet once daily"),
            // Circulatory
            drug("I10", "Essential (primary) hypertension", CARDIOLOGY, 25, OLD, true, "AMB", 6,
                    List.of(CREATININE, POTASSIUM), List.of(SYSTOLIC_BP, DIASTOLIC_BP),
                    "Amlodipine 5 mg oral tablet", "1 tablet once daily"),
            drug("I25.10", "Atherosclerotic heart disease of native coronary artery without angina pectoris", CARDIOLOGY,
                    45, OLD, true, "AMB", 2, List.of(CHOLESTEROL, LDL), List.of(CHOLESTEROL, LDL),
                    "Aspirin 100 mg oral tablet", "1 tablet once daily"),
            drug("I48.91", "Unspecified atrial fibrillation", CARDIOLOGY, 45, OLD, true, "EMER", 2,
                    List.of(POTASSIUM, CREATININE), List.of(HEART_RATE),
                    "Apixaban 5 mg oral tablet", "1 tablet twice daily"),
            drug("I50.9", "Heart failure, unspecified", CARDIOLOGY, 45, OLD, true, "IMP", 1,
                    List.of(CREATININE, SODIUM, POTASSIUM), List.of(CREATININE, RESPIRATORY_RATE, OXYGEN_SATURATION),
                    "Furosemide 40 mg oral tablet", "1 tablet once daily in the morning"),
            drug("I63.9", "Cerebral infarction, unspecified", NEUROLOGY, 45, OLD, true, "IMP", 1,
                    List.of(GLUCOSE, CHOLESTEROL), List.of(SYSTOLIC_BP, DIASTOLIC_BP),
                    "Clopidogrel 75 mg oral tablet", "1 tablet once daily"),
            // Respiratory
            drug("J02.9", "Acute pharyngitis, unspecified", GENERAL_PRACTICE, 2, OLD, false, "AMB", 3,
                    List.of(), List.of(BODY_TEMPERATURE),
                    "Phenoxymethylpenicillin 500 mg oral capsule", "1 capsule four times daily for 10 days"),
            plan("J06.9", "Acute upper respiratory infection, unspecified", GENERAL_PRACTICE, 0, OLD, false, "AMB", 5,
                    List.of(), List.of(BODY_TEMPERATURE), "Rest, oral fluids and review if not improving"),
            drug("J18.9", "Pneumonia, unspecified organism", RESPIRATORY, 0, OLD, false, "IMP", 2,
                    List.of(LEUKOCYTES, HEMOGLOBIN), List.of(BODY_TEMPERATURE, LEUKOCYTES, RESPIRATORY_RATE, OXYGEN_SATURATION),
                    "Amoxicillin 500 mg oral capsule", "2 capsules three times daily for 5 days"),
            plan("J20.9", "Acute bronchitis, unspecified", GENERAL_PRACTICE, 0, OLD, false, "AMB", 3,
                    List.of(), List.of(BODY_TEMPERATURE), "Rest and oral fluids"),
            drug("J44.9", "Chronic obstructive pulmonary disease, unspecified", RESPIRATORY, 45, OLD, true, "AMB", 2,
                    List.of(), List.of(OXYGEN_SATURATION, RESPIRATORY_RATE),
                    "Tiotropium 18 microgram inhalation capsule", "Inhale the contents of 1 capsule once daily"),
            drug("J45.909", "Unspecified asthma, uncomplicated", RESPIRATORY, 2, OLD, true, "AMB", 3,
                    List.of(), List.of(RESPIRATORY_RATE),
                    "Salbutamol 100 microgram/dose pressurised inhaler", "2 puffs as needed for wheeze"),
            drug("U07.1", "COVID-19", GENERAL_PRACTICE, 0, OLD, false, "AMB", 2,
                    List.of(), List.of(BODY_TEMPERATURE, OXYGEN_SATURATION),
                    "Paracetamol 500 mg oral tablet", "2 tablets every 6 hours as needed, at most 8 tablets a day"),
            // Digestive
            drug("K21.9", "Gastro-esophageal reflux disease without esophagitis", GASTROENTEROLOGY, 12, OLD, true, "AMB", 2,
                    List.of(), List.of(), "Omeprazole 20 mg oral capsule", "1 capsule once daily before breakfast"),
            drug("K29.70", "Gastritis, unspecified, without bleeding", GASTROENTEROLOGY, 12, OLD, false, "AMB", 1,
                    List.of(HEMOGLOBIN), List.of(), "Pantoprazole 40 mg oral tablet", "1 tablet once daily for 4 weeks"),
            plan("K35.80", "Unspecified acute appendicitis", SURGERY, 5, OLD, false, "IMP", 1,
                    List.of(LEUKOCYTES, HEMOGLOBIN, SODIUM, POTASSIUM), List.of(LEUKOCYTES, BODY_TEMPERATURE),
                    "Laparoscopic appendicectomy"),
            drug("K59.00", "Constipation, unspecified", GENERAL_PRACTICE, 0, OLD, false, "AMB", 2,
                    List.of(), List.of(), "Macrogol 3350 oral powder sachet", "1 sachet once daily"),
            plan("A09", "Infectious gastroenteritis and colitis, unspecified", EMERGENCY, 0, OLD, false, "EMER", 2,
                    List.of(SODIUM, POTASSIUM), List.of(SODIUM, BODY_TEMPERATURE), "Oral rehydration and review"),
            plan("B34.9", "Viral infection, unspecified", GENERAL_PRACTICE, 0, OLD, false, "AMB", 3,
                    List.of(), List.of(BODY_TEMPERATURE), "Rest and oral fluids"),
            // Genitourinary
            drug("N39.0", "Urinary tract infection, site not specified", GENERAL_PRACTICE, 1, OLD, false, "AMB", 2,
                    List.of(LEUKOCYTES), List.of(LEUKOCYTES, BODY_TEMPERATURE),
                    "Trimethoprim 300 mg oral tablet", "1 tablet once daily for 3 days"),
            drug("N18.9", "Chronic kidney disease, unspecified", NEPHROLOGY, 40, OLD, true, "AMB", 1,
                    List.of(CREATININE, POTASSIUM, SODIUM), List.of(CREATININE, POTASSIUM),
                    "Ramipril 5 mg oral capsule", "1 capsule once daily"),
            // Mental and nervous system
            drug("F32.9", "Major depressive disorder, single episode, unspecified", PSYCHIATRY, 12, OLD, true, "AMB", 2,
                    List.of(), List.of(), "Sertraline 50 mg oral tablet", "1 tablet once daily"),
            plan("F41.1", "Generalized anxiety disorder", PSYCHIATRY, 12, OLD, true, "AMB", 2,
                    List.of(), List.of(), "Cognitive behavioural therapy"),
            drug("F90.0", "Attention-deficit hyperactivity disorder, predominantly inattentive type", PSYCHIATRY, 6, 40,
                    true, "AMB", 1, List.of(), List.of(), "Methylphenidate 10 mg oral tablet", "1 tablet twice daily"),
            drug("G40.909", "Epilepsy, unspecified, not intractable, without status epilepticus", NEUROLOGY, 1, OLD, true,
                    "AMB", 1, List.of(), List.of(), "Levetiracetam 500 mg oral tablet", "1 tablet twice daily"),
            drug("G43.909", "Migraine, unspecified, not intractable, without status migrainosus", NEUROLOGY, 10, OLD, true,
                    "AMB", 2, List.of(), List.of(), "Sumatriptan 50 mg oral tablet",
                    "1 tablet at migraine onset, may repeat after 2 hours"),
            plan("G47.33", "Obstructive sleep apnea (adult) (pediatric)", RESPIRATORY, ADULT, OLD, true, "AMB", 1,
                    List.of(), List.of(BMI), "Continuous positive airway pressure (CPAP) therapy"),
            // Musculoskeletal, skin, ear
            drug("M10.9", "Gout, unspecified", RHEUMATOLOGY, 30, OLD, true, "AMB", 1,
                    List.of(URATE, CREATININE), List.of(URATE), "Allopurinol 100 mg oral tablet", "1 tablet once daily"),
            plan("M17.9", "Osteoarthritis of knee, unspecified", ORTHOPAEDICS, 45, OLD, true, "AMB", 2,
                    List.of(), List.of(), "Physiotherapy and weight management"),
            plan("M54.50", "Low back pain, unspecified", ORTHOPAEDICS, ADULT, OLD, false, "AMB", 3,
                    List.of(), List.of(), "Physiotherapy and simple analgesia"),
            drug("M81.0", "Age-related osteoporosis without current pathological fracture", RHEUMATOLOGY, 50, OLD, true,
                    "AMB", 1, List.of(), List.of(), "Alendronate 70 mg oral tablet", "1 tablet once weekly"),
            drug("L20.9", "Atopic dermatitis, unspecified", DERMATOLOGY, 0, OLD, true, "AMB", 2,
                    List.of(), List.of(), "Hydrocortisone 1% cream", "Apply thinly to affected skin twice daily"),
            drug("H66.90", "Otitis media, unspecified, unspecified ear", GENERAL_PRACTICE, 0, OLD, false, "AMB", 2,
                    List.of(), List.of(BODY_TEMPERATURE), "Amoxicillin 250 mg/5 mL oral suspension",
                    "Weight-based dose three times daily for 5 days"),
            // Injuries, symptoms, neoplasm, examinations
            plan("S52.501A", "Unspecified fracture of the lower end of right radius, initial encounter for closed fracture",
                    EMERGENCY, 2, OLD, false, "EMER", 1, List.of(), List.of(HEART_RATE),
                    "Closed reduction and cast immobilisation"),
            plan("S93.401A", "Sprain of unspecified ligament of right ankle, initial encounter", EMERGENCY, 5, OLD, false,
                    "EMER", 2, List.of(), List.of(), "Rest, ice, compression and elevation"),
            plan("R07.9", "Chest pain, unspecified", EMERGENCY, ADULT, OLD, false, "EMER", 2,
                    List.of(HEMOGLOBIN, POTASSIUM), List.of(HEART_RATE), "Electrocardiogram, observation and review"),
            plan("R10.9", "Unspecified abdominal pain", EMERGENCY, 2, OLD, false, "EMER", 2,
                    List.of(LEUKOCYTES, HEMOGLOBIN), List.of(), "Observation and review"),
            plan("R51.9", "Headache, unspecified", GENERAL_PRACTICE, 5, OLD, false, "AMB", 2,
                    List.of(), List.of(), "Simple analgesia and review"),
            plan("C34.90", "Malignant neoplasm of unspecified part of unspecified bronchus or lung", ONCOLOGY, 45, OLD, true,
                    "AMB", 1, List.of(HEMOGLOBIN, LEUKOCYTES, PLATELETS), List.of(HEMOGLOBIN),
                    "Referral to the lung cancer multidisciplinary team"),
            plan("Z00.00", "Encounter for general adult medical examination without abnormal findings", GENERAL_PRACTICE,
                    ADULT, OLD, false, "AMB", 3, List.of(GLUCOSE, CHOLESTEROL), List.of(), "No treatment required"),
            plan("Z00.129", "Encounter for routine child health examination without abnormal findings", PAEDIATRICS,
                    0, ADULT - 1, false, "AMB", 3, List.of(), List.of(), "No treatment required"));

    private static final List<LoincCode> LOINC = List.of(
            loinc(HEART_RATE, "Heart rate", "Heart rate", "/min", LoincCode.VITAL_SIGNS,
                    "60", "100", "101", "140", "40", "220", 0),
            loinc(SYSTOLIC_BP, "Systolic blood pressure", "Systolic BP", "mm[Hg]", LoincCode.VITAL_SIGNS,
                    "100", "129", "140", "180", "70", "220", 0),
            loinc(DIASTOLIC_BP, "Diastolic blood pressure", "Diastolic BP", "mm[Hg]", LoincCode.VITAL_SIGNS,
                    "60", "84", "90", "110", "40", "130", 0),
            loinc(BODY_TEMPERATURE, "Body temperature", "Temperature", "Cel", LoincCode.VITAL_SIGNS,
                    "36.1", "37.2", "38.0", "39.8", "34.0", "42.0", 1),
            loinc(RESPIRATORY_RATE, "Respiratory rate", "Respiratory rate", "/min", LoincCode.VITAL_SIGNS,
                    "12", "20", "22", "32", "8", "70", 0),
            loinc(OXYGEN_SATURATION, "Oxygen saturation in Arterial blood", "SpO2", "%", LoincCode.VITAL_SIGNS,
                    "95", "100", "86", "93", "70", "100", 0),
            loinc(BODY_HEIGHT, "Body height", "Height", "cm", LoincCode.VITAL_SIGNS,
                    "150.0", "195.0", "150.0", "195.0", "40.0", "215.0", 1),
            loinc(BODY_WEIGHT, "Body weight", "Weight", "kg", LoincCode.VITAL_SIGNS,
                    "45.0", "110.0", "90.0", "160.0", "1.5", "250.0", 1),
            loinc(BMI, "Body mass index (BMI) [Ratio]", "BMI", "kg/m2", LoincCode.VITAL_SIGNS,
                    "18.5", "24.9", "30.0", "42.0", "10.0", "60.0", 1),
            loinc(GLUCOSE, "Glucose [Mass/volume] in Serum or Plasma", "Glucose", "mg/dL", LoincCode.LABORATORY,
                    "70", "99", "126", "300", "40", "600", 0),
            loinc(HBA1C, "Hemoglobin A1c/Hemoglobin.total in Blood", "HbA1c", "%", LoincCode.LABORATORY,
                    "4.3", "5.6", "6.5", "11.0", "3.5", "15.0", 1),
            loinc(CHOLESTEROL, "Cholesterol [Mass/volume] in Serum or Plasma", "Cholesterol", "mg/dL", LoincCode.LABORATORY,
                    "125", "199", "240", "320", "80", "400", 0),
            loinc(LDL, "Cholesterol in LDL [Mass/volume] in Serum or Plasma", "LDL cholesterol", "mg/dL",
                    LoincCode.LABORATORY, "60", "129", "160", "220", "20", "300", 0),
            loinc(HDL, "Cholesterol in HDL [Mass/volume] in Serum or Plasma", "HDL cholesterol", "mg/dL",
                    LoincCode.LABORATORY, "40", "80", "25", "39", "15", "120", 0),
            loinc(TRIGLYCERIDES, "Triglyceride [Mass/volume] in Serum or Plasma", "Triglycerides", "mg/dL",
                    LoincCode.LABORATORY, "50", "149", "200", "500", "20", "1000", 0),
            loinc(CREATININE, "Creatinine [Mass/volume] in Serum or Plasma", "Creatinine", "mg/dL", LoincCode.LABORATORY,
                    "0.60", "1.20", "1.50", "3.50", "0.20", "10.00", 2),
            loinc(HEMOGLOBIN, "Hemoglobin [Mass/volume] in Blood", "Haemoglobin", "g/dL", LoincCode.LABORATORY,
                    "12.0", "17.0", "7.5", "11.0", "4.0", "22.0", 1),
            loinc(LEUKOCYTES, "Leukocytes [#/volume] in Blood by Automated count", "White cell count", "10*3/uL",
                    LoincCode.LABORATORY, "4.0", "11.0", "11.5", "20.0", "1.0", "50.0", 1),
            loinc(PLATELETS, "Platelets [#/volume] in Blood by Automated count", "Platelets", "10*3/uL",
                    LoincCode.LABORATORY, "150", "400", "80", "140", "10", "1000", 0),
            loinc(SODIUM, "Sodium [Moles/volume] in Serum or Plasma", "Sodium", "mmol/L", LoincCode.LABORATORY,
                    "136", "145", "126", "134", "115", "160", 0),
            loinc(POTASSIUM, "Potassium [Moles/volume] in Serum or Plasma", "Potassium", "mmol/L", LoincCode.LABORATORY,
                    "3.5", "5.0", "5.2", "6.2", "2.5", "7.5", 1),
            loinc(TSH, "Thyrotropin [Units/volume] in Serum or Plasma", "TSH", "m[IU]/L", LoincCode.LABORATORY,
                    "0.40", "4.00", "5.00", "15.00", "0.01", "50.00", 2),
            loinc(URATE, "Urate [Mass/volume] in Serum or Plasma", "Urate", "mg/dL", LoincCode.LABORATORY,
                    "3.5", "7.0", "7.5", "11.0", "1.0", "15.0", 1));

    private static final SortedMap<String, IcdCode> ICD_BY_CODE = index(ICD, IcdCode::code);
    private static final SortedMap<String, LoincCode> LOINC_BY_CODE = index(LOINC, LoincCode::code);

    static {
        for (IcdCode icd : ICD) {
            if (!DEPARTMENTS.contains(icd.department()) || !List.of("AMB", "EMER", "IMP").contains(icd.encounterClass())) {
                throw new ExceptionInInitializerError(icd.code() + ": unknown department or class");
            }
            for (String loinc : concat(icd.tests(), icd.abnormal())) {
                if (!LOINC_BY_CODE.containsKey(loinc)) {
                    throw new ExceptionInInitializerError(icd.code() + ": LOINC " + loinc + " is not in the list");
                }
            }
        }
    }

    private ClinicalCodes() {
    }

    /** The embedded ICD-10-CM diagnoses, in the order written (grouped by chapter). */
    public static List<IcdCode> icd10cm() {
        return ICD;
    }

    /** The embedded LOINC observations, vital signs first. */
    public static List<LoincCode> loinc() {
        return LOINC;
    }

    /** The departments, most common first (the order practitioners are assigned to them). */
    public static List<String> departments() {
        return DEPARTMENTS;
    }

    /** The ICD-10-CM entry of {@code code}, if embedded. */
    public static Optional<IcdCode> icd(String code) {
        return Optional.ofNullable(code == null ? null : ICD_BY_CODE.get(code));
    }

    /** The LOINC entry of {@code code}, if embedded. */
    public static Optional<LoincCode> loinc(String code) {
        return Optional.ofNullable(code == null ? null : LOINC_BY_CODE.get(code));
    }

    /** The LOINC entry of an embedded {@code code}. @throws IllegalArgumentException if it is not embedded */
    static LoincCode loincOf(String code) {
        return loinc(code).orElseThrow(() -> new IllegalArgumentException("LOINC " + code + " is not embedded"));
    }

    /** Every medication text the generator may prescribe, sorted. */
    public static SortedSet<String> medications() {
        TreeSet<String> out = new TreeSet<>();
        ICD.stream().filter(IcdCode::isDrug).forEach(i -> out.add(i.medication()));
        return Collections.unmodifiableSortedSet(out);
    }

    /** The diagnoses whose display contains {@code keyword}, ignoring case, in list order. */
    public static List<IcdCode> matching(String keyword) {
        String needle = keyword.toLowerCase(Locale.ROOT);
        List<IcdCode> out = new ArrayList<>();
        for (IcdCode icd : ICD) {
            if (icd.display().toLowerCase(Locale.ROOT).contains(needle)) {
                out.add(icd);
            }
        }
        return out;
    }

    private static IcdCode drug(String code, String display, String department, int minAge, int maxAge, boolean chronic,
                                String encounterClass, int weight, List<String> tests, List<String> abnormal,
                                String medication, String dosage) {
        return new IcdCode(code, display, department, minAge, maxAge, chronic, encounterClass, weight, tests, abnormal,
                medication, dosage, null, "U07.1".equals(code) ? COVID_19 : IcdCode.ALWAYS);
    }

    private static IcdCode plan(String code, String display, String department, int minAge, int maxAge, boolean chronic,
                                String encounterClass, int weight, List<String> tests, List<String> abnormal, String plan) {
        return new IcdCode(code, display, department, minAge, maxAge, chronic, encounterClass, weight, tests, abnormal,
                null, null, plan, IcdCode.ALWAYS);
    }

    private static LoincCode loinc(String code, String display, String shortName, String unit, String category,
                                   String normalLow, String normalHigh, String abnormalLow, String abnormalHigh,
                                   String plausibleLow, String plausibleHigh, int scale) {
        return new LoincCode(code, display, shortName, unit, category, new BigDecimal(normalLow), new BigDecimal(normalHigh),
                new BigDecimal(abnormalLow), new BigDecimal(abnormalHigh), new BigDecimal(plausibleLow),
                new BigDecimal(plausibleHigh), scale);
    }

    private static <T> SortedMap<String, T> index(List<T> values, java.util.function.Function<T, String> key) {
        TreeMap<String, T> out = new TreeMap<>();
        for (T value : values) {
            if (out.put(key.apply(value), value) != null) {
                throw new ExceptionInInitializerError("duplicate code " + key.apply(value));
            }
        }
        return Collections.unmodifiableSortedMap(out);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
