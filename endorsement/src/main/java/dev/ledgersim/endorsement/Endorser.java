package dev.ledgersim.endorsement;

import dev.ledgersim.contract.Chaincode;
import dev.ledgersim.contract.ChaincodeException;
import dev.ledgersim.endorsement.routing.ContractRouter;
import dev.ledgersim.endorsement.routing.Invocation;
import dev.ledgersim.endorsement.simulation.CommittedReader;
import dev.ledgersim.endorsement.simulation.SimulationBudget;
import dev.ledgersim.endorsement.simulation.TransactionSimulator;
import dev.ledgersim.endorsement.simulation.TxContext;
import dev.ledgersim.ledger.codec.CodecException;
import dev.ledgersim.ledger.codec.Hashes;
import dev.ledgersim.ledger.codec.ProtoCodec;
import dev.ledgersim.ledger.commit.ChannelLedger;
import dev.ledgersim.ledger.protocol.Bytes;
import dev.ledgersim.ledger.protocol.ChaincodeEvent;
import dev.ledgersim.ledger.protocol.ChannelHeader;
import dev.ledgersim.ledger.protocol.HeaderType;
import dev.ledgersim.ledger.protocol.Proposal;
import dev.ledgersim.ledger.protocol.ProposalResponse;
import dev.ledgersim.ledger.protocol.Response;
import dev.ledgersim.ledger.protocol.SignatureHeader;
import dev.ledgersim.ledger.protocol.SignedProposal;
import dev.ledgersim.ledger.protocol.Timestamp;
import dev.ledgersim.ledger.rwset.SimulationResults;
import dev.ledgersim.ledger.tx.Transactions;
import dev.ledgersim.msp.Identity;
import dev.ledgersim.msp.Msp;
import dev.ledgersim.msp.MspException;
import dev.ledgersim.msp.MspManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A peer's endorser for one channel (Fabric's {@code core/endorser}): checks a signed proposal, runs the
 * chaincode in a {@link TransactionSimulator} over the committed state, and signs the result.
 *
 * <p>Checks, in Fabric's order (FABRIC.md §3.1–3.2): the proposal decodes; header type, epoch, nonce and
 * creator; txid = hex(SHA-256(nonce || creator)); the creator deserializes and is valid (chain,
 * revocation, role) and its certificate has not expired at the proposal's arrival ("proposal client
 * identity expired"); its signature over the proposal bytes; the channel; the channel's Writers policy
 * (for application chaincodes; the lifecycle checks its own access); the txid is not already in the
 * ledger; the chaincode is defined on the channel and installed here. A failed check, or a contract
 * that throws, gives a response with status 500 and the reason, and no endorsement. A contract that
 * exceeds its operation budget is stopped and rejected the same way.
 *
 * <p>The contract's exceptions never escape: the router turns any {@link Throwable} of a contract into a
 * {@link ChaincodeException}. Thread-safe: simulations run under the ledger's read lock.
 */
public final class Endorser {

    private static final Logger LOG = LoggerFactory.getLogger(Endorser.class);

    /**
     * What the endorser answered.
     *
     * @param txId the proposal's txid, or empty when unreadable
     * @param response the proposal response (status, message, payload, endorsement when successful)
     * @param simulation the rw-sets, for the private data they hold (empty when not endorsed)
     * @param event the event the contract set, if any
     */
    public record Outcome(String txId, ProposalResponse response, Optional<SimulationResults> simulation,
                          Optional<ChaincodeEvent> event) {
        /** Whether the proposal was endorsed. */
        public boolean endorsed() {
            return response.endorsement() != null;
        }
    }

    private final Identity peer;
    private final ChannelLedger ledger;
    private final MspManager msps;
    private final ChannelPolicies channel;
    private final LifecycleState lifecycle;
    private final InstalledChaincodes installed;
    private final CommittedReader reader;
    private final long maxOperations;

    /**
     * An endorser for {@code peer} on the channel of {@code ledger}.
     *
     * @param maxOperations the ledger-operation budget of one simulation (see {@link SimulationBudget})
     */
    public Endorser(Identity peer, ChannelLedger ledger, MspManager msps, ChannelPolicies channel,
                    InstalledChaincodes installed, long maxOperations) {
        this.peer = Objects.requireNonNull(peer, "peer");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.msps = Objects.requireNonNull(msps, "msps");
        this.channel = Objects.requireNonNull(channel, "channel");
        this.installed = Objects.requireNonNull(installed, "installed");
        this.lifecycle = new LifecycleState(ledger.stateDb(), channel);
        this.reader = new CommittedReader(ledger.stateDb(), ledger.historyIndex());
        this.maxOperations = maxOperations;
    }

    /** The lifecycle view of this channel's state, for the validator's policies. */
    public LifecycleState lifecycle() {
        return lifecycle;
    }

