package dev.ledgersim.network.internal;

import dev.ledgersim.endorsement.ChaincodeDefinition;
import dev.ledgersim.endorsement.Endorser;
import dev.ledgersim.endorsement.InstalledChaincodes;
import dev.ledgersim.endorsement.simulation.CollectionAccess;
import dev.ledgersim.ledger.TxValidationCode;
import dev.ledgersim.ledger.blocks.StoredTransaction;
import dev.ledgersim.ledger.codec.CodecException;
import dev.ledgersim.ledger.codec.CollectionPvtReadWriteSet;
import dev.ledgersim.ledger.codec.NsPvtReadWriteSet;
import dev.ledgersim.ledger.codec.ProtoCodec;
import dev.ledgersim.ledger.codec.TxPvtReadWriteSet;
import dev.ledgersim.ledger.commit.ChannelLedger;
import dev.ledgersim.ledger.protocol.Bytes;
import dev.ledgersim.ledger.protocol.ChaincodeEvent;
import dev.ledgersim.ledger.protocol.Envelope;
import dev.ledgersim.ledger.protocol.HeaderType;
import dev.ledgersim.ledger.protocol.ProtocolBlock;
import dev.ledgersim.ledger.protocol.SignedProposal;
import dev.ledgersim.ledger.state.TransientEntry;
import dev.ledgersim.ledger.state.TransientStore;
import dev.ledgersim.ledger.storage.KvStore;
import dev.ledgersim.ledger.storage.KvStoreFactory;
import dev.ledgersim.ledger.validation.BlockValidation;
import dev.ledgersim.ledger.validation.BlockValidator;
import dev.ledgersim.ledger.validation.TxValidationResult;
import dev.ledgersim.msp.Identity;
import dev.ledgersim.msp.MspManager;
import dev.ledgersim.network.runtime.Node;
import dev.ledgersim.network.runtime.NodeContext;
import dev.ledgersim.network.runtime.TimerHandle;
import dev.ledgersim.orderer.BroadcastResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A peer on the network: for each channel of its organisation, a ledger, the installed chaincodes and
 * an endorser; a deliver client that pulls blocks from an orderer (and fails over to another when that
 * one stops answering); gossip with its organisation's peers for blocks it missed; a transient store
 * for private data awaiting commit; and the gateway service clients call (endorse across
 * organisations, submit to an orderer, wait for commit status, block events).
 *
 * <p>All methods run on the node's turn (through the runtime), one event at a time. A crash loses
 * everything in memory; a restart reopens the ledger and transient store from storage, recovers and
 * catches up.
 */
public final class PeerHost implements Node {

    static final Duration ENDORSE_TIMEOUT = Duration.ofSeconds(10);
    static final Duration BROADCAST_TIMEOUT = Duration.ofSeconds(5);
    static final Duration BROADCAST_RETRY_DELAY = Duration.ofMillis(500);
    static final Duration BROADCAST_GIVE_UP = Duration.ofSeconds(30);
    static final Duration DELIVER_CHECK = Duration.ofSeconds(1);
    static final Duration GOSSIP_INTERVAL = Duration.ofSeconds(2);
    static final long TRANSIENT_RETENTION_BLOCKS = 1000;

    /** A committed transaction's outcome, as commit status reports it. */
    public record CommitResult(String channelId, String txId, long blockNumber, TxValidationCode code, String detail,
                               Instant blockArrived, Instant validated, Instant committed) {
    }

    /** A block this peer committed, with its validation results and the chaincode events of valid transactions. */
    public record CommittedBlock(String channelId, ProtocolBlock block, List<TxValidationResult> results,
                                 List<ChaincodeEvent> events) {
    }

    /** One endorsement round: the endorsements gathered, or why it failed (per peer). */
    public record EndorsementRound(List<Endorser.Outcome> endorsements, List<String> endorsers,
                                   Map<String, String> failures) {
        /** Whether the round produced endorsements. */
        public boolean succeeded() {
            return !endorsements.isEmpty() && failures.isEmpty();
        }
    }

