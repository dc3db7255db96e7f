package dev.ledgersim.healthcare.fhir;

import java.util.List;

/**
 * FHIR {@code Meta}: version, update time, security labels (seed A's per-record security level as a v3
 * Confidentiality code) and tags.
 *
 * @param versionId the version
 * @param lastUpdated when the resource last changed (an instant)
 * @param security security labels (copied)
 * @param tag tags (copied)
 */
public record Meta(String versionId, String lastUpdated, List<Coding> security, List<Coding> tag) {

    /** Copies. */
    public Meta {
        security = Lists.copy(security);
        tag = Lists.copy(tag);
    }

    /** A meta with only a confidentiality label ({@code U L M N R V}). */
    public static Meta confidentiality(String code) {
        return new Meta(null, null, List.of(Coding.of(Fhir.CONFIDENTIALITY_SYSTEM, code, null)), List.of());
    }
}
