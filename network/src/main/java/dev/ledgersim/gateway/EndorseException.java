package dev.ledgersim.gateway;

import java.util.Map;
import java.util.TreeMap;

/** Endorsement failed: the peers that refused, each with its status message, or the endorsers disagreed. */
public class EndorseException extends GatewayException {

    private static final long serialVersionUID = 1L;

    private final TreeMap<String, String> details;

    /** Endorsement of {@code transactionId} failed; {@code details} maps peer names (or organisations) to reasons. */
    public EndorseException(String transactionId, String message, Map<String, String> details) {
        super(transactionId, message);
        this.details = new TreeMap<>(details);
    }

    /** Per peer (or organisation), why it did not endorse. */
    public Map<String, String> getDetails() {
        return java.util.Collections.unmodifiableMap(details);
    }
}
