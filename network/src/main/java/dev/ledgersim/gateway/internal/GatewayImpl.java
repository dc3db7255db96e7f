package dev.ledgersim.gateway.internal;

import dev.ledgersim.gateway.ChaincodeEvent;
import dev.ledgersim.gateway.CloseableIterator;
import dev.ledgersim.gateway.CommitException;
import dev.ledgersim.gateway.CommitStatusException;
import dev.ledgersim.gateway.Contract;
import dev.ledgersim.gateway.EndorseException;
import dev.ledgersim.gateway.Gateway;
import dev.ledgersim.gateway.GatewayException;
import dev.ledgersim.gateway.Network;
import dev.ledgersim.gateway.Proposal;
import dev.ledgersim.gateway.Status;
import dev.ledgersim.gateway.SubmitException;
import dev.ledgersim.gateway.SubmittedTransaction;
import dev.ledgersim.gateway.Transaction;
import dev.ledgersim.ledger.Block;
import dev.ledgersim.ledger.TxValidationCode;
import dev.ledgersim.ledger.codec.CodecException;
import dev.ledgersim.ledger.codec.ProtoCodec;
import dev.ledgersim.ledger.protocol.Bytes;
import dev.ledgersim.ledger.protocol.Envelope;
import dev.ledgersim.ledger.protocol.ProposalResponse;
import dev.ledgersim.ledger.protocol.ProposalResponsePayload;
import dev.ledgersim.ledger.protocol.Timestamp;
import dev.ledgersim.ledger.tx.ProposalRequest;
import dev.ledgersim.ledger.tx.Transactions;
import dev.ledgersim.msp.Identity;
import dev.ledgersim.network.internal.NetworkState;
import dev.ledgersim.network.internal.PeerHost;
import dev.ledgersim.network.runtime.NodeUnavailableException;
import dev.ledgersim.network.runtime.RuntimeTimeoutException;
import dev.ledgersim.orderer.BroadcastResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The client side of Fabric Gateway over the runtime: proposals are built and signed here, and the
 * gateway peer ({@link PeerHost}) endorses across organisations, submits to an orderer and reports the
 * commit status. Every wait goes through the engine, so in the simulated runtime it advances simulated
 * time until the answer exists.
 */
public final class GatewayImpl implements Gateway {

