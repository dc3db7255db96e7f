package dev.ledgersim.healthcare.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledgersim.healthcare.fhir.AuditEvent;
import dev.ledgersim.healthcare.fhir.Condition;
import dev.ledgersim.healthcare.fhir.Consent;
import dev.ledgersim.healthcare.fhir.Encounter;
import dev.ledgersim.healthcare.fhir.Fhir;
import dev.ledgersim.healthcare.fhir.FhirResource;
import dev.ledgersim.healthcare.fhir.MedicationRequest;
import dev.ledgersim.healthcare.fhir.Observation;
import dev.ledgersim.healthcare.fhir.Patient;
import dev.ledgersim.healthcare.fhir.Reference;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** View 1: every resource validates, the Bundle reads back, references resolve. */
class FhirViewTest {

    private static final SynthDataset DATA = SyntheticHealthGenerator.generate(SynthConfig.defaults().withPatients(60));

    @Test
    void everyResourceValidatesAndRoundTripsThroughTheBundle() throws Exception {
        List<FhirResource> resources = DATA.fhirResources();
        for (FhirResource r : resources) {
            assertEquals(List.of(), r.validationProblems(), r.resourceType() + "/" + r.id());
        }
        JsonNode bundle = new ObjectMapper().readTree(DATA.fhirBundleJson());
        assertEquals("Bundle", bundle.get("resourceType").asText());
        assertEquals("collection", bundle.get("type").asText());
        assertEquals("synthetic-42", bundle.get("id").asText());
        assertEquals("2025-01-01T00:00:00Z", bundle.get("timestamp").asText());
        JsonNode entries = bundle.get("entry");
        assertEquals(resources.size(), entries.size());
        Set<String> fullUrls = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            JsonNode entry = entries.get(i);
            String json = entry.get("resource").toString();
            FhirResource parsed = Fhir.parseAny(json);
            // Fhir's reader normalises decimals (17.0 reads as 17), so compare with the resource read the same way
            assertEquals(Fhir.parseAny(Fhir.toJson(resources.get(i))), parsed, "entry " + i + " reads back as the resource");
            if (resources.get(i) instanceof Observation o) {
                assertEquals(0, o.valueQuantity().value().compareTo(((Observation) parsed).valueQuantity().value()));
            }
            String fullUrl = entry.get("fullUrl").asText();
            assertEquals(FhirView.BASE_URL + parsed.resourceType() + "/" + parsed.id(), fullUrl);
            assertTrue(fullUrls.add(fullUrl), "unique fullUrl " + fullUrl);
        }
    }

    @Test
    void theBundleHoldsEveryPartOfTheDataset() {
        Map<String, Integer> counts = new TreeMap<>();
        DATA.fhirResources().forEach(r -> counts.merge(r.resourceType(), 1, Integer::sum));
        assertEquals(Map.of(
                "Patient", DATA.patients().size(),
                "Encounter", DATA.encounters().size(),
                "Condition", DATA.conditions().size(),
                "Observation", DATA.observations().size(),
                "MedicationRequest", DATA.medications().size(),
                "Consent", DATA.consents().size(),
                "AuditEvent", DATA.usageEvents().size()), counts);
    }

    @Test
    void referencesResolveWithinTheBundleOrToKnownPeopleAndOrganisations() {
        Set<String> ids = new HashSet<>();
        DATA.fhirResources().forEach(r -> ids.add(r.resourceType() + "/" + r.id()));
        Set<String> others = new HashSet<>();
        DATA.practitioners().forEach(p -> others.add("Practitioner/" + p.username()));
        DATA.organizations().forEach(o -> others.add("Organization/" + o.id()));
        others.add("PractitionerRole/researcher");
        List<Reference> refs = new ArrayList<>();
        for (FhirResource r : DATA.fhirResources()) {
            if (r instanceof Encounter e) {
                refs.add(e.subject());
                e.participant().forEach(p -> refs.add(p.individual()));
            } else if (r instanceof Condition c) {
                refs.addAll(List.of(c.subject(), c.encounter(), c.recorder()));
            } else if (r instanceof Observation o) {
                refs.addAll(List.of(o.subject(), o.encounter()));
                refs.addAll(o.performer());
            } else if (r instanceof MedicationRequest m) {
                refs.addAll(List.of(m.subject(), m.encounter(), m.requester()));
            } else if (r instanceof Consent c) {
                refs.add(c.patient());
                refs.addAll(c.organization());
                c.provision().provision().forEach(p -> p.actor().forEach(a -> refs.add(a.reference())));
            } else if (r instanceof AuditEvent a) {
                a.entity().stream().map(AuditEvent.Entity::what).filter(w -> w.reference() != null).forEach(refs::add);
            }
        }
        assertTrue(refs.size() > DATA.observations().size());
        for (Reference ref : refs) {
            assertTrue(ids.contains(ref.reference()) || others.contains(ref.reference()), "dangling " + ref.reference());
        }
    }

    @Test
    void resourcesCarryTheSuitesCodesAndIdentifiers() {
        SynthPatient p = DATA.patients().get(0);
        Patient patient = FhirView.patient(p);
        assertEquals(p.username(), patient.id());
        assertEquals(p.username(), patient.identifierValue(Fhir.USERNAME_SYSTEM).orElseThrow());
        assertEquals(p.id(), patient.identifierValue(FhirView.XID_SYSTEM).orElseThrow());
        assertEquals(p.phone(), patient.telecomValue("phone").orElseThrow());
        assertEquals(p.address(), patient.address().get(0).asText());
        assertEquals(p.name(), patient.name().get(0).asText());

        SynthEncounter e = DATA.encounters().get(0);
        Encounter encounter = FhirView.encounter(e);
        assertEquals("http://terminology.hl7.org/CodeSystem/v3-ActCode", encounter.encounterClass().system());
        assertEquals(e.department(), encounter.serviceType().text());
        assertTrue(encounter.reasonCode().get(0).has("http://hl7.org/fhir/sid/icd-10-cm", e.reason().code()));

        SynthObservation o = DATA.observations().get(0);
        Observation observation = FhirView.observation(o);
        assertTrue(observation.code().has("http://loinc.org", o.code().code()));
        assertEquals("http://unitsofmeasure.org", observation.valueQuantity().system());
        assertEquals(o.code().unit(), observation.valueQuantity().code());
        assertEquals(0, o.value().compareTo(observation.valueQuantity().value()));

        UsageEvent u = DATA.usageEvents().get(0);
        AuditEvent audit = FhirView.auditEvent(u);
        assertEquals(u.recordId(), audit.id());
        assertEquals("C", audit.action(), "the first event is a registration");
        assertEquals(u.purpose(), audit.purposeOfEvent().get(0).coding().get(0).code());
        assertTrue(DATA.usageEvents().stream().filter(x -> !x.granted()).map(FhirView::auditEvent)
                .allMatch(a -> a.outcome().equals("4")), "denials have outcome 4");
    }

    @Test
    void theBundleStreamsToAWriterWithTheSameCharacters() throws Exception {
        java.io.StringWriter out = new java.io.StringWriter();
        DATA.writeFhirBundle(out);
        assertEquals(DATA.fhirBundleJson(), out.toString());
        Appendable broken = new Appendable() {
            @Override
            public Appendable append(CharSequence csq) throws java.io.IOException {
                throw new java.io.IOException("disk full");
            }

            @Override
            public Appendable append(CharSequence csq, int start, int end) throws java.io.IOException {
                throw new java.io.IOException("disk full");
            }

            @Override
            public Appendable append(char c) throws java.io.IOException {
                throw new java.io.IOException("disk full");
            }
        };
        assertEquals("disk full", org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> FhirView.writeBundle(DATA, broken)).getMessage());
    }

    @Test
    void psychiatricRecordsAreRestricted() {
        for (SynthEncounter e : DATA.encounters()) {
            String label = FhirView.encounter(e).meta().security().get(0).code();
            assertEquals(e.reason().code().startsWith("F") ? "R" : "N", label, e.id());
        }
    }
}