    private record DeliverCheck(String channelId) {
    }

    private record GossipTick() {
    }

    private record RequestTimeout(long requestId) {
    }

    private record BroadcastRetry(long requestId) {
    }

    private final String name;
    private final Identity identity;
    private final Directory directory;
    private final Map<String, ChannelSetup> setups = new TreeMap<>();
    private final KvStoreFactory storage;
    private final Supplier<Map<String, List<ChaincodeDefinition>>> installedDefinitions;
    private final long maxOperations;
    private final dev.ledgersim.network.Metrics metrics;
    private final Map<String, PeerChannel> channels = new TreeMap<>();
    private final Map<Long, Pending> pending = new HashMap<>();
    private NodeContext ctx;
    private KvStore transientKv;
    private TransientStore transientStore;
    private long nextRequestId;
    private int ordererCursor;

    /**
     * A peer.
     *
     * @param installedDefinitions per channel, the chaincodes installed on this peer (kept by the network,
     *     as a peer's installed packages survive restarts on disk)
     */
    public PeerHost(String name, Identity identity, Directory directory, List<ChannelSetup> channelSetups,
                    KvStoreFactory storage, Supplier<Map<String, List<ChaincodeDefinition>>> installedDefinitions,
                    long maxOperations, dev.ledgersim.network.Metrics metrics) {
        this.name = name;
        this.identity = identity;
        this.directory = directory;
        channelSetups.forEach(s -> setups.put(s.channelId(), s));
        this.storage = storage;
        this.installedDefinitions = installedDefinitions;
        this.maxOperations = maxOperations;
        this.metrics = metrics;
    }

    /** The channel state of this peer. */
    final class PeerChannel {
        final ChannelSetup setup;
        final ChannelLedger ledger;
        final InstalledChaincodes installed;
        final Endorser endorser;
        final TreeMap<Long, ProtocolBlock> early = new TreeMap<>();
        final Map<Long, Instant> arrivals = new HashMap<>();
        final Map<String, List<CompletableFuture<CommitResult>>> waiters = new HashMap<>();
        final List<Consumer<CommittedBlock>> listeners = new ArrayList<>();
        String orderer;
        Instant lastProgress;
        int idleChecks;
        long knownHeight;

        PeerChannel(ChannelSetup setup) {
            this.setup = setup;
            this.ledger = ChannelLedger.open(setup.channelId(), storage, name + "/" + setup.channelId());
            if (ledger.height() == 0) {
                ledger.commitGenesis(setup.genesis());
            }
            this.installed = new InstalledChaincodes(setup.policies());
            installedDefinitions.get().getOrDefault(setup.channelId(), List.of()).forEach(installed::install);
            this.endorser = new Endorser(identity, ledger, setup.msps(), setup.policies(), installed, maxOperations);
        }

        BlockValidator validator() {
            return new BlockValidator(setup.channelId(), setup.msps(), endorser.lifecycle().policies(), Runnable::run);
        }
    }

    /** An outstanding request this peer sent: an endorsement round or a broadcast. */
    private sealed interface Pending permits EndorsePending, BroadcastPending {
    }

    private static final class EndorsePending implements Pending {
        final String peer;
        final EndorseRound round;
        TimerHandle timeout;

        EndorsePending(String peer, EndorseRound round) {
            this.peer = peer;
            this.round = round;
        }
    }

    private static final class BroadcastPending implements Pending {
        final Envelope envelope;
        final CompletableFuture<BroadcastResponse> result;
        int attempts;
        Instant started;
        String lastProblem = "";
        TimerHandle timeout;

        BroadcastPending(Envelope envelope, CompletableFuture<BroadcastResponse> result) {
            this.envelope = envelope;
            this.result = result;
        }
    }

