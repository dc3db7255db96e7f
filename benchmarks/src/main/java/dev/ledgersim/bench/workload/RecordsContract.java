package dev.ledgersim.bench.workload;

import dev.ledgersim.contract.ChaincodeException;
import dev.ledgersim.contract.ChaincodeStub;
import dev.ledgersim.contract.ClientIdentity;
import dev.ledgersim.contract.Context;
import dev.ledgersim.contract.Contract;
import dev.ledgersim.contract.ContractInterface;
import dev.ledgersim.contract.Default;
import dev.ledgersim.contract.Transaction;
import java.nio.charset.StandardCharsets;

/**
 * A small medical-records contract for the healthcare workload (the full healthcare suite lives in
 * {@code healthcare-contracts}). Doctors — clients whose certificate has {@code role=doctor} and a
 * {@code doctorId} — may enter and read the records of a patient who has authorised them; every read is
 * audited on the ledger. Record bodies are public, or private in collection {@value #COLLECTION} (passed
 * in the transient field {@code record}), while the chart pointer, consents and audit trail stay public.
 *
 * <p>Keys: {@code consent_<patient>_<doctor>}, {@code chart_<patient>} (the latest record id),
 * {@code record_<patient>_<recordId>}, {@code audit_<patient>_<txId>}.
 */
@Contract(name = "records")
@Default
public final class RecordsContract implements ContractInterface {

    /** The private data collection of record bodies. */
    public static final String COLLECTION = "phi";

    /** The id of patient {@code index}. */
    public static String patient(int index) {
        return String.format("p%07d", index);
    }

    /** The doctor id of client {@code index}. */
    public static String doctor(int index) {
        return "dr" + index;
    }

    /** Registers patients {@code start .. start+count-1}; each authorises its primary doctor (patient mod doctors). */
    @Transaction
    public void registerPatients(Context ctx, int start, int count, int doctors) {
        ChaincodeStub stub = ctx.getStub();
        for (int i = start; i < start + count; i++) {
            stub.putStringState("chart_" + patient(i), "");
            stub.putStringState("consent_" + patient(i) + "_" + doctor(i % doctors), "granted");
        }
    }

    /** The patient authorises the calling doctor (through the doctor's application). */
    @Transaction
    public void authorise(Context ctx, String patient) {
        String doctor = callingDoctor(ctx);
        ctx.getStub().putStringState("consent_" + patient + "_" + doctor, "granted");
    }

    /** An authorised doctor enters a record; the patient's chart points to it. */
    @Transaction
    public void enterRecord(Context ctx, String patient, String recordId, String body, boolean privately) {
        ChaincodeStub stub = ctx.getStub();
        requireConsent(ctx, patient);
        String key = "record_" + patient + "_" + recordId;
        if (privately) {
            byte[] value = stub.getTransient().get("record");
            if (value == null) {
                throw new ChaincodeException("the transient field 'record' is missing", "MISSING_RECORD");
            }
            stub.putPrivateData(COLLECTION, key, value);
        } else {
            stub.putStringState(key, body);
        }
        stub.getStringState("chart_" + patient);
        stub.putStringState("chart_" + patient, recordId);
    }

    /** An authorised doctor reads the latest record of a patient; the access is audited. Returns its length. */
    @Transaction
    public int readRecord(Context ctx, String patient, boolean privately) {
        ChaincodeStub stub = ctx.getStub();
        String doctor = requireConsent(ctx, patient);
        String latest = stub.getStringState("chart_" + patient);
        int length = 0;
        if (!latest.isEmpty()) {
            String key = "record_" + patient + "_" + latest;
            length = (privately ? stub.getPrivateData(COLLECTION, key) : stub.getState(key)).length;
        }
        stub.putState("audit_" + patient + "_" + stub.getTxId(), doctor.getBytes(StandardCharsets.UTF_8));
        return length;
    }

    private static String callingDoctor(Context ctx) {
        ClientIdentity caller = ctx.getClientIdentity();
        String doctor = caller.getAttributeValue("doctorId");
        if (!caller.assertAttributeValue("role", "doctor") || doctor == null) {
            throw new ChaincodeException("only doctors may do this", "UNAUTHORIZED");
        }
        return doctor;
    }

    private static String requireConsent(Context ctx, String patient) {
        String doctor = callingDoctor(ctx);
        if (ctx.getStub().getStringState("consent_" + patient + "_" + doctor).isEmpty()) {
            throw new ChaincodeException(patient + " has not authorised " + doctor, "NO_CONSENT");
        }
        return doctor;
    }
}
