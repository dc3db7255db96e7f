package dev.ledgersim.endorsement;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ledgersim.contract.ChaincodeException;
import dev.ledgersim.contract.ChaincodeStub;
import dev.ledgersim.contract.ClientIdentity;
import dev.ledgersim.contract.Context;
import dev.ledgersim.contract.Contract;
import dev.ledgersim.contract.ContractInterface;
import dev.ledgersim.contract.Default;
import dev.ledgersim.contract.Transaction;
import dev.ledgersim.ledger.codec.Hashes;
import dev.ledgersim.ledger.protocol.Bytes;
import dev.ledgersim.msp.internal.Certificates;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code _lifecycle} system chaincode (FABRIC.md §10), run by every peer like any contract: its
 * transactions are endorsed, ordered and validated like any other. Parameters travel as the canonical
 * JSON of {@link ChaincodeParameters}.
 *
 * <ul>
 *   <li>{@code ApproveChaincodeDefinitionForMyOrg}: an admin of the peer's organisation approves; the
 *       approval is written to the organisation's implicit private collection, so other peers see only
 *       its hash. Fabric's sequence rules and messages apply.</li>
 *   <li>{@code CheckCommitReadiness}: which organisations approved exactly these parameters (compared by
 *       hash), for the next sequence.</li>
 *   <li>{@code CommitChaincodeDefinition}: the same check, the endorsing peer's organisation must have
 *       approved, collections may not be removed nor their BlockToLive changed; writes the definition.
 *       The transaction is validated against the channel's LifecycleEndorsement policy (MAJORITY).</li>
 *   <li>{@code QueryChaincodeDefinition}: the committed parameters.</li>
 * </ul>
 */
@Contract(name = "_lifecycle")
@Default
public final class LifecycleContract implements ContractInterface {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final ChannelPolicies channel;

    /** The lifecycle of a channel with {@code channel}'s member organisations. */
    public LifecycleContract(ChannelPolicies channel) {
        this.channel = channel;
    }

    /** Approves {@code parametersJson} for the organisation of the endorsing peer. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public void ApproveChaincodeDefinitionForMyOrg(Context ctx, String parametersJson) {
        ChaincodeStub stub = ctx.getStub();
        String myOrg = stub.getMspId();
        ClientIdentity caller = ctx.getClientIdentity();
        if (!caller.getMSPID().equals(myOrg)
                || !Certificates.organizationalUnits(caller.getX509Certificate()).contains("admin")) {
            throw new ChaincodeException("access denied: ApproveChaincodeDefinitionForMyOrg needs an admin of " + myOrg
                    + ", the peer's organisation; the caller is " + caller.getId() + " of " + caller.getMSPID());
        }
        ChaincodeParameters proposed = parse(parametersJson);
        long current = committedSequence(stub, proposed.name());
        long requested = proposed.sequence();
        if (requested < current) {
            throw new ChaincodeException("currently defined sequence " + current + " is larger than requested sequence " + requested);
        }
        if (requested > current + 1) {
            throw new ChaincodeException("requested sequence " + requested + " is larger than the next available sequence number "
                    + (current + 1));
        }
        byte[] encoded = proposed.toJson();
        if (requested == current) {
            byte[] committed = stub.getState(LifecycleState.definitionKey(proposed.name()));
            if (!Arrays.equals(committed, encoded)) {
                throw new ChaincodeException("attempted to redefine the current committed sequence (" + current
                        + ") for namespace " + proposed.name() + " with different parameters");
            }
        } else {
            byte[] approved = stub.getPrivateDataHash(LifecycleState.implicitCollection(myOrg),
                    LifecycleState.approvalKey(proposed.name(), requested));
            if (Arrays.equals(approved, Hashes.sha256(Bytes.wrap(encoded)).unsafeArray())) {
                throw new ChaincodeException("attempted to redefine uncommitted sequence (" + requested + ") for namespace "
                        + proposed.name() + " with unchanged content");
            }
        }
        stub.putPrivateData(LifecycleState.implicitCollection(myOrg), LifecycleState.approvalKey(proposed.name(), requested),
                encoded);
    }

    /** Which organisations approved {@code parametersJson} for the next sequence: {@code {"approvals":{"Org1MSP":true,...}}}. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String CheckCommitReadiness(Context ctx, String parametersJson) {
        ChaincodeParameters proposed = parse(parametersJson);
        Map<String, Boolean> approvals = approvals(ctx.getStub(), proposed);
        ObjectNode root = JSON.createObjectNode();
        ObjectNode map = root.putObject("approvals");
        approvals.forEach(map::put);
        return root.toString();
    }

    /** Commits {@code parametersJson} as the chaincode's definition. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public void CommitChaincodeDefinition(Context ctx, String parametersJson) {
        ChaincodeStub stub = ctx.getStub();
        ChaincodeParameters proposed = parse(parametersJson);
        Map<String, Boolean> approvals = approvals(stub, proposed);
        String myOrg = stub.getMspId();
        if (!Boolean.TRUE.equals(approvals.get(myOrg))) {
            throw new ChaincodeException("chaincode definition not agreed to by this org (" + myOrg + ")");
        }
        byte[] committed = stub.getState(LifecycleState.definitionKey(proposed.name()));
        if (committed.length > 0) {
            ChaincodeParameters previous = ChaincodeParameters.fromJson(committed);
            for (CollectionConfig existing : previous.collections()) {
                CollectionConfig next = proposed.collection(existing.name()).orElseThrow(() -> new ChaincodeException(
                        "existing collection [" + existing.name() + "] missing in the proposed collection configuration"));
                if (next.blockToLive() != existing.blockToLive()) {
                    throw new ChaincodeException("the BlockToLive in an existing collection [" + existing.name() + "] modified");
                }
            }
        }
        stub.putState(LifecycleState.definitionKey(proposed.name()), proposed.toJson());
    }

    /** The committed parameters of chaincode {@code name}, as canonical JSON. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String QueryChaincodeDefinition(Context ctx, String name) {
        byte[] committed = ctx.getStub().getState(LifecycleState.definitionKey(name));
        if (committed.length == 0) {
            throw new ChaincodeException("namespace " + name + " is not defined");
        }
        return new String(committed, java.nio.charset.StandardCharsets.UTF_8);
    }

    private Map<String, Boolean> approvals(ChaincodeStub stub, ChaincodeParameters proposed) {
        long current = committedSequence(stub, proposed.name());
        if (proposed.sequence() != current + 1) {
            throw new ChaincodeException("requested sequence is " + proposed.sequence() + ", but new definition must be sequence "
                    + (current + 1));
        }
        byte[] expected = Hashes.sha256(Bytes.wrap(proposed.toJson())).unsafeArray();
        Map<String, Boolean> approvals = new TreeMap<>();
        for (String org : channel.organizations()) {
            byte[] hash = stub.getPrivateDataHash(LifecycleState.implicitCollection(org),
                    LifecycleState.approvalKey(proposed.name(), proposed.sequence()));
            approvals.put(org, Arrays.equals(hash, expected));
        }
        return approvals;
    }

    private static long committedSequence(ChaincodeStub stub, String name) {
        byte[] committed = stub.getState(LifecycleState.definitionKey(name));
        return committed.length == 0 ? 0 : ChaincodeParameters.fromJson(committed).sequence();
    }

    private static ChaincodeParameters parse(String json) {
        try {
            return ChaincodeParameters.fromJson(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new ChaincodeException("invalid chaincode parameters: " + e.getMessage(), e);
        }
    }
}