    @Override
    public void onStart(NodeContext context) {
        this.ctx = context;
        this.transientKv = storage.open(name + "/transient", TransientStore.COLUMNS);
        this.transientStore = new TransientStore(transientKv);
        for (ChannelSetup setup : setups.values()) {
            PeerChannel ch = new PeerChannel(setup);
            channels.put(setup.channelId(), ch);
            ch.orderer = directory.orderers().get(Math.floorMod(name.hashCode(), directory.orderers().size()));
            ch.lastProgress = context.now();
            context.send(ch.orderer, new Messages.DeliverRequest(setup.channelId(), ch.ledger.height()));
            context.scheduleBackground(DELIVER_CHECK, new DeliverCheck(setup.channelId()));
        }
        context.scheduleBackground(GOSSIP_INTERVAL, new GossipTick());
    }

    @Override
    public void onStop() {
        channels.values().forEach(ch -> ch.ledger.close());
        if (transientKv != null) {
            transientKv.close();
        }
        pending.clear();
    }

    // --- accessors for the API layer ---

    /** This peer's name. */
    public String name() {
        return name;
    }

    /** This peer's identity. */
    public Identity identity() {
        return identity;
    }

    /** The ledger of {@code channelId}, if this peer is a member. */
    public Optional<ChannelLedger> ledger(String channelId) {
        return Optional.ofNullable(channels.get(channelId)).map(c -> c.ledger);
    }

    /** Installs a chaincode on this peer for a channel (the network also records it for restarts). */
    public void install(String channelId, ChaincodeDefinition definition) {
        PeerChannel ch = channel(channelId);
        ch.installed.install(definition);
    }

    /** Applies new MSPs of a channel (after a revocation). */
    public void updateMsps(String channelId, MspManager msps) {
        ChannelSetup setup = setups.get(channelId).withMsps(msps);
        setups.put(channelId, setup);
        PeerChannel old = channels.get(channelId);
        if (old != null) {
            old.ledger.close();
            PeerChannel fresh = new PeerChannel(setup);
            fresh.orderer = old.orderer;
            fresh.lastProgress = old.lastProgress;
            fresh.waiters.putAll(old.waiters);
            fresh.listeners.addAll(old.listeners);
            fresh.early.putAll(old.early);
            channels.put(channelId, fresh);
        }
    }

    private PeerChannel channel(String channelId) {
        PeerChannel ch = channels.get(channelId);
        if (ch == null) {
            throw new IllegalArgumentException("peer " + name + " has not joined channel '" + channelId
                    + "' (its organisation is not a member)");
        }
        return ch;
    }

    // --- gateway service ---

    /** Evaluates a proposal on this peer alone. */
    public Endorser.Outcome evaluate(String channelId, SignedProposal proposal) {
        return channel(channelId).endorser.processProposal(proposal, ctx.now());
    }

    /**
     * Gathers endorsements for a proposal: this peer first, then one peer of each further organisation
     * needed by the chaincode's policy (or of each organisation in {@code organizations} when given),
     * retrying another peer of an organisation when one fails or does not answer.
     */
    public CompletableFuture<EndorsementRound> endorse(String channelId, SignedProposal proposal, List<String> organizations) {
        PeerChannel ch = channel(channelId);
        CompletableFuture<EndorsementRound> result = new CompletableFuture<>();
        Endorser.Outcome local = null;
        List<String> orgs;
        if (organizations.isEmpty() || organizations.contains(identity.mspId())) {
            local = ch.endorser.processProposal(proposal, ctx.now());
            keepPrivateData(local, ch);
            if (!local.endorsed()) {
                result.complete(new EndorsementRound(List.of(), List.of(), Map.of(name, local.response().response().message())));
                return result;
            }
        }
        if (organizations.isEmpty()) {
            orgs = EndorsementPlanner.plan(ch.endorser.lifecycle().policies(), ch.ledger.stateDb(), chaincodeOf(proposal),
                    local.simulation().map(r -> r.publicRwSet()).orElse(dev.ledgersim.ledger.protocol.TxReadWriteSet.EMPTY),
                    identity, directory, ch.setup.policies().organizations());
        } else {
            orgs = organizations;
        }
        EndorseRound round = new EndorseRound(ch, proposal, result);
        if (local != null) {
            round.accept(name, local);
        }
        for (String org : orgs) {
            if (local != null && org.equals(identity.mspId())) {
                continue;
            }
            round.expect(org);
        }
        round.dispatch();
        return result;
    }

