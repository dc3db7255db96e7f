package dev.ledgersim.bench.workload;

import dev.ledgersim.endorsement.ChaincodeDefinition;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A healthcare mix over {@link RecordsContract}: each client is a doctor; patients are chosen uniformly
 * or by a Zipfian law (busy patients conflict on their chart). Of the transactions, {@code readRatio} read
 * the latest record (audited), the rest enter a record of {@code recordSize} characters; a doctor who is
 * not yet authorised by the chosen patient first asks for authorisation (the third kind of transaction).
 * Each patient starts with one authorised doctor.
 *
 * @param patients the number of patients
 * @param readRatio the fraction of reads among reads and entries
 * @param distribution {@code uniform} or {@code zipfian}
 * @param zipfTheta the Zipfian exponent
 * @param recordSize characters per record
 * @param privateWrites whether record bodies go to a private data collection
 */
public record HealthcareWorkload(int patients, double readRatio, String distribution, double zipfTheta, int recordSize,
                                 boolean privateWrites) implements Workload {

    /** Patients registered per setup transaction. */
    public static final int LOAD_BATCH = 200;

    /** Validates. */
    public HealthcareWorkload {
        if (patients < 1) {
            throw new IllegalArgumentException("healthcare: at least 1 patient, got " + patients);
        }
        if (!(readRatio >= 0 && readRatio <= 1)) {
            throw new IllegalArgumentException("healthcare: readRatio must be in [0, 1], got " + readRatio);
        }
        if (recordSize < 1) {
            throw new IllegalArgumentException("healthcare: recordSize must be at least 1, got " + recordSize);
        }
        KeyChooser.of(distribution, 1, zipfTheta);
    }

    @Override
    public String name() {
        return "healthcare";
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "healthcare: %d patients, %.0f%% reads, %s%s, %d-char records, %s", patients,
                readRatio * 100, distribution, distribution.equals("zipfian") ? " theta " + zipfTheta : "", recordSize,
                privateWrites ? "private" : "public");
    }

    @Override
    public ChaincodeDefinition chaincode(String chaincodeName, String endorsementPolicy, WorkloadSetting setting) {
        return Workload.definition(chaincodeName, RecordsContract::new, endorsementPolicy, privateWrites, RecordsContract.COLLECTION, setting);
    }

    @Override
    public Map<String, String> clientAttributes(int index) {
        return Map.of("role", "doctor", "doctorId", RecordsContract.doctor(index));
    }

    @Override
    public List<TxRequest> setup(WorkloadSetting setting) {
        List<TxRequest> out = new ArrayList<>();
        for (int start = 0; start < patients; start += LOAD_BATCH) {
            out.add(TxRequest.of("registerPatients", Integer.toString(start),
                    Integer.toString(Math.min(LOAD_BATCH, patients - start)), Integer.toString(setting.clients())));
        }
        return out;
    }

    @Override
    public TxGenerator generator(int index, WorkloadSetting setting, SplittableRandom random) {
        KeyChooser chooser = KeyChooser.of(distribution, patients, zipfTheta);
        BitSet authorised = new BitSet(patients);
        for (int p = index % setting.clients(); p < patients; p += setting.clients()) {
            if (p % setting.clients() == index) {
                authorised.set(p);
            }
        }
        String p = Boolean.toString(privateWrites);
        return new TxGenerator() {
            private long records;

            @Override
            public TxRequest next() {
                int chosen = chooser.next(random);
                String patient = RecordsContract.patient(chosen);
                if (!authorised.get(chosen)) {
                    authorised.set(chosen);
                    return TxRequest.of("authorise", patient);
                }
                if (random.nextDouble() < readRatio) {
                    return TxRequest.of("readRecord", patient, p);
                }
                String recordId = "r" + index + "-" + records++;
                String body = KvWorkload.randomValue(random, recordSize);
                if (privateWrites) {
                    return new TxRequest("enterRecord", List.of(patient, recordId, "", p),
                            Map.of("record", body.getBytes(StandardCharsets.UTF_8)));
                }
                return TxRequest.of("enterRecord", patient, recordId, body, p);
            }
        };
    }
}
