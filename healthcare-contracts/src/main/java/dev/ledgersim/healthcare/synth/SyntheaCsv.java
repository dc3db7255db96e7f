package dev.ledgersim.healthcare.synth;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * View 2 of a {@link SynthDataset}: a Synthea-compatible CSV subset — {@code patients.csv},
 * {@code encounters.csv}, {@code conditions.csv}, {@code observations.csv} and {@code medications.csv} with
 * exactly the headers of HEALTHCARE.md §7 (Synthea's CSVExporter). Columns the generator has no value for
 * (SSN, payer, costs, SNOMED/RxNorm codes, coordinates, ...) are empty.
 *
 * <h2>Values</h2>
 * {@code Id} of a patient is its xid (the username, being identifying, appears nowhere in the CSV);
 * {@code Id} of an encounter is its case id; {@code ORGANIZATION} an organisation id and {@code PROVIDER} the
 * doctor's username; {@code GENDER} {@code M}/{@code F}; dates {@code YYYY-MM-DD} and times ISO-8601 UTC
 * ({@code 2021-03-04T09:30:00Z}) as Synthea writes them; conditions and medications carry ICD-10-CM codes
 * (Synthea's would be SNOMED CT and RxNorm) and medications their text in {@code DESCRIPTION}.
 *
 * <h2>Format</h2>
 * RFC 4180: comma-separated, a field quoted (with doubled quotes) only when it holds a comma, a quote or
 * a line break; lines end with {@code \n}; the header line first. Stateless; thread-safe.
 */
public final class SyntheaCsv {

    /** The file of patients. */
    public static final String PATIENTS = "patients.csv";
    /** The file of encounters. */
    public static final String ENCOUNTERS = "encounters.csv";
    /** The file of conditions. */
    public static final String CONDITIONS = "conditions.csv";
    /** The file of observations. */
    public static final String OBSERVATIONS = "observations.csv";
    /** The file of medications. */
    public static final String MEDICATIONS = "medications.csv";

    /** The header of {@value #PATIENTS}. */
    public static final List<String> PATIENTS_HEADER = List.of("Id", "BIRTHDATE", "DEATHDATE", "SSN", "DRIVERS",
            "PASSPORT", "PREFIX", "FIRST", "LAST", "SUFFIX", "MAIDEN", "MARITAL", "RACE", "ETHNICITY", "GENDER",
            "BIRTHPLACE", "ADDRESS", "CITY", "STATE", "COUNTY", "ZIP", "LAT", "LON", "HEALTHCARE_EXPENSES",
            "HEALTHCARE_COVERAGE");
    /** The header of {@value #ENCOUNTERS}. */
    public static final List<String> ENCOUNTERS_HEADER = List.of("Id", "START", "STOP", "PATIENT", "ORGANIZATION",
            "PROVIDER", "PAYER", "ENCOUNTERCLASS", "CODE", "DESCRIPTION", "BASE_ENCOUNTER_COST", "TOTAL_CLAIM_COST",
            "PAYER_COVERAGE", "REASONCODE", "REASONDESCRIPTION");
    /** The header of {@value #CONDITIONS}. */
    public static final List<String> CONDITIONS_HEADER = List.of("START", "STOP", "PATIENT", "ENCOUNTER", "CODE",
            "DESCRIPTION");
    /** The header of {@value #OBSERVATIONS}. */
    public static final List<String> OBSERVATIONS_HEADER = List.of("DATE", "PATIENT", "ENCOUNTER", "CATEGORY", "CODE",
            "DESCRIPTION", "VALUE", "UNITS", "TYPE");
    /** The header of {@value #MEDICATIONS}. */
    public static final List<String> MEDICATIONS_HEADER = List.of("START", "STOP", "PATIENT", "PAYER", "ENCOUNTER",
            "CODE", "DESCRIPTION", "BASE_COST", "PAYER_COVERAGE", "DISPENSES", "TOTALCOST", "REASONCODE",
            "REASONDESCRIPTION");

    private SyntheaCsv() {
    }

    /** The five files of {@code d} by file name (sorted), each a complete CSV text. */
    public static SortedMap<String, String> export(SynthDataset d) {
        Map<String, String> xids = new HashMap<>();
        d.patients().forEach(p -> xids.put(p.username(), p.id()));
        TreeMap<String, String> files = new TreeMap<>();

        List<List<String>> rows = new ArrayList<>();
        for (SynthPatient p : d.patients()) {
            rows.add(List.of(p.id(), p.birthDate().toString(), "", "", "", "", "", p.givenName(), p.familyName(), "", "",
                    "", "", "", "female".equals(p.gender()) ? "F" : "M", "", p.street(), p.city(), p.state(), "",
                    p.postcode(), "", "", "", ""));
        }
        files.put(PATIENTS, csv(PATIENTS_HEADER, rows));

        rows = new ArrayList<>();
        for (SynthEncounter e : d.encounters()) {
            rows.add(List.of(e.id(), e.start().toString(), e.end().toString(), xids.get(e.patient()), e.organization(),
                    e.doctor(), "", e.syntheaClass(), "", e.department() + " " + (e.followUp() ? "follow-up" : "encounter"),
                    "", "", "", e.reason().code(), e.reason().display()));
        }
        files.put(ENCOUNTERS, csv(ENCOUNTERS_HEADER, rows));

        rows = new ArrayList<>();
        for (SynthCondition c : d.conditions()) {
            rows.add(List.of(c.onset().toString(), c.abatement() == null ? "" : c.abatement().toString(),
                    xids.get(c.patient()), c.encounter(), c.code().code(), c.code().display()));
        }
        files.put(CONDITIONS, csv(CONDITIONS_HEADER, rows));

        rows = new ArrayList<>();
        for (SynthObservation o : d.observations()) {
            rows.add(List.of(o.effective().toString(), xids.get(o.patient()), o.encounter(), o.code().category(),
                    o.code().code(), o.code().display(), o.value().toPlainString(), o.code().unit(), "numeric"));
        }
        files.put(OBSERVATIONS, csv(OBSERVATIONS_HEADER, rows));

        rows = new ArrayList<>();
        for (SynthMedication m : d.medications()) {
            rows.add(List.of(m.authoredOn().toString(), m.stop() == null ? "" : m.stop().toString(), xids.get(m.patient()),
                    "", m.encounter(), "", m.text(), "", "", "", "", m.reason().code(), m.reason().display()));
        }
        files.put(MEDICATIONS, csv(MEDICATIONS_HEADER, rows));
        return Collections.unmodifiableSortedMap(files);
    }

    /** {@code value} as one RFC 4180 field. */
    public static String field(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    private static String csv(List<String> header, List<List<String>> rows) {
        StringBuilder out = new StringBuilder();
        line(out, header);
        for (List<String> row : rows) {
            if (row.size() != header.size()) {
                throw new IllegalStateException("a row of " + row.size() + " fields under a header of " + header.size());
            }
            line(out, row);
        }
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            out.append(i == 0 ? "" : ",").append(field(fields.get(i)));
        }
        out.append('\n');
    }
}