    /** The state of one endorsement round across organisations. */
    final class EndorseRound {
        private final PeerChannel ch;
        private final SignedProposal proposal;
        private final CompletableFuture<EndorsementRound> result;
        private final Map<String, List<String>> candidates = new TreeMap<>();
        private final Map<String, String> waitingOn = new TreeMap<>();
        private final List<Endorser.Outcome> endorsements = new ArrayList<>();
        private final List<String> endorsers = new ArrayList<>();
        private final Map<String, String> failures = new TreeMap<>();
        private final Map<String, String> lastFailure = new TreeMap<>();

        EndorseRound(PeerChannel ch, SignedProposal proposal, CompletableFuture<EndorsementRound> result) {
            this.ch = ch;
            this.proposal = proposal;
            this.result = result;
        }

        void accept(String peer, Endorser.Outcome outcome) {
            endorsements.add(outcome);
            endorsers.add(peer);
        }

        void expect(String org) {
            List<String> peers = new ArrayList<>();
            directory.peersOf(org).forEach(p -> peers.add(p.name()));
            peers.remove(name);
            candidates.put(org, peers);
        }

        void dispatch() {
            for (String org : List.copyOf(candidates.keySet())) {
                if (!waitingOn.containsKey(org)) {
                    sendNext(org);
                }
            }
            finishIfDone();
        }

        private void sendNext(String org) {
            List<String> peers = candidates.get(org);
            if (peers.isEmpty()) {
                candidates.remove(org);
                failures.put(org, lastFailure.getOrDefault(org, "no peer of " + org + " is available to endorse"));
                return;
            }
            String peer = peers.remove(0);
            long id = ++nextRequestId;
            EndorsePending p = new EndorsePending(peer, this);
            p.timeout = ctx.schedule(ENDORSE_TIMEOUT, new RequestTimeout(id));
            pending.put(id, p);
            waitingOn.put(org, peer);
            ctx.send(peer, new Messages.EndorseRequest(id, ch.setup.channelId(), proposal));
        }

        void onReply(String peer, Endorser.Outcome outcome, String failure) {
            String org = orgOf(peer);
            waitingOn.remove(org);
            if (outcome != null && outcome.endorsed()) {
                candidates.remove(org);
                accept(peer, outcome);
            } else {
                lastFailure.put(org, peer + ": " + failure);
                sendNext(org);
            }
            finishIfDone();
        }

        private void finishIfDone() {
            if (waitingOn.isEmpty() && (candidates.isEmpty() || !failures.isEmpty()) && !result.isDone()) {
                result.complete(new EndorsementRound(List.copyOf(endorsements), List.copyOf(endorsers), Map.copyOf(failures)));
            }
        }
    }

    private static String chaincodeOf(SignedProposal proposal) {
        try {
            return ProtoCodec.decodeProposal(proposal.proposalBytes()).payload().chaincodeId().name();
        } catch (CodecException e) {
            return "";
        }
    }

    private String orgOf(String peer) {
        return directory.peer(peer).map(p -> p.identity().mspId()).orElse("");
    }

    /** Submits an envelope to an orderer, failing over to the next one when an orderer is unavailable. */
    public CompletableFuture<BroadcastResponse> submit(Envelope envelope) {
        CompletableFuture<BroadcastResponse> result = new CompletableFuture<>();
        BroadcastPending p = new BroadcastPending(envelope, result);
        p.started = ctx.now();
        sendBroadcast(p);
        return result;
    }

