package dev.ledgersim.healthcare.synth;

import java.util.Objects;

/**
 * An organisation of the synthetic health network (HEALTHCARE.md §7).
 *
 * @param id the id, also the FHIR {@code Organization/<id>} reference, e.g. {@code hospital-a}
 * @param name the name
 * @param kind one of the {@code KIND_*} constants
 * @param mspId the Fabric MSP id its members are enrolled in
 * @param city where it is
 * @param state its state
 */
public record SynthOrganization(String id, String name, String kind, String mspId, String city, String state) {

    /** A hospital (hospital A, hospital B). */
    public static final String KIND_HOSPITAL = "hospital";
    /** A pathology laboratory. */
    public static final String KIND_LABORATORY = "laboratory";
    /** A research institute. */
    public static final String KIND_RESEARCH = "research";
    /** A regulator. */
    public static final String KIND_REGULATOR = "regulator";
    /** A public-health centre. */
    public static final String KIND_PUBLIC_HEALTH = "public-health";
    /** A pharmaceutical company. */
    public static final String KIND_PHARMA = "pharma";
    /** A cloud storage provider. */
    public static final String KIND_CLOUD = "cloud";

    /** Checks. */
    public SynthOrganization {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(mspId, "mspId");
    }
}
