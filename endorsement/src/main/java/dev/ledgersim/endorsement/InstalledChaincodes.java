package dev.ledgersim.endorsement;

import dev.ledgersim.contract.ContractInterface;
import dev.ledgersim.endorsement.routing.ContractRouter;
import java.util.List;
import java.util.function.Supplier;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The chaincodes installed on one peer: the contract code behind each chaincode name. Installing does
 * not define a chaincode on a channel (the lifecycle does); a peer endorses a defined chaincode only if
 * it has it installed. The {@code _lifecycle} system chaincode is always installed. Thread-safe.
 */
public final class InstalledChaincodes {

    private final Map<String, ContractRouter> routers = new ConcurrentHashMap<>();

    /** A peer's chaincodes, with the lifecycle of a channel with {@code channel}'s organisations. */
    public InstalledChaincodes(ChannelPolicies channel) {
        routers.put(LifecycleState.NAMESPACE, ContractRouter.of(List.<Supplier<? extends ContractInterface>>of(() -> new LifecycleContract(channel))));
    }

    /**
     * Installs the contracts of {@code definition} under its name (replacing an earlier package, as an
     * upgrade installs a new one).
     *
     * @throws IllegalArgumentException when the contract classes are not valid contracts (the router's message)
     */
    public void install(ChaincodeDefinition definition) {
        Objects.requireNonNull(definition, "definition");
        routers.put(definition.name(), ContractRouter.of(definition.contracts()));
    }

    /** The installed code of {@code chaincode}. */
    public Optional<ContractRouter> router(String chaincode) {
        return Optional.ofNullable(routers.get(chaincode));
    }
}