    private void sendBroadcast(BroadcastPending p) {
        if (Duration.between(p.started, ctx.now()).compareTo(BROADCAST_GIVE_UP) >= 0) {
            p.result.complete(new BroadcastResponse(BroadcastResponse.Status.SERVICE_UNAVAILABLE,
                    "no orderer accepted the transaction within " + BROADCAST_GIVE_UP.toSeconds() + " s (" + p.attempts
                            + " attempts; last: " + p.lastProblem + ")"));
            return;
        }
        p.attempts++;
        String orderer = directory.orderers().get(Math.floorMod(ordererCursor++, directory.orderers().size()));
        long id = ++nextRequestId;
        p.timeout = ctx.schedule(BROADCAST_TIMEOUT, new RequestTimeout(id));
        pending.put(id, p);
        ctx.send(orderer, new Messages.Broadcast(id, p.envelope));
    }

    /** Tries again after a pause, at the next orderer (no leader yet, or the orderer is down). */
    private void retryBroadcast(BroadcastPending p, String problem) {
        p.lastProblem = problem;
        long id = ++nextRequestId;
        pending.put(id, p);
        ctx.schedule(BROADCAST_RETRY_DELAY, new BroadcastRetry(id));
    }

    /** Completes when transaction {@code txId} is committed on this peer (at once if it already is). */
    public CompletableFuture<CommitResult> commitStatus(String channelId, String txId) {
        PeerChannel ch = channel(channelId);
        CompletableFuture<CommitResult> result = new CompletableFuture<>();
        Optional<dev.ledgersim.ledger.blocks.TxLocation> location = ch.ledger.blockStore().transaction(txId);
        if (location.isPresent()) {
            var loc = location.get();
            String detail = ch.ledger.blockStore().validationResults(loc.blockNumber()).get(loc.txNum()).detail();
            Instant now = ctx.now();
            result.complete(new CommitResult(channelId, txId, loc.blockNumber(), loc.code(), detail, now, now, now));
        } else {
            ch.waiters.computeIfAbsent(txId, t -> new ArrayList<>()).add(result);
        }
        return result;
    }

    /** Calls {@code listener} with every block this peer commits on {@code channelId} from now on. */
    public void addBlockListener(String channelId, Consumer<CommittedBlock> listener) {
        channel(channelId).listeners.add(listener);
    }

    /** Stops calling {@code listener}. */
    public void removeBlockListener(String channelId, Consumer<CommittedBlock> listener) {
        PeerChannel ch = channels.get(channelId);
        if (ch != null) {
            ch.listeners.remove(listener);
        }
    }

    /** A committed block with results and events, for replaying events from a start block. */
    public Optional<CommittedBlock> committedBlock(String channelId, long number) {
        PeerChannel ch = channel(channelId);
        return ch.ledger.blockStore().block(number).map(b -> describe(ch, b, ch.ledger.blockStore().validationResults(number)));
    }

    // --- messages ---