    /** How long a blocking call waits for an answer (simulated or wall time). */
    public static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);
    /** How long an event iterator's {@code hasNext} waits for the next event. */
    public static final Duration EVENT_WAIT = Duration.ofSeconds(30);

    private final NetworkState network;
    private final Identity identity;
    private final String peer;
    private final List<EventStream<?>> streams = new CopyOnWriteArrayList<>();

    /** A gateway for {@code identity} through peer {@code peer}. */
    public GatewayImpl(NetworkState network, Identity identity, String peer) {
        this.network = Objects.requireNonNull(network, "network");
        this.identity = Objects.requireNonNull(identity, "identity");
        this.peer = Objects.requireNonNull(peer, "peer");
        if (!identity.canSign()) {
            throw new IllegalArgumentException("identity " + identity + " has no private key: connect with an identity "
                    + "returned by Organization.enroll or admin");
        }
    }

    @Override
    public Identity getIdentity() {
        return identity;
    }

    @Override
    public String getPeer() {
        return peer;
    }

    @Override
    public Network getNetwork(String channelName) {
        if (!network.members(channelName).contains(network.orgOfPeer(peer))) {
            throw new IllegalArgumentException("gateway peer " + peer + " is not a member of channel '" + channelName
                    + "' (members: " + network.members(channelName) + ")");
        }
        return new NetworkImpl(channelName);
    }

    @Override
    public void close() {
        streams.forEach(EventStream::close);
    }

    private <T> T onPeer(Function<PeerHost, CompletableFuture<T>> action, String what) throws GatewayException {
        try {
            return network.engine().await(onPeerAsync(action), CALL_TIMEOUT, what);
        } catch (NodeUnavailableException e) {
            throw new GatewayException("", unavailable(e));
        } catch (RuntimeTimeoutException e) {
            throw new GatewayException("", what + " got no answer from gateway peer " + peer + " within " + CALL_TIMEOUT);
        }
    }

    /** Runs {@code action} on the gateway peer; the future completes when the action's own future does. */
    private <T> CompletableFuture<T> onPeerAsync(Function<PeerHost, CompletableFuture<T>> action) {
        return network.engine().call(peer, PeerHost.class, action).thenCompose(f -> f);
    }

    private String unavailable(Throwable e) {
        return "gateway peer " + peer + " is unavailable: " + e.getMessage();
    }

    /** The failure behind a completion stage's exception. */
    private static Throwable causeOf(Throwable t) {
        Throwable c = t;
        while ((c instanceof java.util.concurrent.CompletionException || c instanceof java.util.concurrent.ExecutionException)
                && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    /** The gateway's explanation of a failed asynchronous call to its peer. */
    private String describeFailure(Throwable t) {
        Throwable c = causeOf(t);
        return c instanceof NodeUnavailableException ? unavailable(c) : String.valueOf(c.getMessage());
    }

    private final class NetworkImpl implements Network {
        private final String channel;

        NetworkImpl(String channel) {
            this.channel = channel;
        }

        @Override
        public String getName() {
            return channel;
        }

        @Override
        public Contract getContract(String chaincodeName) {
            return new ContractImpl(channel, chaincodeName, null);
        }

        @Override
        public Contract getContract(String chaincodeName, String contractName) {
            return new ContractImpl(channel, chaincodeName, contractName);
        }

        @Override
        public CloseableIterator<ChaincodeEvent> getChaincodeEvents(String chaincodeName) {
            return events(chaincodeName, -1);
        }

        @Override
        public CloseableIterator<ChaincodeEvent> getChaincodeEvents(String chaincodeName, long startBlock) {
            return events(chaincodeName, startBlock);
        }

        private CloseableIterator<ChaincodeEvent> events(String chaincodeName, long startBlock) {
            return new EventStream<ChaincodeEvent>(channel, startBlock, block -> {
                List<ChaincodeEvent> out = new ArrayList<>();
                for (var event : block.events()) {
                    if (event.chaincodeId().equals(chaincodeName)) {
                        out.add(new ChaincodeEventImpl(block.block().number(), event.txId(), event.chaincodeId(),
                                event.eventName(), event.payload().toByteArray()));
                    }
                }
                return out;
            });
        }

        @Override
        public CloseableIterator<Block> getBlockEvents() {
            return new EventStream<Block>(channel, -1, b -> List.of(Block.of(b.block())));
        }

        @Override
        public CloseableIterator<Block> getBlockEvents(long startBlock) {
            return new EventStream<Block>(channel, startBlock, b -> List.of(Block.of(b.block())));
        }
    }

    private final class ContractImpl implements Contract {
        private final String channel;
        private final String chaincode;
        private final String contractName;

        ContractImpl(String channel, String chaincode, String contractName) {
            this.channel = channel;
            this.chaincode = chaincode;
            this.contractName = contractName;
        }

        @Override
        public String getChaincodeName() {
            return chaincode;
        }

        @Override
        public String getContractName() {
            return contractName;
        }

        @Override
        public byte[] submitTransaction(String name)
                throws EndorseException, SubmitException, CommitStatusException, CommitException {
            return newProposal(name).build().endorse().submit();
        }

        @Override
        public byte[] evaluateTransaction(String name) throws GatewayException {
            return newProposal(name).build().evaluate();
        }

        @Override
        public byte[] submitTransaction(String name, String... args)
                throws EndorseException, SubmitException, CommitStatusException, CommitException {
            return newProposal(name).addArguments(args).build().endorse().submit();
        }

        @Override
        public byte[] submitTransaction(String name, byte[]... args)
                throws EndorseException, SubmitException, CommitStatusException, CommitException {
            return newProposal(name).addArguments(args).build().endorse().submit();
        }

        @Override
        public byte[] evaluateTransaction(String name, String... args) throws GatewayException {
            return newProposal(name).addArguments(args).build().evaluate();
        }

        @Override
        public byte[] evaluateTransaction(String name, byte[]... args) throws GatewayException {
            return newProposal(name).addArguments(args).build().evaluate();
        }

        @Override
        public Proposal.Builder newProposal(String name) {
            String function = contractName == null ? name : contractName + ":" + name;
            return new ProposalBuilderImpl(channel, chaincode, function);
        }
    }

    private final class ProposalBuilderImpl implements Proposal.Builder {
        private final String channel;
        private final String chaincode;
        private final String function;
        private final List<Bytes> args = new ArrayList<>();
        private final TreeMap<String, Bytes> transientMap = new TreeMap<>();
        private final List<String> organizations = new ArrayList<>();

        ProposalBuilderImpl(String channel, String chaincode, String function) {
            this.channel = channel;
            this.chaincode = chaincode;
            this.function = function;
        }

        @Override
        public Proposal.Builder addArguments(String... values) {
            for (String value : values) {
                args.add(Bytes.utf8(Objects.requireNonNull(value, "argument")));
            }
            return this;
        }

        @Override
        public Proposal.Builder addArguments(byte[]... values) {
            for (byte[] value : values) {
                args.add(Bytes.of(Objects.requireNonNull(value, "argument")));
            }
            return this;
        }

        @Override
        public Proposal.Builder putTransient(String name, byte[] value) {
            transientMap.put(Objects.requireNonNull(name, "name"), Bytes.of(Objects.requireNonNull(value, "value")));
            return this;
        }

        @Override
        public Proposal.Builder putAllTransient(Map<String, byte[]> values) {
            values.forEach(this::putTransient);
            return this;
        }

        @Override
        public Proposal.Builder setEndorsingOrganizations(String... mspIds) {
            organizations.clear();
            organizations.addAll(Arrays.asList(mspIds));
            return this;
        }

        @Override
        public Proposal build() {
            ProposalRequest request = new ProposalRequest(channel, chaincode, function, args, transientMap,
                    network.nextNonce(), Timestamp.of(network.engine().now()));
            return new ProposalImpl(channel, Transactions.propose(request, identity), List.copyOf(organizations),
                    network.engine().now());
        }
    }

    private final class ProposalImpl implements Proposal {
        private final String channel;
        private final Transactions.SignedProposalEnvelope proposal;
        private final List<String> organizations;
        private final Instant proposedAt;

        ProposalImpl(String channel, Transactions.SignedProposalEnvelope proposal, List<String> organizations,
                     Instant proposedAt) {
            this.channel = channel;
            this.proposal = proposal;
            this.organizations = organizations;
            this.proposedAt = proposedAt;
        }

        @Override
        public String getTransactionId() {
            return proposal.txId();
        }

        @Override
        public byte[] evaluate() throws GatewayException {
            var outcome = onPeer(p -> CompletableFuture.completedFuture(p.evaluate(channel, proposal.signed())),
                    "evaluate " + proposal.txId());
            var response = outcome.response().response();
            if (response.status() >= 400) {
                throw new EndorseException(proposal.txId(), "evaluate failed on " + peer + ": " + response.message(),
                        Map.of(peer, response.status() + " " + response.message()));
            }
            return response.payload().toByteArray();
        }

        @Override
        public Transaction endorse() throws EndorseException {
            PeerHost.EndorsementRound round;
            try {
                round = onPeer(p -> p.endorse(channel, proposal.signed(), organizations), "endorse " + proposal.txId());
            } catch (GatewayException e) {
                throw new EndorseException(proposal.txId(), e.getMessage(), Map.of(peer, e.getMessage()));
            }
            return endorsed(round);
        }

        @Override
        public CompletableFuture<Transaction> endorseAsync() {
            CompletableFuture<Transaction> result = new CompletableFuture<>();
            onPeerAsync(p -> p.endorse(channel, proposal.signed(), organizations)).whenComplete((round, failure) -> {
                if (failure != null) {
                    String why = describeFailure(failure);
                    result.completeExceptionally(new EndorseException(proposal.txId(), why, Map.of(peer, why)));
                    return;
                }
                // Assembling signs the envelope: the client's work, so it runs off the peer's thread.
                network.clientExecutor().execute(() -> {
                    try {
                        result.complete(endorsed(round));
                    } catch (EndorseException e) {
                        result.completeExceptionally(e);
                    } catch (RuntimeException e) {
                        result.completeExceptionally(new EndorseException(proposal.txId(),
                                "assembling transaction " + proposal.txId() + " failed: " + e, Map.of(peer, String.valueOf(e))));
                    }
                });
            });
            return result;
        }

        /** The transaction the client assembles and signs from a finished endorsement round. */
        private Transaction endorsed(PeerHost.EndorsementRound round) throws EndorseException {
            if (!round.succeeded()) {
                throw new EndorseException(proposal.txId(), "endorsement of " + proposal.txId() + " failed: "
                        + round.failures(), round.failures());
            }
            List<ProposalResponse> responses = new ArrayList<>();
            round.endorsements().forEach(o -> responses.add(o.response()));
            Map<String, String> disagreement = disagreement(round.endorsers(), responses);
            if (!disagreement.isEmpty()) {
                throw new EndorseException(proposal.txId(), "the endorsers returned different results (is the contract "
                        + "deterministic?): " + disagreement, disagreement);
            }
            Envelope envelope = Transactions.assemble(proposal.proposal(), responses, identity);
            return new TransactionImpl(new Endorsed(channel, proposal.txId(), envelope,
                    responses.get(0).response().payload().toByteArray(), proposedAt, network.engine().now()));
        }
    }

    /** Which endorsers differ from the first one, and in what part of the response. */
    private static Map<String, String> disagreement(List<String> endorsers, List<ProposalResponse> responses) {
        Map<String, String> out = new LinkedHashMap<>();
        Bytes first = responses.get(0).payload();
        for (int i = 1; i < responses.size(); i++) {
            if (!responses.get(i).payload().equals(first)) {
                out.put(endorsers.get(i), "differs from " + endorsers.get(0) + " in " + differingPart(first, responses.get(i).payload()));
            }
        }
        return out;
    }

    private static String differingPart(Bytes a, Bytes b) {
        try {
            ProposalResponsePayload pa = ProtoCodec.decodeProposalResponsePayload(a);
            ProposalResponsePayload pb = ProtoCodec.decodeProposalResponsePayload(b);
            List<String> parts = new ArrayList<>();
            if (!pa.extension().results().equals(pb.extension().results())) {
                parts.add("the read-write set (" + pa.extension().results() + " vs " + pb.extension().results() + ")");
            }
            if (!pa.extension().response().equals(pb.extension().response())) {
                parts.add("the response payload");
            }
            if (!Objects.equals(pa.extension().event(), pb.extension().event())) {
                parts.add("the event");
            }
            if (!pa.extension().chaincodeId().equals(pb.extension().chaincodeId())) {
                parts.add("the chaincode version");
            }
            return parts.isEmpty() ? "the proposal hash" : String.join(", ", parts);
        } catch (CodecException e) {
            return "its encoding";
        }
    }

    /** An endorsed transaction: what submitting it and waiting for it need. */
    private record Endorsed(String channel, String txId, Envelope envelope, byte[] result, Instant proposedAt,
                            Instant endorsedAt) {
    }

    /** What {@link TransactionImpl} and {@link SubmittedImpl} share. */
    private abstract static class EndorsedView {
        final Endorsed endorsed;

        EndorsedView(Endorsed endorsed) {
            this.endorsed = endorsed;
        }

        public String getTransactionId() {
            return endorsed.txId();
        }

        public byte[] getResult() {
            return endorsed.result().clone();
        }
    }

    private final class TransactionImpl extends EndorsedView implements Transaction {
        TransactionImpl(Endorsed endorsed) {
            super(endorsed);
        }

        @Override
        public byte[] submit() throws SubmitException, CommitStatusException, CommitException {
            Status status = submitAsync().getStatus();
            if (!status.isSuccessful()) {
                throw new CommitException(endorsed.txId(), status.getBlockNumber(), status.getCode(), ((StatusImpl) status).detail);
            }
            return getResult();
        }

        @Override
        public SubmittedTransaction submitAsync() throws SubmitException {
            String txId = endorsed.txId();
            BroadcastResponse response;
            try {
                response = onPeer(p -> p.submit(endorsed.envelope()), "submit " + txId);
            } catch (GatewayException e) {
                throw new SubmitException(txId, 503, e.getMessage());
            }
            return accepted(response);
        }

        @Override
        public CompletableFuture<SubmittedTransaction> broadcastAsync() {
            return onPeerAsync(p -> p.submit(endorsed.envelope())).handle((response, failure) -> {
                if (failure != null) {
                    throw new java.util.concurrent.CompletionException(
                            new SubmitException(endorsed.txId(), 503, describeFailure(failure)));
                }
                try {
                    return accepted(response);
                } catch (SubmitException e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
        }

        private SubmittedTransaction accepted(BroadcastResponse response) throws SubmitException {
            String txId = endorsed.txId();
            if (response.status() != BroadcastResponse.Status.SUCCESS) {
                throw new SubmitException(txId, response.status().code(), "the orderer refused transaction " + txId + ": "
                        + response.status() + " " + response.info());
            }
            return new SubmittedImpl(endorsed);
        }
    }

    private final class SubmittedImpl extends EndorsedView implements SubmittedTransaction {
        private volatile StatusImpl status;

        SubmittedImpl(Endorsed endorsed) {
            super(endorsed);
        }

        @Override
        public Status getStatus() throws CommitStatusException {
            String txId = endorsed.txId();
            StatusImpl known = status;
            if (known != null) {
                return known;
            }
            try {
                return recorded(onPeer(p -> p.commitStatus(endorsed.channel(), txId), "commit status of " + txId));
            } catch (GatewayException e) {
                throw notSeen(e.getMessage());
            }
        }

        @Override
        public CompletableFuture<Status> getStatusAsync() {
            StatusImpl known = status;
            if (known != null) {
                return CompletableFuture.completedFuture(known);
            }
            return onPeerAsync(p -> p.commitStatus(endorsed.channel(), endorsed.txId())).handle((commit, failure) -> {
                if (failure != null) {
                    throw new java.util.concurrent.CompletionException(notSeen(describeFailure(failure)));
                }
                return recorded(commit);
            });
        }

        private CommitStatusException notSeen(String why) {
            String txId = endorsed.txId();
            return new CommitStatusException(txId, "transaction " + txId + " was not seen committed on " + peer
                    + " (" + why + "); it may have been dropped by an orderer leader change: resubmit it");
        }

        /** The status of a commit, recorded once in the network's metrics with the stage timings. */
        private synchronized Status recorded(PeerHost.CommitResult commit) {
            if (status != null) {
                return status;
            }
            String txId = endorsed.txId();
            StatusImpl result = new StatusImpl(txId, commit.blockNumber(), commit.code(), commit.detail());
            Instant arrived = commit.blockArrived().isBefore(endorsed.endorsedAt()) ? endorsed.endorsedAt() : commit.blockArrived();
            network.metrics().recordTransaction(new dev.ledgersim.network.Metrics.TransactionTiming(txId, endorsed.channel(),
                    endorsed.proposedAt(), Duration.between(endorsed.proposedAt(), endorsed.endorsedAt()),
                    Duration.between(endorsed.endorsedAt(), arrived), Duration.between(arrived, commit.validated()),
                    Duration.between(commit.validated(), commit.committed()), commit.code()));
            status = result;
            return result;
        }
    }

    private static final class StatusImpl implements Status {
        private final String txId;
        private final long block;
        private final TxValidationCode code;
        private final String detail;

        StatusImpl(String txId, long block, TxValidationCode code, String detail) {
            this.txId = txId;
            this.block = block;
            this.code = code;
            this.detail = detail;
        }

        @Override
        public String getTransactionId() {
            return txId;
        }

        @Override
        public long getBlockNumber() {
            return block;
        }

        @Override
        public TxValidationCode getCode() {
            return code;
        }

        @Override
        public boolean isSuccessful() {
            return code.isValid();
        }

        @Override
        public String toString() {
            return "Status[" + txId + " " + code + " in block " + block + (detail.isEmpty() ? "" : ": " + detail) + "]";
        }
    }

    private record ChaincodeEventImpl(long blockNumber, String txId, String chaincode, String name, byte[] payload)
            implements ChaincodeEvent {
        @Override
        public long getBlockNumber() {
            return blockNumber;
        }

        @Override
        public String getTransactionId() {
            return txId;
        }

        @Override
        public String getChaincodeName() {
            return chaincode;
        }

        @Override
        public String getEventName() {
            return name;
        }

        @Override
        public byte[] getPayload() {
            return payload.clone();
        }

        @Override
        public String toString() {
            return "ChaincodeEvent[" + chaincode + " " + name + " tx " + txId + " block " + blockNumber + "]";
        }
    }

    /** A stream of items derived from the blocks the gateway peer commits, replayed from a start block. */
    private final class EventStream<T> implements CloseableIterator<T> {
        private final String channel;
        private final Function<PeerHost.CommittedBlock, List<T>> extract;
        private final ConcurrentLinkedQueue<T> queue = new ConcurrentLinkedQueue<>();
        private final Consumer<PeerHost.CommittedBlock> listener;
        private volatile CompletableFuture<Void> arrived = new CompletableFuture<>();
        private volatile boolean closed;

        EventStream(String channel, long startBlock, Function<PeerHost.CommittedBlock, List<T>> extract) {
            this.channel = channel;
            this.extract = extract;
            this.listener = block -> {
                queue.addAll(extract.apply(block));
                arrived.complete(null);
            };
            try {
                network.engine().await(network.engine().call(peer, PeerHost.class, p -> {
                    if (startBlock >= 0) {
                        long height = p.ledger(channel).map(l -> l.height()).orElse(0L);
                        for (long n = startBlock; n < height; n++) {
                            p.committedBlock(channel, n).ifPresent(b -> queue.addAll(extract.apply(b)));
                        }
                    }
                    p.addBlockListener(channel, listener);
                    return null;
                }), CALL_TIMEOUT, "subscribe to events of " + channel);
            } catch (RuntimeException e) {
                throw new IllegalStateException("cannot listen to events of channel " + channel + " on " + peer + ": "
                        + e.getMessage(), e);
            }
            streams.add(this);
        }

        @Override
        public boolean hasNext() {
            while (queue.isEmpty() && !closed) {
                CompletableFuture<Void> signal = new CompletableFuture<>();
                arrived = signal;
                if (!queue.isEmpty()) {
                    break;
                }
                try {
                    network.engine().await(signal, EVENT_WAIT, "the next event of " + channel);
                } catch (RuntimeTimeoutException e) {
                    return !queue.isEmpty();
                }
            }
            return !queue.isEmpty();
        }

        @Override
        public T next() {
            if (!hasNext()) {
                throw new NoSuchElementException("no event arrived within " + EVENT_WAIT + " (or the iterator is closed)");
            }
            return queue.poll();
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            streams.remove(this);
            try {
                network.engine().call(peer, PeerHost.class, p -> {
                    p.removeBlockListener(channel, listener);
                    return null;
                });
            } catch (RuntimeException e) {
                // the peer is down: its listeners are gone with it
            }
        }
    }
}