    /** Processes a signed proposal that arrived at {@code now} (simulated time). */
    public Outcome processProposal(SignedProposal signed, Instant now) {
        Proposal proposal;
        try {
            proposal = ProtoCodec.decodeProposal(signed.proposalBytes());
        } catch (CodecException e) {
            return refuse("", "error validating proposal: the proposal cannot be decoded: " + e.getMessage(), now);
        }
        ChannelHeader chdr = proposal.header().channelHeader();
        SignatureHeader shdr = proposal.header().signatureHeader();
        String txId = chdr.txId();
        if (chdr.headerType() != HeaderType.ENDORSER_TRANSACTION) {
            return refuse(txId, "error validating proposal: invalid header type " + chdr.type(), now);
        }
        if (chdr.epoch() != 0) {
            return refuse(txId, "error validating proposal: epoch is " + chdr.epoch() + ", must be 0", now);
        }
        if (shdr.nonce().isEmpty() || shdr.creator().isEmpty()) {
            return refuse(txId, "error validating proposal: the nonce or the creator is empty", now);
        }
        String expected = Hashes.txId(shdr.nonce(), shdr.creator());
        if (!expected.equals(txId)) {
            return refuse(txId, "error validating proposal: incorrectly formed txid " + txId + " (expected " + expected + ")", now);
        }
        Identity creator;
        try {
            creator = msps.deserializeAndValidate(shdr.creator().unsafeBackingArray(), shdr.creator().backingOffset(),
                    shdr.creator().size());
            Msp.checkNotExpired(creator, now);
        } catch (MspException e) {
            String reason = e.reason() == MspException.Reason.EXPIRED ? "proposal client identity expired: " : "access denied: ";
            return refuse(txId, reason + e.getMessage(), now);
        }
        if (!Transactions.signatureVerifies(creator, signed.proposalBytes(), signed.signature())) {
            return refuse(txId, "access denied: the signature of " + creator + " over the proposal is not valid", now);
        }
        if (!chdr.channelId().equals(ledger.channelId())) {
            return refuse(txId, "channel '" + chdr.channelId() + "' not found on peer " + peer.name(), now);
        }
        String chaincode = proposal.payload().chaincodeId().name();
        boolean system = chaincode.equals(LifecycleState.NAMESPACE);
        if (!system && !channel.writers().isSatisfiedBy(List.of(creator))) {
            return refuse(txId, "access denied: " + creator + " does not satisfy the Writers policy of channel "
                    + ledger.channelId(), now);
        }
        if (ledger.blockStore().txIdExists(txId)) {
            return refuse(txId, "duplicate transaction found [" + txId + "]. Creator [" + shdr.creator().toHex() + "]", now);
        }
        return ledger.read(() -> simulateAndEndorse(proposal, creator, chaincode, system, now));
    }

    private Outcome simulateAndEndorse(Proposal proposal, Identity creator, String chaincode, boolean system, Instant now) {
        ChannelHeader chdr = proposal.header().channelHeader();
        String txId = chdr.txId();
        String version;
        if (system) {
            version = "syscc";
        } else {
            Optional<ChaincodeParameters> definition = lifecycle.committed(chaincode);
            if (definition.isEmpty()) {
                return refuse(txId, "make sure the chaincode " + chaincode + " has been successfully defined on channel "
                        + ledger.channelId() + " and try again: chaincode " + chaincode + " not found", now);
            }
            version = definition.get().version();
        }
        Optional<ContractRouter> router = installed.router(chaincode);
        if (router.isEmpty()) {
            return refuse(txId, "chaincode " + chaincode + " is not installed on peer " + peer.name(), now);
        }
        List<Bytes> args = proposal.payload().input().args();
        if (args.isEmpty()) {
            return refuse(txId, "the proposal names no function", now);
        }
        TxContext context = new TxContext(ledger.channelId(), txId, creator, proposal.header().signatureHeader().nonce(),
                chdr.timestamp(), args, proposal.payload().transientMap(), peer.mspId());
        TransactionSimulator stub = TransactionSimulator.start(chaincode, context, reader,
                new SimulationBudget(maxOperations), lifecycle.collections(), this::invokeNested);
        Response response;
        try {
            List<byte[]> params = new ArrayList<>();
            args.subList(1, args.size()).forEach(a -> params.add(a.toByteArray()));
            Invocation invocation = router.get().invoke(args.get(0).toUtf8(), params, stub);
            response = Response.ok(Bytes.wrap(invocation.payload()));
        } catch (ChaincodeException e) {
            byte[] payload = e.getPayload();
            response = new Response(Response.ERROR, e.getMessage() == null ? "" : e.getMessage(),
                    payload == null ? Bytes.EMPTY : Bytes.wrap(payload));
            LOG.debug("peer {}: chaincode {} failed for tx {}: {}", peer.name(), chaincode, txId, e.getMessage());
            return new Outcome(txId, new ProposalResponse(1, Timestamp.of(now), response, Bytes.EMPTY, null),
                    Optional.empty(), Optional.empty());
        }
        SimulationResults results = stub.results();
        Optional<ChaincodeEvent> event = stub.event();
        ProposalResponse endorsed = Transactions.endorse(proposal, results.publicRwSet(), event.orElse(null), response,
                version, peer, Timestamp.of(now));
        return new Outcome(txId, endorsed, Optional.of(results), event);
    }

    private Chaincode.Response invokeNested(String chaincode, List<byte[]> args, TransactionSimulator stub) {
        if (lifecycle.committed(chaincode).isEmpty()) {
            return Chaincode.Response.error("chaincode " + chaincode + " is not defined on channel " + ledger.channelId(), null);
        }
        Optional<ContractRouter> router = installed.router(chaincode);
        if (router.isEmpty()) {
            return Chaincode.Response.error("chaincode " + chaincode + " is not installed on peer " + peer.name(), null);
        }
        if (args.isEmpty()) {
            return Chaincode.Response.error("invokeChaincode: no function given for " + chaincode, null);
        }
        try {
            Invocation invocation = router.get().invoke(new String(args.get(0), java.nio.charset.StandardCharsets.UTF_8),
                    args.subList(1, args.size()), stub);
            return Chaincode.Response.success(invocation.payload());
        } catch (ChaincodeException e) {
            return Chaincode.Response.error(e.getMessage(), e.getPayload());
        }
    }

    private Outcome refuse(String txId, String message, Instant now) {
        LOG.debug("peer {} refused proposal {}: {}", peer.name(), txId, message);
        return new Outcome(txId, new ProposalResponse(1, Timestamp.of(now), Response.error(message), Bytes.EMPTY, null),
                Optional.empty(), Optional.empty());
    }
}