    @Override
    public void onMessage(String from, Object message) {
        if (message instanceof Messages.DeliverBlock d) {
            onBlock(from, d);
        } else if (message instanceof Messages.EndorseRequest r) {
            PeerChannel ch = channels.get(r.channelId());
            Endorser.Outcome outcome = ch == null ? null : ch.endorser.processProposal(r.proposal(), ctx.now());
            if (outcome != null) {
                keepPrivateData(outcome, ch);
                ctx.send(from, new Messages.EndorseReply(r.requestId(), name, outcome.response()));
            }
        } else if (message instanceof Messages.EndorseReply reply) {
            if (pending.remove(reply.requestId()) instanceof EndorsePending p) {
                p.timeout.cancel();
                boolean ok = reply.response().endorsement() != null;
                Endorser.Outcome outcome = new Endorser.Outcome("", reply.response(), Optional.empty(), Optional.empty());
                p.round.onReply(reply.peer(), ok ? outcome : null, reply.response().response().message());
            }
        } else if (message instanceof Messages.BroadcastReply reply) {
            if (pending.remove(reply.requestId()) instanceof BroadcastPending p) {
                p.timeout.cancel();
                if (reply.response().status() == BroadcastResponse.Status.SERVICE_UNAVAILABLE) {
                    retryBroadcast(p, reply.orderer() + ": " + reply.response().info());
                } else {
                    p.result.complete(reply.response());
                }
            }
        } else if (message instanceof Messages.GossipHeight h) {
            PeerChannel ch = channels.get(h.channelId());
            if (ch != null) {
                ch.knownHeight = Math.max(ch.knownHeight, h.height());
            }
            if (ch != null && h.height() > ch.ledger.height()) {
                ctx.send(from, new Messages.GossipPull(h.channelId(), ch.ledger.height(), h.height()));
            }
        } else if (message instanceof Messages.GossipPull pull) {
            PeerChannel ch = channels.get(pull.channelId());
            if (ch != null) {
                for (long n = pull.from(); n < Math.min(pull.to(), ch.ledger.height()); n++) {
                    // Blocks go out without this peer's validation codes: the receiver validates them itself.
                    ch.ledger.blockStore().block(n).ifPresent(b -> ctx.send(from, new Messages.DeliverBlock(pull.channelId(),
                            b.withMetadata(dev.ledgersim.ledger.protocol.BlockMetadataIndex.TRANSACTIONS_FILTER, Bytes.EMPTY))));
                }
            }
        }
    }

    @Override
    public void onTimer(Object timerKey) {
        if (timerKey instanceof RequestTimeout t) {
            Pending p = pending.remove(t.requestId());
            if (p instanceof EndorsePending e) {
                e.round.onReply(e.peer, null, "did not answer within " + ENDORSE_TIMEOUT.toSeconds() + " s");
            } else if (p instanceof BroadcastPending b) {
                retryBroadcast(b, "an orderer did not answer within " + BROADCAST_TIMEOUT.toSeconds() + " s");
            }
        } else if (timerKey instanceof BroadcastRetry r) {
            if (pending.remove(r.requestId()) instanceof BroadcastPending b) {
                sendBroadcast(b);
            }
        } else if (timerKey instanceof DeliverCheck check) {
            PeerChannel ch = channels.get(check.channelId());
            if (ch != null) {
                deliverCheck(ch);
                ctx.scheduleBackground(DELIVER_CHECK, check);
            }
        } else if (timerKey instanceof GossipTick) {
            for (PeerChannel ch : channels.values()) {
                for (Directory.PeerEntry peer : directory.peersOf(identity.mspId())) {
                    if (!peer.name().equals(name)) {
                        ctx.send(peer.name(), new Messages.GossipHeight(ch.setup.channelId(), ch.ledger.height()));
                    }
                }
            }
            ctx.scheduleBackground(GOSSIP_INTERVAL, new GossipTick());
        }
    }

    /**
     * Keeps the deliver stream alive: when this peer expects blocks (a client waits for a commit, or an
     * organisation peer reported a greater height) and none came for three seconds, it asks its orderer
     * again; after three such silent checks it moves to the next orderer.
     */
    private void deliverCheck(PeerChannel ch) {
        Duration quiet = Duration.between(ch.lastProgress, ctx.now());
        boolean expecting = !ch.waiters.isEmpty() || ch.knownHeight > ch.ledger.height() || !ch.early.isEmpty();
        if (!expecting || quiet.compareTo(Duration.ofSeconds(3)) < 0) {
            ch.idleChecks = 0;
            if (quiet.compareTo(Duration.ofSeconds(10)) >= 0 && quiet.toSeconds() % 10 == 0) {
                // A long silence: renew the subscription in case a request or a block was lost.
                ctx.send(ch.orderer, new Messages.DeliverRequest(ch.setup.channelId(), ch.ledger.height()));
            }
            return;
        }
        ch.idleChecks++;
        if (ch.idleChecks >= 3) {
            ctx.send(ch.orderer, new Messages.DeliverCancel(ch.setup.channelId()));
            int index = directory.orderers().indexOf(ch.orderer);
            ch.orderer = directory.orderers().get((index + 1) % directory.orderers().size());
            ch.idleChecks = 0;
            ctx.record("deliver failover", Map.of("peer", name, "channel", ch.setup.channelId(), "orderer", ch.orderer));
        }
        ctx.send(ch.orderer, new Messages.DeliverRequest(ch.setup.channelId(), ch.ledger.height()));
    }

