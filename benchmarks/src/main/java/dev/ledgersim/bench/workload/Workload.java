package dev.ledgersim.bench.workload;

import dev.ledgersim.endorsement.ChaincodeDefinition;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A standard workload: the contract it runs, the data it loads first, and a generator of the
 * transactions of each client.
 */
public interface Workload {

    /** Its short name: {@code kv}, {@code smallbank}, {@code healthcare}. */
    String name();

    /** Its parameters, for result files. */
    String describe();

    /**
     * The chaincode definition to deploy under {@code chaincodeName}, with its endorsement policy and,
     * when the workload writes privately, its collection.
     */
    ChaincodeDefinition chaincode(String chaincodeName, String endorsementPolicy, WorkloadSetting setting);

    /** The certificate attributes of client {@code index} (e.g. {@code role=doctor}). */
    Map<String, String> clientAttributes(int index);

    /** The transactions that load the initial data, submitted before the warm-up. */
    List<TxRequest> setup(WorkloadSetting setting);

    /** The generator of client {@code index}, drawing from {@code random}. */
    TxGenerator generator(int index, WorkloadSetting setting, SplittableRandom random);

    /** The private data collection for a workload that writes privately: every organisation holds the data. */
    static dev.ledgersim.endorsement.CollectionConfig collection(String name, WorkloadSetting setting) {
        int others = Math.max(0, setting.peers() - 1);
        return dev.ledgersim.endorsement.CollectionConfig.builder(name).memberOrgsPolicy(setting.allMembersPolicy())
                .requiredPeerCount(others).maxPeerCount(others).build();
    }
}
