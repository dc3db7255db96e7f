package dev.ledgersim.msp;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How an organisation's {@link CertificateAuthority} is set up.
 *
 * @param mspId the organisation's MSP id; letters, digits, dots and dashes, as policy principals require
 * @param withIntermediate whether identities are issued by an intermediate CA under the root (the MSP
 *     then refuses identities signed directly by the root, as Fabric does)
 * @param validFrom when the CA certificates, and by default identity certificates, start being valid; a
 *     simulation passes its clock's start so that certificates depend only on the seed
 * @param caValidity how long the root and intermediate certificates are valid (Fabric CA: 15 years)
 * @param identityValidity how long an enrolled identity's certificate is valid (Fabric CA: 1 year)
 */
public record CaConfig(String mspId, boolean withIntermediate, Instant validFrom, Duration caValidity,
                       Duration identityValidity) {

    /** The start of the simulated clock, and the default start of certificate validity. */
    public static final Instant DEFAULT_VALID_FROM = Instant.parse("2025-01-01T00:00:00Z");

    private static final Pattern MSP_ID = Pattern.compile("[A-Za-z0-9.-]+");

    /** Validates; times are truncated to whole seconds, the resolution of X.509 validity. */
    public CaConfig {
        Objects.requireNonNull(mspId, "mspId");
        Objects.requireNonNull(validFrom, "validFrom");
        Objects.requireNonNull(caValidity, "caValidity");
        Objects.requireNonNull(identityValidity, "identityValidity");
        if (!MSP_ID.matcher(mspId).matches()) {
            throw new IllegalArgumentException("invalid MSP id '" + mspId
                    + "': use letters, digits, '.' and '-' only (policy principals are 'MSPID.role')");
        }
        if (caValidity.isNegative() || caValidity.isZero()) {
            throw new IllegalArgumentException("caValidity must be positive, got " + caValidity);
        }
        if (identityValidity.isNegative() || identityValidity.isZero()) {
            throw new IllegalArgumentException("identityValidity must be positive, got " + identityValidity);
        }
        validFrom = validFrom.truncatedTo(ChronoUnit.SECONDS);
    }

    /** A root-only CA valid from {@link #DEFAULT_VALID_FROM}: CA certificates for 15 years, identities for 1 year. */
    public static CaConfig defaults(String mspId) {
        return new CaConfig(mspId, false, DEFAULT_VALID_FROM, Duration.ofDays(15 * 365), Duration.ofDays(365));
    }

    /** This configuration with or without an intermediate CA. */
    public CaConfig withIntermediate(boolean intermediate) {
        return new CaConfig(mspId, intermediate, validFrom, caValidity, identityValidity);
    }

    /** This configuration with certificates valid from {@code start}. */
    public CaConfig withValidFrom(Instant start) {
        return new CaConfig(mspId, withIntermediate, start, caValidity, identityValidity);
    }

    /** This configuration with enrolled identities valid for {@code validity}. */
    public CaConfig withIdentityValidity(Duration validity) {
        return new CaConfig(mspId, withIntermediate, validFrom, caValidity, validity);
    }
}