    private void onBlock(String from, Messages.DeliverBlock d) {
        PeerChannel ch = channels.get(d.channelId());
        if (ch == null) {
            return;
        }
        long number = d.block().number();
        if (number < ch.ledger.height()) {
            return;
        }
        ch.early.put(number, d.block());
        ch.arrivals.putIfAbsent(number, ctx.now());
        if (ch.early.size() > 10_000) {
            ch.early.pollLastEntry();
        }
        while (!ch.early.isEmpty() && ch.early.firstKey() == ch.ledger.height()) {
            commit(ch, ch.early.pollFirstEntry().getValue());
        }
        while (!ch.early.isEmpty() && ch.early.firstKey() < ch.ledger.height()) {
            ch.early.pollFirstEntry();
        }
    }

    private void commit(PeerChannel ch, ProtocolBlock block) {
        Instant arrived = ch.arrivals.getOrDefault(block.number(), ctx.now());
        ch.arrivals.remove(block.number());
        Map<Integer, TxPvtReadWriteSet> privateData = new TreeMap<>();
        List<String> txIds = new ArrayList<>();
        for (int i = 0; i < block.data().size(); i++) {
            String txId = StoredTransaction.read(block.data().get(i)).txId();
            if (txId.isEmpty()) {
                continue;
            }
            txIds.add(txId);
            for (TransientEntry entry : transientStore.get(txId)) {
                try {
                    TxPvtReadWriteSet pvt = membersOnly(ch, ProtoCodec.decodeTxPvtReadWriteSet(entry.privateRwSet()));
                    if (!pvt.nsPvtRwSets().isEmpty()) {
                        privateData.put(i, pvt);
                    }
                } catch (CodecException e) {
                    ctx.record("corrupt transient entry", Map.of("txId", txId));
                }
            }
        }
        BlockValidation validation;
        Instant validatedAt;
        Instant committedAt;
        try {
            if (block.number() != ch.ledger.height()) {
                throw new IllegalArgumentException("block " + block.number() + " is not the next block " + ch.ledger.height());
            }
            validation = ch.ledger.read(() -> ch.validator().validate(block, ch.ledger.committedState()));
            validatedAt = ctx.now();
            ch.ledger.commitValidated(block, validation, privateData);
            committedAt = ctx.now();
        } catch (IllegalArgumentException e) {
            ctx.record("block refused", Map.of("peer", name, "number", block.number(), "reason", e.getMessage()));
            return;
        }
        ch.lastProgress = ctx.now();
        ch.idleChecks = 0;
        if (!txIds.isEmpty()) {
            transientStore.purgeByTxIds(txIds);
        }
        if (block.number() % 100 == 0 && block.number() > TRANSIENT_RETENTION_BLOCKS) {
            transientStore.purgeBelowHeight(block.number() - TRANSIENT_RETENTION_BLOCKS);
        }
        long bytes = 0;
        for (Bytes envelope : block.data()) {
            bytes += envelope.size();
        }
        metrics.recordBlock(new dev.ledgersim.network.Metrics.BlockSize(ch.setup.channelId(), block.number(),
                block.data().size(), bytes, ctx.now()), validation.codes());
        ctx.record("block committed", Map.of("peer", name, "channel", ch.setup.channelId(), "number", block.number(),
                "valid", validation.codes().stream().filter(TxValidationCode::isValid).count(),
                "invalid", validation.codes().stream().filter(c -> !c.isValid()).count()));
        for (TxValidationResult r : validation.results()) {
            List<CompletableFuture<CommitResult>> waiting = ch.waiters.remove(r.txId());
            if (waiting != null) {
                CommitResult commit = new CommitResult(ch.setup.channelId(), r.txId(), block.number(), r.code(), r.detail(),
                        arrived, validatedAt, committedAt);
                waiting.forEach(f -> f.complete(commit));
            }
        }
        if (!ch.listeners.isEmpty()) {
            ProtocolBlock stored = ch.ledger.blockStore().block(block.number()).orElse(block);
            CommittedBlock committed = describe(ch, stored, validation.results());
            for (Consumer<CommittedBlock> listener : List.copyOf(ch.listeners)) {
                listener.accept(committed);
            }
        }
    }

