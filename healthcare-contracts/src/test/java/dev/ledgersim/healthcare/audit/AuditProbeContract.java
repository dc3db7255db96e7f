package dev.ledgersim.healthcare.audit;

import dev.ledgersim.contract.Context;
import dev.ledgersim.contract.ContractInterface;
import dev.ledgersim.contract.Transaction;
import dev.ledgersim.healthcare.fhir.AuditEvent;
import dev.ledgersim.healthcare.fhir.Fhir;
import dev.ledgersim.healthcare.fhir.Reference;
import dev.ledgersim.healthcare.util.Caller;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A test contract that writes and reads AuditEvents through AuditLog. */
public final class AuditProbeContract implements ContractInterface {

    /** A new probe. */
    public AuditProbeContract() {
    }

    /** Records one access by the caller to {@code patient}'s data. */
    @Transaction
    public String log(Context ctx, String patient, String action, boolean granted, boolean emergency) {
        AuditEntry entry = new AuditEntry(patient, Caller.of(ctx), AuditAction.valueOf(action), granted,
                granted ? "" : "refused", emergency ? "BTG" : "TREAT", List.of(Reference.to("Encounter", "case1")), emergency);
        return Fhir.toJson(new AuditLog(ctx.getStub(), "probecc").record(entry));
    }

    /** The events about {@code patient} in {@code [from, to]} (ISO instants, empty for open). */
    @Transaction
    public String read(Context ctx, String patient, String from, String to) {
        List<String> out = new ArrayList<>();
        for (AuditEvent e : new AuditLog(ctx.getStub(), "probecc").query(patient,
                from.isEmpty() ? null : Instant.parse(from), to.isEmpty() ? null : Instant.parse(to))) {
            out.add(e.recorded());
        }
        return String.join(",", out);
    }
}
