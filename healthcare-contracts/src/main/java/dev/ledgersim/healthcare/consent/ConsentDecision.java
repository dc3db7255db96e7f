package dev.ledgersim.healthcare.consent;

/**
 * The answer of {@link ConsentEvaluator} and of {@code consentcc}'s {@code evaluate}: permit or deny, the
 * consent and provision that decided (none when no consent applied or a break-glass decided), and why.
 *
 * @param decision {@code permit} or {@code deny}
 * @param consentId the deciding consent, or null
 * @param provision the path of the deciding provision in it, e.g. {@code provision.provision[0]}, or
 *     {@code breakGlass}, or null
 * @param purpose the purpose the request was decided for
 * @param reason the decision in words
 */
public record ConsentDecision(String decision, String consentId, String provision, String purpose, String reason) {

    /** {@code permit}. */
    public static final String PERMIT = "permit";
    /** {@code deny}. */
    public static final String DENY = "deny";

    /** Whether the request is permitted. */
    public boolean permitted() {
        return PERMIT.equals(decision);
    }
}
