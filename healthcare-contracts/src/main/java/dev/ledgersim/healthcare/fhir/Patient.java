package dev.ledgersim.healthcare.fhir;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * FHIR R4 {@code Patient} (HEALTHCARE.md §5.2): seed A's patient with the username as an identifier in
 * {@value Fhir#USERNAME_SYSTEM}, name, telecom, address, gender and birth date.
 *
 * @param resourceType {@code Patient}
 * @param id the logical id
 * @param meta metadata
 * @param identifier identifiers (copied)
 * @param active whether the record is in use
 * @param name names (copied)
 * @param telecom contact points (copied)
 * @param gender male | female | other | unknown
 * @param birthDate a FHIR date
 * @param address addresses (copied)
 */
public record Patient(String resourceType, String id, Meta meta, List<Identifier> identifier, Boolean active,
                      List<HumanName> name, List<ContactPoint> telecom, String gender, String birthDate,
                      List<Address> address) implements FhirResource {

    /** The resource type. */
    public static final String TYPE = "Patient";

    private static final Set<String> GENDERS = Set.of("male", "female", "other", "unknown");
    private static final Set<String> TELECOM_SYSTEMS = Set.of("phone", "fax", "email", "pager", "url", "sms", "other");

    /** Copies. */
    public Patient {
        identifier = Lists.copy(identifier);
        name = Lists.copy(name);
        telecom = Lists.copy(telecom);
        address = Lists.copy(address);
    }

    /** The value of the first identifier in {@code system}. */
    public Optional<String> identifierValue(String system) {
        return identifier.stream().filter(i -> i != null && system.equals(i.system()) && i.value() != null)
                .map(Identifier::value).findFirst();
    }

    /** The value of the first telecom of {@code system} ({@code phone}, {@code email}, ...). */
    public Optional<String> telecomValue(String system) {
        return telecom.stream().filter(t -> t != null && system.equals(t.system()) && t.value() != null)
                .map(ContactPoint::value).findFirst();
    }

    @Override
    public List<String> validationProblems() {
        Checker c = new Checker();
        c.resourceType(resourceType, TYPE);
        c.id(id, "Patient.id");
        c.meta(meta, "Patient.meta");
        for (int i = 0; i < identifier.size(); i++) {
            Identifier id = identifier.get(i);
            if (id == null) {
                c.problem("Patient.identifier[" + i + "]", "must not be null");
            } else {
                c.required(id.value(), "Patient.identifier[" + i + "].value");
            }
        }
        for (int i = 0; i < name.size(); i++) {
            HumanName n = name.get(i);
            if (n == null || n.asText().isBlank()) {
                c.problem("Patient.name[" + i + "]", "needs a text, a family or a given name");
            }
        }
        for (int i = 0; i < telecom.size(); i++) {
            ContactPoint t = telecom.get(i);
            if (t == null) {
                c.problem("Patient.telecom[" + i + "]", "must not be null");
                continue;
            }
            c.code(t.system(), "Patient.telecom[" + i + "].system", TELECOM_SYSTEMS);
            if (t.value() != null && t.system() == null) {
                c.problem("Patient.telecom[" + i + "]", "a value needs a system (cpt-2)");
            }
        }
        c.code(gender, "Patient.gender", GENDERS);
        c.date(birthDate, "Patient.birthDate");
        c.noNulls(address, "Patient.address");
        return c.problems();
    }
}
