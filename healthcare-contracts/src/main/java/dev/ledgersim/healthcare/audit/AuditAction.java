package dev.ledgersim.healthcare.audit;

/**
 * What an audited access did, with its FHIR {@code AuditEvent.action} code and the
 * {@code restful-interaction} subtype. Seed A's usage-record operations map as {@code add} → C,
 * {@code read} → R, {@code append} → U (HEALTHCARE.md §5.2); a purge is D, a break-glass E.
 */
public enum AuditAction {
    /** Create: a new record. */
    CREATE("C", "create"),
    /** Read or query. */
    READ("R", "read"),
    /** Update: append to or change a record. */
    UPDATE("U", "update"),
    /** Delete: a purge. */
    DELETE("D", "delete"),
    /** Execute: an operation such as a break-glass override. */
    EXECUTE("E", "operation");

    private final String code;
    private final String interaction;

    AuditAction(String code, String interaction) {
        this.code = code;
        this.interaction = interaction;
    }

    /** The {@code AuditEvent.action} code (C, R, U, D, E). */
    public String code() {
        return code;
    }

    /** The {@code http://hl7.org/fhir/restful-interaction} code of the subtype. */
    public String interaction() {
        return interaction;
    }
}
