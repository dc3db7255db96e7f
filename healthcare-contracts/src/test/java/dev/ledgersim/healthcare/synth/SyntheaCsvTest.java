package dev.ledgersim.healthcare.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;

/** View 2: the Synthea CSV subset has §7's headers, consistent rows and only embedded codes. */
class SyntheaCsvTest {

    private static final SynthDataset DATA = SyntheticHealthGenerator.generate(SynthConfig.defaults());
    private static final SortedMap<String, String> FILES = DATA.syntheaCsv();

    /** The header lines as HEALTHCARE.md §7 lists them. */
    private static final Map<String, String> HEADERS = Map.of(
            "patients.csv", "Id,BIRTHDATE,DEATHDATE,SSN,DRIVERS,PASSPORT,PREFIX,FIRST,LAST,SUFFIX,MAIDEN,MARITAL,RACE,"
                    + "ETHNICITY,GENDER,BIRTHPLACE,ADDRESS,CITY,STATE,COUNTY,ZIP,LAT,LON,HEALTHCARE_EXPENSES,HEALTHCARE_COVERAGE",
            "encounters.csv", "Id,START,STOP,PATIENT,ORGANIZATION,PROVIDER,PAYER,ENCOUNTERCLASS,CODE,DESCRIPTION,"
                    + "BASE_ENCOUNTER_COST,TOTAL_CLAIM_COST,PAYER_COVERAGE,REASONCODE,REASONDESCRIPTION",
            "conditions.csv", "START,STOP,PATIENT,ENCOUNTER,CODE,DESCRIPTION",
            "observations.csv", "DATE,PATIENT,ENCOUNTER,CATEGORY,CODE,DESCRIPTION,VALUE,UNITS,TYPE",
            "medications.csv", "START,STOP,PATIENT,PAYER,ENCOUNTER,CODE,DESCRIPTION,BASE_COST,PAYER_COVERAGE,DISPENSES,"
                    + "TOTALCOST,REASONCODE,REASONDESCRIPTION");

