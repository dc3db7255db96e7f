package dev.ledgersim.healthcare.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.ledgersim.healthcare.fhir.CodeableConcept;
import dev.ledgersim.healthcare.fhir.Coding;
import dev.ledgersim.healthcare.fhir.Consent;
import dev.ledgersim.healthcare.fhir.Fhir;
import dev.ledgersim.healthcare.fhir.Period;
import dev.ledgersim.healthcare.fhir.Reference;
import dev.ledgersim.healthcare.purpose.PurposeOfUse;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The decision rules of ConsentEvaluator on consents built in code. */
class ConsentEvaluatorTest {

    private static final Instant NOW = Instant.parse("2025-06-01T00:00:00Z");

    private static Consent.Provision provision(String type, String actor, String purpose, Period period,
                                               List<Consent.Provision> nested) {
        List<Consent.Actor> actors = actor == null ? List.of() : List.of(new Consent.Actor(
                CodeableConcept.of(Consent.PARTICIPATION_SYSTEM, "PRCP", null), Reference.to(actor)));
        List<Coding> purposes = purpose == null ? List.of() : List.of(Coding.of(PurposeOfUse.SYSTEM, purpose, null));
        return new Consent.Provision(type, period, actors, List.of(), List.of(), purposes, List.of(), List.of(), null,
                List.of(), nested);
    }

    private static Consent consent(String id, String status, String patient, Consent.Provision root) {
        Consent c = new Consent(Consent.TYPE, id, null, status, CodeableConcept.of(Consent.SCOPE_SYSTEM, "treatment", null),
                List.of(CodeableConcept.text("consent")), Reference.to("Patient", patient), null, List.of(), List.of(), null,
                List.of(), CodeableConcept.text("opt-in"), List.of(), root);
        return Fhir.validate(c);
    }

    private static AccessRequest request(String actor, String purpose) {
        return new AccessRequest("alice", actor, "doctor", purpose, "access", "Patient", NOW);
    }

    @Test
    void noConsentMeansDeny() {
        ConsentDecision d = ConsentEvaluator.evaluate(List.of(), request("drbob", "TREAT"));
        assertEquals("deny", d.decision());
        assertNull(d.consentId());
    }

    @Test
    void inactiveAndOtherPatientsConsentsAreIgnored() {
        Consent.Provision permitBob = provision("permit", "Practitioner/drbob", "TREAT", null, List.of());
        assertEquals("deny", ConsentEvaluator.evaluate(List.of(consent("c1", "inactive", "alice", permitBob)),
                request("drbob", "TREAT")).decision());
        assertEquals("deny", ConsentEvaluator.evaluate(List.of(consent("c1", "active", "eve", permitBob)),
                request("drbob", "TREAT")).decision());
        assertEquals("permit", ConsentEvaluator.evaluate(List.of(consent("c1", "active", "alice", permitBob)),
                request("drbob", "TREAT")).decision(), "a root permit with conditions");
        assertEquals("deny", ConsentEvaluator.evaluate(List.of(consent("c1", "active", "alice", permitBob)),
                request("drdan", "TREAT")).decision(), "the root does not apply to drdan: no consent applies");
    }

    @Test
    void deeperWinsAndDenyWinsAtEqualDepthAcrossConsents() {
        Consent generous = consent("a", "active", "alice", provision("deny", null, null, null,
                List.of(provision("permit", "Practitioner/drbob", "TREAT", null, List.of()))));
        Consent cautious = consent("b", "active", "alice", provision("deny", null, null, null,
                List.of(provision("deny", "Practitioner/drbob", "COC", null, List.of()))));
        ConsentDecision coc = ConsentEvaluator.evaluate(List.of(generous, cautious), request("drbob", "COC"));
        assertEquals("deny", coc.decision(), "two depth-1 matches: deny wins");
        assertEquals("b", coc.consentId());
        ConsentDecision treat = ConsentEvaluator.evaluate(List.of(generous, cautious), request("drbob", "TREAT"));
        assertEquals("permit", treat.decision(), "COC's deny does not cover TREAT (is-a goes downwards)");
        assertEquals("a", treat.consentId());

        Consent exception = consent("c", "active", "alice", provision("deny", null, null, null,
                List.of(provision("permit", "Practitioner/drbob", null, null, List.of(
                        provision("deny", null, "HRESCH", null, List.of()))))));
        assertEquals("deny", ConsentEvaluator.evaluate(List.of(exception), request("drbob", "CLINTRCH")).decision());
        assertEquals("provision.provision[0].provision[0]",
                ConsentEvaluator.evaluate(List.of(exception), request("drbob", "CLINTRCH")).provision());
        assertEquals("permit", ConsentEvaluator.evaluate(List.of(exception), request("drbob", "TREAT")).decision());
    }

    @Test
    void periodsBoundTheirProvision() {
        Consent c = consent("p", "active", "alice", provision("deny", null, null, null,
                List.of(provision("permit", "Practitioner/drbob", "TREAT", new Period("2025-01-01", "2025-05-31"), List.of()))));
        assertEquals("deny", ConsentEvaluator.evaluate(List.of(c), request("drbob", "TREAT")).decision(), "ended 2025-05-31");
        assertEquals("permit", ConsentEvaluator.evaluate(List.of(c),
                new AccessRequest("alice", "drbob", "doctor", "TREAT", "access", "Patient", Instant.parse("2025-05-31T23:00:00Z")))
                .decision());
    }

    @Test
    void unsupportedElementsAreNamed() {
        Consent.Provision withDataPeriod = new Consent.Provision("permit", null, List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of(), new Period("2020", null), List.of(), List.of());
        assertEquals(List.of("Consent.provision.provision[0].dataPeriod"), ConsentEvaluator.unsupportedElements(
                provision("deny", null, null, null, List.of(withDataPeriod)), "Consent.provision"));
    }
}
