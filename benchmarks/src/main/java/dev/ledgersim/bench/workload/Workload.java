package dev.ledgersim.bench.workload;

import dev.ledgersim.contract.ContractInterface;
import dev.ledgersim.endorsement.ChaincodeDefinition;
import dev.ledgersim.endorsement.CollectionConfig;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;

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

    /** The certificate attributes of client {@code index} (e.g. {@code role=doctor}); none by default. */
    default Map<String, String> clientAttributes(int index) {
        return Map.of();
    }

    /** The transactions that load the initial data, submitted before the warm-up. */
    List<TxRequest> setup(WorkloadSetting setting);

    /** The generator of client {@code index}, drawing from {@code random}. */
    TxGenerator generator(int index, WorkloadSetting setting, SplittableRandom random);

    /**
     * The definition every workload deploys: {@code contract} under {@code chaincodeName} with
     * {@code endorsementPolicy}, plus, when {@code privateWrites}, the collection {@code collection} that
     * every organisation holds.
     */
    static ChaincodeDefinition definition(String chaincodeName, Supplier<? extends ContractInterface> contract,
                                          String endorsementPolicy, boolean privateWrites, String collection,
                                          WorkloadSetting setting) {
        ChaincodeDefinition.Builder b = ChaincodeDefinition.builder(chaincodeName, contract)
                .endorsementPolicy(endorsementPolicy);
        if (privateWrites) {
            int others = Math.max(0, setting.peers() - 1);
            b.collection(CollectionConfig.builder(collection).memberOrgsPolicy(setting.allMembersPolicy())
                    .requiredPeerCount(others).maxPeerCount(others).build());
        }
        return b.build();
    }
}