    /** A minimal RFC 4180 reader: rows of fields. */
    static List<List<String>> parse(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    field.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (ch == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                field.append(ch);
            }
        }
        assertTrue(row.isEmpty() && field.length() == 0, "the text ends with a line break");
        return rows;
    }

    private static List<Map<String, String>> records(String file) {
        List<List<String>> rows = parse(FILES.get(file));
        List<String> header = rows.get(0);
        List<Map<String, String>> out = new ArrayList<>();
        for (List<String> row : rows.subList(1, rows.size())) {
            assertEquals(header.size(), row.size(), file + " row " + row);
            Map<String, String> record = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                record.put(header.get(i), row.get(i));
            }
            out.add(record);
        }
        return out;
    }

    @Test
    void headersAreExactlyThoseOfSection7() {
        assertEquals(HEADERS.keySet(), FILES.keySet());
        for (Map.Entry<String, String> e : HEADERS.entrySet()) {
            String text = FILES.get(e.getKey());
            assertEquals(e.getValue(), text.substring(0, text.indexOf('\n')), e.getKey());
        }
        assertEquals(HEADERS.get("patients.csv"), String.join(",", SyntheaCsv.PATIENTS_HEADER));
    }

    @Test
    void rowCountsMatchTheDataset() {
        assertEquals(DATA.patients().size(), records(SyntheaCsv.PATIENTS).size());
        assertEquals(DATA.encounters().size(), records(SyntheaCsv.ENCOUNTERS).size());
        assertEquals(DATA.conditions().size(), records(SyntheaCsv.CONDITIONS).size());
        assertEquals(DATA.observations().size(), records(SyntheaCsv.OBSERVATIONS).size());
        assertEquals(DATA.medications().size(), records(SyntheaCsv.MEDICATIONS).size());
    }

    @Test
    void everyRowRefersToExistingPatientsAndEncountersOfThatPatient() {
        Set<String> patients = new HashSet<>();
        for (Map<String, String> p : records(SyntheaCsv.PATIENTS)) {
            assertTrue(patients.add(p.get("Id")), "unique patient " + p.get("Id"));
            assertTrue(p.get("GENDER").equals("M") || p.get("GENDER").equals("F"));
            assertTrue(p.get("BIRTHDATE").matches("\\d{4}-\\d{2}-\\d{2}"));
            assertEquals("", p.get("SSN"));
            assertTrue(!p.get("FIRST").isEmpty() && !p.get("CITY").isEmpty() && !p.get("ZIP").isEmpty());
        }
        Map<String, String> encounterPatient = new HashMap<>();
        Set<String> organizations = new HashSet<>();
        DATA.organizations().forEach(o -> organizations.add(o.id()));
        Set<String> providers = new HashSet<>();
        DATA.practitioners().forEach(p -> providers.add(p.username()));
        for (Map<String, String> e : records(SyntheaCsv.ENCOUNTERS)) {
            assertTrue(patients.contains(e.get("PATIENT")), "encounter " + e.get("Id") + " of a known patient");
            assertTrue(organizations.contains(e.get("ORGANIZATION")));
            assertTrue(providers.contains(e.get("PROVIDER")));
            assertTrue(List.of("ambulatory", "emergency", "inpatient").contains(e.get("ENCOUNTERCLASS")));
            assertTrue(e.get("START").compareTo(e.get("STOP")) < 0, "ISO instants of one format sort by time");
            assertTrue(ClinicalCodes.icd(e.get("REASONCODE")).isPresent());
            assertEquals(null, encounterPatient.put(e.get("Id"), e.get("PATIENT")), "unique encounter");
        }
        for (String file : List.of(SyntheaCsv.CONDITIONS, SyntheaCsv.OBSERVATIONS, SyntheaCsv.MEDICATIONS)) {
            for (Map<String, String> r : records(file)) {
                assertEquals(encounterPatient.get(r.get("ENCOUNTER")), r.get("PATIENT"), file + " " + r);
            }
        }
    }

    @Test
    void codesAndValuesComeFromTheEmbeddedLists() {
        for (Map<String, String> c : records(SyntheaCsv.CONDITIONS)) {
            IcdCode icd = ClinicalCodes.icd(c.get("CODE")).orElseThrow();
            assertEquals(icd.display(), c.get("DESCRIPTION"));
        }
        for (Map<String, String> o : records(SyntheaCsv.OBSERVATIONS)) {
            LoincCode loinc = ClinicalCodes.loinc(o.get("CODE")).orElseThrow();
            assertEquals(loinc.unit(), o.get("UNITS"));
            assertEquals(loinc.category(), o.get("CATEGORY"));
            assertEquals("numeric", o.get("TYPE"));
            assertTrue(loinc.isPlausible(new java.math.BigDecimal(o.get("VALUE"))), o.toString());
        }
        for (Map<String, String> m : records(SyntheaCsv.MEDICATIONS)) {
            assertTrue(ClinicalCodes.medications().contains(m.get("DESCRIPTION")), m.get("DESCRIPTION"));
            assertTrue(ClinicalCodes.icd(m.get("REASONCODE")).orElseThrow().isDrug());
        }
    }

    @Test
    void fieldsAreQuotedOnlyWhenNeeded() {
        assertEquals("plain", SyntheaCsv.field("plain"));
        assertEquals("\"Essential (primary), hypertension\"", SyntheaCsv.field("Essential (primary), hypertension"));
        assertEquals("\"say \"\"hi\"\"\"", SyntheaCsv.field("say \"hi\""));
        assertEquals(List.of(List.of("a,b", "c\"d", "")), parse(SyntheaCsv.field("a,b") + "," + SyntheaCsv.field("c\"d") + ",\n"));
        assertTrue(FILES.get(SyntheaCsv.ENCOUNTERS).contains("\"Unspecified fracture")
                || FILES.get(SyntheaCsv.ENCOUNTERS).contains("\"Hyperlipidemia, unspecified\"")
                || FILES.get(SyntheaCsv.ENCOUNTERS).contains(",\"Obesity, unspecified\""),
                "descriptions with commas are quoted in the file");
    }
}