    private CommittedBlock describe(PeerChannel ch, ProtocolBlock block, List<TxValidationResult> results) {
        List<ChaincodeEvent> events = new ArrayList<>();
        for (int i = 0; i < block.data().size() && i < results.size(); i++) {
            if (results.get(i).isValid()) {
                eventOf(block.data().get(i)).ifPresent(events::add);
            }
        }
        return new CommittedBlock(ch.setup.channelId(), block, results, events);
    }

    private static Optional<ChaincodeEvent> eventOf(Bytes envelopeBytes) {
        try {
            var payload = ProtoCodec.decodePayloadParts(ProtoCodec.decodeEnvelope(envelopeBytes).payload());
            if (ProtoCodec.decodeChannelHeader(payload.channelHeader()).headerType() != HeaderType.ENDORSER_TRANSACTION) {
                return Optional.empty();
            }
            var action = ProtoCodec.decodeTransaction(payload.data()).actions().get(0);
            var parts = ProtoCodec.decodeChaincodeActionParts(
                    ProtoCodec.decodeProposalResponsePayloadParts(action.payload().action().proposalResponsePayload()).extension());
            return parts.events().isEmpty() ? Optional.empty() : Optional.of(ProtoCodec.decodeChaincodeEvent(parts.events()));
        } catch (CodecException | IndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }

    /** Persists the private data of a proposal this peer endorsed, for its own commit. */
    private void keepPrivateData(Endorser.Outcome outcome, PeerChannel ch) {
        if (outcome.endorsed() && outcome.simulation().isPresent() && outcome.simulation().get().hasPrivateWrites()) {
            transientStore.persist(outcome.txId(), ch.ledger.height(),
                    ProtoCodec.encode(outcome.simulation().get().privateRwSet()));
        }
    }

    /** The part of {@code pvt} in collections this peer's organisation is a member of. */
    private TxPvtReadWriteSet membersOnly(PeerChannel ch, TxPvtReadWriteSet pvt) {
        CollectionAccess.Resolver resolver = ch.endorser.lifecycle().collections();
        List<NsPvtReadWriteSet> kept = new ArrayList<>();
        for (NsPvtReadWriteSet ns : pvt.nsPvtRwSets()) {
            List<CollectionPvtReadWriteSet> colls = new ArrayList<>();
            for (CollectionPvtReadWriteSet coll : ns.collectionPvtRwSets()) {
                Optional<CollectionAccess> access = resolver.collection(ns.namespace(), coll.collectionName());
                if (access.isPresent() && access.get().memberOrgsPolicy().isSatisfiedBy(List.of(identity))) {
                    colls.add(coll);
                }
            }
            if (!colls.isEmpty()) {
                kept.add(new NsPvtReadWriteSet(ns.namespace(), colls));
            }
        }
        return new TxPvtReadWriteSet(kept);
    }
}
