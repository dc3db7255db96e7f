package dev.ledgersim.contract;

/**
 * Creates {@link StateBasedEndorsement}s, as Fabric Java's {@code StateBasedEndorsementFactory}:
 * {@code StateBasedEndorsementFactory.getInstance().newStateBasedEndorsement(ep)}. Stateless and
 * thread-safe.
 */
public final class StateBasedEndorsementFactory {

    private static final StateBasedEndorsementFactory INSTANCE = new StateBasedEndorsementFactory();

    private StateBasedEndorsementFactory() {
    }

    /** The factory. */
    public static StateBasedEndorsementFactory getInstance() {
        return INSTANCE;
    }

    /**
     * An editable policy starting from the validation parameter {@code ep} (as returned by
     * {@link ChaincodeStub#getStateValidationParameter}), or with no organisations when {@code ep} is
     * null or empty.
     *
     * @throws IllegalArgumentException when {@code ep} is not UTF-8 policy text, does not parse, or is
     *     not an {@code AND} over principals of distinct organisations (a policy this helper could not
     *     have written); the message says which
     */
    public StateBasedEndorsement newStateBasedEndorsement(byte[] ep) {
        return OrgSetEndorsement.parse(ep);
    }
}
