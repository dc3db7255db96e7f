package dev.ledgersim.network.internal;

import dev.ledgersim.endorsement.ChaincodeDefinition;
import dev.ledgersim.endorsement.ChaincodeParameters;
import dev.ledgersim.endorsement.CollectionConfig;
import dev.ledgersim.endorsement.Endorser;
import dev.ledgersim.endorsement.InstalledChaincodes;
import dev.ledgersim.endorsement.LifecycleState;
import dev.ledgersim.ledger.TxValidationCode;
import dev.ledgersim.ledger.blocks.StoredTransaction;
import dev.ledgersim.ledger.codec.CodecException;
import dev.ledgersim.ledger.codec.CollectionPvtReadWriteSet;
import dev.ledgersim.ledger.codec.Hashes;
import dev.ledgersim.ledger.codec.NsPvtReadWriteSet;
import dev.ledgersim.ledger.codec.ProtoCodec;
import dev.ledgersim.ledger.codec.TxPvtReadWriteSet;
import dev.ledgersim.ledger.commit.ChannelLedger;
import dev.ledgersim.ledger.protocol.Bytes;
import dev.ledgersim.ledger.protocol.ChaincodeEvent;
import dev.ledgersim.ledger.protocol.CollectionHashedRwSet;
import dev.ledgersim.ledger.protocol.Envelope;
import dev.ledgersim.ledger.protocol.HeaderType;
import dev.ledgersim.ledger.protocol.KvRwSet;
import dev.ledgersim.ledger.protocol.NsReadWriteSet;
import dev.ledgersim.ledger.protocol.ProposalResponse;
import dev.ledgersim.ledger.protocol.ProtocolBlock;
import dev.ledgersim.ledger.protocol.Response;
import dev.ledgersim.ledger.protocol.SignedProposal;
import dev.ledgersim.ledger.protocol.Timestamp;
import dev.ledgersim.ledger.state.MissingPrivateData;
import dev.ledgersim.ledger.state.StateDb;
import dev.ledgersim.ledger.state.TransientEntry;
import dev.ledgersim.ledger.state.TransientStore;
import dev.ledgersim.ledger.storage.KvStore;
import dev.ledgersim.ledger.storage.KvStoreFactory;
import dev.ledgersim.ledger.validation.BlockValidation;
import dev.ledgersim.ledger.validation.BlockValidator;
import dev.ledgersim.ledger.validation.TxValidationResult;
import dev.ledgersim.msp.Identity;
import dev.ledgersim.msp.MspManager;
import dev.ledgersim.msp.policy.Policy;
import dev.ledgersim.network.PrivateDataConfig;
import dev.ledgersim.network.runtime.Node;
import dev.ledgersim.network.runtime.NodeContext;
import dev.ledgersim.network.runtime.TimerHandle;
import dev.ledgersim.orderer.BroadcastResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A peer on the network: for each channel of its organisation, a ledger, the installed chaincodes and
 * an endorser; a deliver client that pulls blocks from an orderer (and fails over to another when that
 * one stops answering); gossip with its organisation's peers for blocks it missed; a transient store
 * for private data awaiting commit; and the gateway service clients call (endorse across
 * organisations, submit to an orderer, wait for commit status, block events).
 *
 * <p><b>Private data</b> (FABRIC.md §6). After endorsing a transaction with private writes, the peer
 * pushes each collection's data to member peers chosen by {@link DisseminationPlanner} and answers
 * (locally or to a remote gateway) only once the required pushes are acknowledged; then it keeps the
 * data in its transient store. Pushed data lands in the receivers' transient stores. At commit, a block
 * is validated first; a member peer then gathers the private data of the valid transactions from its
 * transient store and, for what it lacks, pulls from the other members, for at most
 * {@link PrivateDataConfig#pullRetryThreshold}; it then commits, recording what is still missing, which
 * a background reconciler pulls later. Blocks that arrive meanwhile wait their turn.
 *
 * <p>All methods run on the node's turn (through the runtime), one event at a time. A crash loses
 * everything in memory; a restart reopens the ledger and transient store from storage, recovers and
 * catches up.
 */
public final class PeerHost implements Node {

    static final Duration ENDORSE_TIMEOUT = Duration.ofSeconds(10);
    /** Commit outcomes a peer keeps per channel to answer status queries without a ledger read. */
    static final int RECENT_COMMITS = 4_096;
    static final Duration BROADCAST_TIMEOUT = Duration.ofSeconds(5);
    static final Duration BROADCAST_RETRY_DELAY = Duration.ofMillis(500);
    static final Duration BROADCAST_GIVE_UP = Duration.ofSeconds(30);
    static final Duration DELIVER_CHECK = Duration.ofSeconds(1);
    static final Duration GOSSIP_INTERVAL = Duration.ofSeconds(2);

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

    private record PushTimeout(long disseminationId) {
    }

    private record PullRetry(String channelId, long blockNumber) {
    }

    private record ReconcileTick() {
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
    private final Map<Long, Dissemination> disseminations = new HashMap<>();
    private final Map<Bytes, ChaincodeParameters> definitions = new ConcurrentHashMap<>();
    private final PrivateDataConfig privateDataConfig;
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
        this(name, identity, directory, channelSetups, storage, installedDefinitions, maxOperations, metrics,
                PrivateDataConfig.defaults());
    }

    /**
     * A peer with private data settings.
     *
     * @param installedDefinitions per channel, the chaincodes installed on this peer (kept by the network,
     *     as a peer's installed packages survive restarts on disk)
     */
    public PeerHost(String name, Identity identity, Directory directory, List<ChannelSetup> channelSetups,
                    KvStoreFactory storage, Supplier<Map<String, List<ChaincodeDefinition>>> installedDefinitions,
                    long maxOperations, dev.ledgersim.network.Metrics metrics, PrivateDataConfig privateDataConfig) {
        this.privateDataConfig = privateDataConfig;
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
        /**
         * The outcomes of the last {@value #RECENT_COMMITS} transactions this peer committed (first
         * occurrences only, as the txid index keeps them), with the times the block arrived, was validated
         * and committed: a commit-status query that comes just after the commit, as most do, is answered
         * from here with those times rather than from the ledger with the time of the query.
         */
        final Map<String, CommitResult> recent = new LinkedHashMap<>(RECENT_COMMITS * 4 / 3 + 1) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, CommitResult> eldest) {
                return size() > RECENT_COMMITS;
            }
        };
        final List<Consumer<CommittedBlock>> listeners = new ArrayList<>();
        String orderer;
        Instant lastProgress;
        int idleChecks;
        long knownHeight;
        PendingCommit committing;
        /** The block being validated away from this peer's events (concurrent runtime), or null. */
        ProtocolBlock validating;
        /** Whether {@link #drainCommits} is running: a validation that ends inside it lets it go on. */
        boolean draining;
        /** This peer's place among the network's peers, where its validator starts stage A. */
        final int validatorRank;

        PeerChannel(ChannelSetup setup) {
            this.setup = setup;
            this.ledger = ChannelLedger.open(setup.channelId(), storage, name + "/" + setup.channelId(), PeerHost.this::blockToLive);
            if (ledger.height() == 0) {
                ledger.commitGenesis(setup.genesis());
            }
            this.installed = new InstalledChaincodes(setup.policies());
            installedDefinitions.get().getOrDefault(setup.channelId(), List.of()).forEach(installed::install);
            this.endorser = new Endorser(identity, ledger, setup.msps(), setup.policies(), installed, maxOperations);
            List<Directory.PeerEntry> peers = directory.allPeers();
            int rank = 0;
            for (int i = 0; i < peers.size(); i++) {
                if (peers.get(i).name().equals(name)) {
                    rank = i;
                }
            }
            this.validatorRank = rank;
        }

        BlockValidator validator() {
            // Peers start stage A at different transactions: with shared verification they then split the work.
            return new BlockValidator(setup.channelId(), setup.msps(), endorser.lifecycle().policies(), Runnable::run,
                    validatorRank, Math.max(1, directory.allPeers().size()));
        }
    }

    /** An outstanding request this peer sent: an endorsement round or a broadcast. */
    private sealed interface Pending permits EndorsePending, BroadcastPending, PushPending {
    }

    private record PushPending(Dissemination dissemination, String peer) implements Pending {
    }

    /** The pushes of one endorsement's private data whose acknowledgements are awaited. */
    private static final class Dissemination {
        final long id;
        final int plans;
        final List<DisseminationPlanner.Push> required;
        final Set<String> acked = new LinkedHashSet<>();
        final List<Long> requests = new ArrayList<>();
        final Consumer<String> done;
        TimerHandle timeout;

        Dissemination(long id, int plans, List<DisseminationPlanner.Push> required, Consumer<String> done) {
            this.id = id;
            this.plans = plans;
            this.required = required;
            this.done = done;
        }

        boolean allAcked() {
            return required.stream().allMatch(p -> acked.contains(p.peer()));
        }

        long failures() {
            return required.stream().filter(p -> !acked.contains(p.peer())).count();
        }
    }

    /** A block validated and waiting for private data before it is committed. */
    private static final class PendingCommit {
        final ProtocolBlock block;
        final BlockValidation validation;
        final Instant arrived;
        final Instant validated;
        final Instant deadline;
        /** The private data found so far: tx number → namespace → collection → rw-set. */
        final SortedMap<Integer, SortedMap<String, SortedMap<String, KvRwSet>>> found = new TreeMap<>();
        /** What is still lacking, with the hash the block carries for it. */
        final Map<Messages.PrivateDataDigest, Bytes> needed = new LinkedHashMap<>();
        TimerHandle retry;

        PendingCommit(ProtocolBlock block, BlockValidation validation, Instant arrived, Instant validated, Instant deadline) {
            this.block = block;
            this.validation = validation;
            this.arrived = arrived;
            this.validated = validated;
            this.deadline = deadline;
        }

        void found(Messages.PrivateDataDigest digest, KvRwSet rwSet) {
            found.computeIfAbsent((int) digest.txNum(), t -> new TreeMap<>())
                    .computeIfAbsent(digest.namespace(), n -> new TreeMap<>()).put(digest.collection(), rwSet);
            needed.remove(digest);
        }
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
        if (privateDataConfig.reconciliationEnabled()) {
            context.scheduleBackground(privateDataConfig.reconcileInterval(), new ReconcileTick());
        }
    }

    @Override
    public void onStop() {
        channels.values().forEach(ch -> ch.ledger.close());
        if (transientKv != null) {
            transientKv.close();
        }
        pending.clear();
        disseminations.clear();
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
            if (old.committing != null) {
                // The block waiting for private data is validated again with the new MSPs.
                if (old.committing.retry != null) {
                    old.committing.retry.cancel();
                }
                fresh.early.put(old.committing.block.number(), old.committing.block);
            }
            if (old.validating != null) {
                // Its validation, against the old MSPs, is dropped when it ends; validated again here.
                fresh.early.put(old.validating.number(), old.validating);
            }
            fresh.arrivals.putAll(old.arrivals);
            channels.put(channelId, fresh);
            drainCommits(fresh);
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
        if (organizations.isEmpty() || organizations.contains(identity.mspId())) {
            Endorser.Outcome local = ch.endorser.processProposal(proposal, ctx.now());
            if (!local.endorsed()) {
                result.complete(new EndorsementRound(List.of(), List.of(), Map.of(name, local.response().response().message())));
                return result;
            }
            // Fabric's endorser disseminates the private data before it answers (FABRIC.md §3.6).
            distributePrivateData(ch, local, problem -> {
                if (problem != null) {
                    result.complete(new EndorsementRound(List.of(), List.of(), Map.of(name, problem)));
                } else {
                    gatherEndorsements(ch, proposal, organizations, local, result);
                }
            });
        } else {
            gatherEndorsements(ch, proposal, organizations, null, result);
        }
        return result;
    }

    /** The rest of an endorsement round after this peer's own endorsement (if any): the other organisations. */
    private void gatherEndorsements(PeerChannel ch, SignedProposal proposal, List<String> organizations, Endorser.Outcome local,
                                    CompletableFuture<EndorsementRound> result) {
        List<String> orgs;
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
        CommitResult recent = ch.recent.get(txId);
        if (recent != null) {
            return CompletableFuture.completedFuture(recent);
        }
        CompletableFuture<CommitResult> result = new CompletableFuture<>();
        Optional<dev.ledgersim.ledger.blocks.TxLocation> location = ch.ledger.blockStore().transaction(txId);
        if (location.isPresent()) {
            var loc = location.get();
            // Only invalid transactions have a recorded explanation.
            String detail = loc.code() == TxValidationCode.VALID ? ""
                    : ch.ledger.blockStore().validationDetail(loc.blockNumber(), loc.txNum());
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
                // The reply waits for the dissemination of the private data, as Fabric's endorser does.
                distributePrivateData(ch, outcome, problem -> ctx.send(from, new Messages.EndorseReply(r.requestId(), name,
                        problem == null ? outcome.response()
                                : new ProposalResponse(1, Timestamp.of(ctx.now()), Response.error(problem), Bytes.EMPTY, null))));
            }
        } else if (message instanceof Messages.PrivateDataPush push) {
            onPrivateDataPush(from, push);
        } else if (message instanceof Messages.PrivateDataAck ack) {
            if (pending.get(ack.requestId()) instanceof PushPending p) {
                pending.remove(ack.requestId());
                p.dissemination().acked.add(p.peer());
                if (p.dissemination().allAcked()) {
                    finishDissemination(p.dissemination(), null);
                }
            }
        } else if (message instanceof Messages.PrivateDataPull pull) {
            onPrivateDataPull(from, pull);
        } else if (message instanceof Messages.PrivateDataPulled pulled) {
            onPrivateDataPulled(pulled);
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
        } else if (timerKey instanceof PushTimeout t) {
            Dissemination d = disseminations.get(t.disseminationId());
            if (d != null) {
                long failures = d.failures();
                finishDissemination(d, failures == 0 ? null
                        : "Failed disseminating " + failures + " out of " + d.plans + " private dissemination plans");
            }
        } else if (timerKey instanceof PullRetry retry) {
            PeerChannel ch = channels.get(retry.channelId());
            if (ch != null && ch.committing != null && ch.committing.block.number() == retry.blockNumber()) {
                if (!ctx.now().isBefore(ch.committing.deadline)) {
                    finishCommit(ch);
                    drainCommits(ch);
                } else {
                    sendPulls(ch, ch.committing.needed.keySet());
                    ch.committing.retry = ctx.schedule(privateDataConfig.pullRetryInterval(), retry);
                }
            }
        } else if (timerKey instanceof ReconcileTick) {
            channels.values().forEach(this::reconcile);
            ctx.scheduleBackground(privateDataConfig.reconcileInterval(), new ReconcileTick());
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
        // A block waiting for private data is progress of its own: the orderer is not silent.
        boolean expecting = ch.committing == null && ch.validating == null
                && (!ch.waiters.isEmpty() || ch.knownHeight > ch.ledger.height() || !ch.early.isEmpty());
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
        drainCommits(ch);
    }

    /** Commits the blocks that are next in line, one at a time: a block waiting for private data holds back the rest. */
    private void drainCommits(PeerChannel ch) {
        ch.draining = true;
        try {
            while (ch.committing == null && ch.validating == null && !ch.early.isEmpty()
                    && ch.early.firstKey() == ch.ledger.height()) {
                startCommit(ch, ch.early.pollFirstEntry().getValue());
            }
        } finally {
            ch.draining = false;
        }
        while (!ch.early.isEmpty() && ch.early.firstKey() < ch.ledger.height()) {
            ch.arrivals.remove(ch.early.pollFirstEntry().getKey());
        }
    }

    /**
     * Validates {@code block} and gathers the private data of its valid transactions in collections this
     * peer is a member of: from the transient store, then by pulling from the other members (FABRIC.md
     * §6.3). Commits at once when nothing is lacking.
     */
    private void startCommit(PeerChannel ch, ProtocolBlock block) {
        Instant arrived = ch.arrivals.getOrDefault(block.number(), ctx.now());
        ch.arrivals.remove(block.number());
        BlockValidator validator = ch.validator();
        ch.validating = block;
        // Validation reads the committed ledger under its read lock; endorsements go on meanwhile in the
        // concurrent runtime, as on a Fabric peer (the simulated runtime validates at once).
        ctx.offload(() -> ch.ledger.validate(block, validator), outcome -> validated(ch, block, arrived, outcome));
    }

    /** Goes on with {@code block} once validated: gathers its private data, commits when nothing lacks. */
    private void validated(PeerChannel ch, ProtocolBlock block, Instant arrived,
                           java.util.function.Supplier<BlockValidation> outcome) {
        if (channels.get(ch.setup.channelId()) != ch || ch.validating != block) {
            return; // the channel was set up again meanwhile (new MSPs) and validates the block afresh
        }
        ch.validating = null;
        BlockValidation validation;
        try {
            validation = outcome.get();
        } catch (IllegalArgumentException e) {
            ctx.record("block refused", Map.of("peer", name, "number", block.number(), "reason", e.getMessage()));
            continueDraining(ch);
            return;
        }
        PendingCommit pc = new PendingCommit(block, validation, arrived, ctx.now(),
                ctx.now().plus(privateDataConfig.pullRetryThreshold()));
        for (int i = 0; i < validation.validTransactions().size(); i++) {
            BlockValidation.ValidTx tx = validation.validTransactions().get(i);
            if (tx == null) {
                continue; // private data of invalid transactions is not stored
            }
            List<TxPvtReadWriteSet> transientData = null;
            for (NsReadWriteSet ns : tx.rwset().nsRwSets()) {
                for (CollectionHashedRwSet coll : ns.collectionHashedRwSets()) {
                    if (coll.pvtRwSetHash().isEmpty() || !isMember(ch, ns.namespace(), coll.collectionName(), identity)) {
                        continue;
                    }
                    if (transientData == null) {
                        transientData = transientData(tx.txId());
                    }
                    var digest = new Messages.PrivateDataDigest(tx.txId(), block.number(), i, ns.namespace(), coll.collectionName());
                    pc.needed.put(digest, coll.pvtRwSetHash());
                    for (TxPvtReadWriteSet entry : transientData) {
                        Optional<KvRwSet> match = collectionOf(entry, ns.namespace(), coll.collectionName())
                                .filter(rw -> Hashes.sha256(ProtoCodec.encode(rw)).equals(coll.pvtRwSetHash()));
                        if (match.isPresent()) {
                            pc.found(digest, match.get());
                            break;
                        }
                    }
                }
            }
        }
        ch.committing = pc;
        if (pc.needed.isEmpty() || privateDataConfig.pullRetryThreshold().isZero()) {
            finishCommit(ch);
            continueDraining(ch);
            return;
        }
        ctx.record("private data pull", Map.of("peer", name, "block", block.number(), "missing", pc.needed.size()));
        sendPulls(ch, pc.needed.keySet());
        pc.retry = ctx.schedule(privateDataConfig.pullRetryInterval(), new PullRetry(ch.setup.channelId(), block.number()));
    }

    /** Starts the next block when a validation ended outside {@link #drainCommits}, which would otherwise go on. */
    private void continueDraining(PeerChannel ch) {
        if (!ch.draining) {
            drainCommits(ch);
        }
    }

    /** Commits the block of {@code ch.committing} with the private data found; what still lacks is recorded missing. */
    private void finishCommit(PeerChannel ch) {
        PendingCommit pc = ch.committing;
        ch.committing = null;
        if (pc.retry != null) {
            pc.retry.cancel();
        }
        ProtocolBlock block = pc.block;
        BlockValidation validation = pc.validation;
        Map<Integer, TxPvtReadWriteSet> privateData = new TreeMap<>();
        pc.found.forEach((txNum, byNs) -> privateData.put(txNum, TxPvtReadWriteSet.of(byNs)));
        List<MissingPrivateData> missing = new ArrayList<>();
        pc.needed.keySet().forEach(d -> missing.add(new MissingPrivateData(d.blockNum(), d.txNum(), d.namespace(), d.collection())));
        Instant committedAt;
        try {
            ch.ledger.commitValidated(block, validation, privateData, missing);
            committedAt = ctx.now();
        } catch (IllegalArgumentException e) {
            ctx.record("block refused", Map.of("peer", name, "number", block.number(), "reason", e.getMessage()));
            return;
        }
        if (!missing.isEmpty()) {
            ctx.record("private data missing", Map.of("peer", name, "block", block.number(), "missing", missing.size()));
        }
        ch.lastProgress = ctx.now();
        ch.idleChecks = 0;
        List<String> txIds = new ArrayList<>();
        for (TxValidationResult r : validation.results()) {
            if (!r.txId().isEmpty()) {
                txIds.add(r.txId());
            }
        }
        if (!txIds.isEmpty()) {
            transientStore.purgeByTxIds(txIds);
        }
        // Fabric's coordinator: every transientBlockRetention blocks, drop what was endorsed that long ago.
        long retention = privateDataConfig.transientBlockRetention();
        if (block.number() % retention == 0 && block.number() > retention) {
            int purged = transientStore.purgeBelowHeight(block.number() - retention);
            if (purged > 0) {
                ctx.record("transient data expired", Map.of("peer", name, "block", block.number(), "entries", purged));
            }
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
            if (r.txId().isEmpty()) {
                continue;
            }
            CommitResult commit = new CommitResult(ch.setup.channelId(), r.txId(), block.number(), r.code(), r.detail(),
                    pc.arrived, pc.validated, committedAt);
            if (r.code() != TxValidationCode.DUPLICATE_TXID) {
                ch.recent.putIfAbsent(r.txId(), commit);
            }
            List<CompletableFuture<CommitResult>> waiting = ch.waiters.remove(r.txId());
            if (waiting != null) {
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

    // --- private data ---

    /**
     * Disseminates the private data of an endorsement (FABRIC.md §6.2), then keeps it in this peer's
     * transient store, then calls {@code done} with {@code null}; or calls it with the endorsement error
     * when the plan cannot be made or a required push is not acknowledged within
     * {@link PrivateDataConfig#pushAckTimeout}. Calls {@code done} at once when there is nothing to push or
     * to wait for; always on this node's turn.
     */
    private void distributePrivateData(PeerChannel ch, Endorser.Outcome outcome, Consumer<String> done) {
        if (!outcome.endorsed() || outcome.simulation().isEmpty() || !outcome.simulation().get().hasPrivateWrites()) {
            done.accept(null);
            return;
        }
        String channelId = ch.setup.channelId();
        String txId = outcome.txId();
        TxPvtReadWriteSet privateData = outcome.simulation().get().privateRwSet();
        long height = ch.ledger.height();
        DisseminationPlanner.Plan plan = DisseminationPlanner.plan(privateData, (ns, coll) -> collectionPolicy(ch, ns, coll),
                channelPeers(ch), ctx.random());
        if (plan.failure().isPresent()) {
            done.accept("error in simulation: failed to distribute private collection, txID " + txId + ", channel "
                    + channelId + ": " + plan.failure().get());
            return;
        }
        Runnable keep = () -> transientStore.persist(txId, height, ProtoCodec.encode(privateData));
        if (plan.pushes().isEmpty()) {
            keep.run();
            done.accept(null);
            return;
        }
        Map<String, SortedMap<String, SortedMap<String, KvRwSet>>> byPeer = new TreeMap<>();
        List<DisseminationPlanner.Push> required = new ArrayList<>();
        for (DisseminationPlanner.Push push : plan.pushes()) {
            KvRwSet rwSet = collectionOf(privateData, push.namespace(), push.collection()).orElseThrow();
            byPeer.computeIfAbsent(push.peer(), p -> new TreeMap<>()).computeIfAbsent(push.namespace(), n -> new TreeMap<>())
                    .put(push.collection(), rwSet);
            if (push.required()) {
                required.add(push);
            }
        }
        long id = ++nextRequestId;
        Dissemination d = new Dissemination(id, plan.pushes().size(), required, problem -> {
            if (problem == null) {
                keep.run();
                done.accept(null);
            } else {
                done.accept("error in simulation: failed to distribute private collection, txID " + txId + ", channel "
                        + channelId + ": " + problem);
            }
        });
        Set<String> requiredPeers = new LinkedHashSet<>();
        required.forEach(p -> requiredPeers.add(p.peer()));
        for (Map.Entry<String, SortedMap<String, SortedMap<String, KvRwSet>>> e : byPeer.entrySet()) {
            long requestId = ++nextRequestId;
            if (requiredPeers.contains(e.getKey())) {
                pending.put(requestId, new PushPending(d, e.getKey()));
                d.requests.add(requestId);
            }
            ctx.send(e.getKey(), new Messages.PrivateDataPush(requestId, channelId, txId, height, TxPvtReadWriteSet.of(e.getValue())));
        }
        ctx.record("private data pushed", Map.of("peer", name, "txId", txId, "to", List.copyOf(byPeer.keySet()),
                "required", List.copyOf(requiredPeers)));
        if (required.isEmpty()) {
            d.done.accept(null);
            return;
        }
        disseminations.put(id, d);
        d.timeout = ctx.schedule(privateDataConfig.pushAckTimeout(), new PushTimeout(id));
    }

    private void finishDissemination(Dissemination d, String problem) {
        if (disseminations.remove(d.id) == null) {
            return;
        }
        if (d.timeout != null) {
            d.timeout.cancel();
        }
        d.requests.forEach(pending::remove);
        d.done.accept(problem);
    }

    /** Keeps pushed private data (of the collections this peer is a member of) in the transient store, and acknowledges. */
    private void onPrivateDataPush(String from, Messages.PrivateDataPush push) {
        PeerChannel ch = channels.get(push.channelId());
        if (ch == null) {
            return;
        }
        TxPvtReadWriteSet kept = membersOnly(ch, push.privateData());
        if (!kept.nsPvtRwSets().isEmpty() && !ch.ledger.blockStore().txIdExists(push.txId())) {
            transientStore.persist(push.txId(), push.endorsedAtHeight(), ProtoCodec.encode(kept));
        }
        ctx.send(from, new Messages.PrivateDataAck(push.requestId(), name));
    }

    /** Sends a pull for {@code digests} to every other member peer of their collections. */
    private void sendPulls(PeerChannel ch, Set<Messages.PrivateDataDigest> digests) {
        Map<String, List<Messages.PrivateDataDigest>> byPeer = new TreeMap<>();
        for (Messages.PrivateDataDigest digest : digests) {
            Optional<DisseminationPlanner.CollectionPolicy> policy = collectionPolicy(ch, digest.namespace(), digest.collection());
            if (policy.isEmpty()) {
                continue;
            }
            for (Directory.PeerEntry peer : channelPeers(ch)) {
                if (policy.get().memberOrgsPolicy().isSatisfiedBy(List.of(peer.identity()))) {
                    byPeer.computeIfAbsent(peer.name(), p -> new ArrayList<>()).add(digest);
                }
            }
        }
        byPeer.forEach((peer, asked) -> ctx.send(peer, new Messages.PrivateDataPull(++nextRequestId, ch.setup.channelId(), asked)));
    }

    /**
     * Answers a pull with the requested data this peer holds, committed (private data store) or not yet
     * (transient store), for the collections the requester is a member of.
     */
    private void onPrivateDataPull(String from, Messages.PrivateDataPull pull) {
        PeerChannel ch = channels.get(pull.channelId());
        Optional<Directory.PeerEntry> requester = directory.peer(from);
        if (ch == null || requester.isEmpty() || !ch.setup.hasMember(requester.get().identity().mspId())) {
            return;
        }
        List<Messages.PrivateDataElement> elements = new ArrayList<>();
        for (Messages.PrivateDataDigest digest : pull.digests()) {
            if (!isMember(ch, digest.namespace(), digest.collection(), requester.get().identity())) {
                continue;
            }
            Optional<KvRwSet> stored = ch.ledger.privateDataStore()
                    .get(digest.blockNum(), digest.txNum(), digest.namespace(), digest.collection())
                    .map(set -> ProtoCodec.decodeKvRwSet(set.rwSet()));
            if (stored.isPresent()) {
                elements.add(new Messages.PrivateDataElement(digest, stored.get()));
                continue;
            }
            for (TxPvtReadWriteSet entry : transientData(digest.txId())) {
                collectionOf(entry, digest.namespace(), digest.collection())
                        .ifPresent(rw -> elements.add(new Messages.PrivateDataElement(digest, rw)));
            }
        }
        if (!elements.isEmpty()) {
            ctx.send(from, new Messages.PrivateDataPulled(pull.requestId(), pull.channelId(), name, elements));
        }
    }

    /** Uses pulled data: for the block being committed, or for reconciliation of a committed one. */
    private void onPrivateDataPulled(Messages.PrivateDataPulled pulled) {
        PeerChannel ch = channels.get(pulled.channelId());
        if (ch == null) {
            return;
        }
        PendingCommit pc = ch.committing;
        for (Messages.PrivateDataElement element : pulled.elements()) {
            Messages.PrivateDataDigest digest = element.digest();
            if (pc != null && digest.blockNum() == pc.block.number()) {
                Bytes expected = pc.needed.get(digest);
                if (expected != null && expected.equals(Hashes.sha256(ProtoCodec.encode(element.rwSet())))) {
                    pc.found(digest, element.rwSet());
                }
            } else if (digest.blockNum() < ch.ledger.height()) {
                ChannelLedger.ReconcileOutcome outcome = ch.ledger.reconcile(new MissingPrivateData(digest.blockNum(),
                        digest.txNum(), digest.namespace(), digest.collection()), element.rwSet());
                if (outcome == ChannelLedger.ReconcileOutcome.STORED) {
                    ctx.record("private data reconciled", Map.of("peer", name, "from", pulled.peer(), "block", digest.blockNum(),
                            "tx", digest.txNum(), "collection", digest.namespace() + "/" + digest.collection()));
                }
            }
        }
        if (pc != null && ch.committing == pc && pc.needed.isEmpty()) {
            finishCommit(ch);
            drainCommits(ch);
        }
    }

    /** One reconciliation round: pulls up to {@code reconcileBatchSize} missing entries from other members. */
    private void reconcile(PeerChannel ch) {
        List<MissingPrivateData> missing = ch.ledger.privateDataStore().missing();
        if (missing.isEmpty()) {
            return;
        }
        Set<Messages.PrivateDataDigest> digests = new LinkedHashSet<>();
        for (MissingPrivateData m : missing) {
            if (digests.size() >= privateDataConfig.reconcileBatchSize()) {
                break;
            }
            Optional<ProtocolBlock> block = ch.ledger.blockStore().block(m.blockNum());
            if (block.isEmpty() || m.txNum() >= block.get().data().size()) {
                continue;
            }
            String txId = StoredTransaction.txIdOf(block.get().data().get((int) m.txNum()));
            digests.add(new Messages.PrivateDataDigest(txId, m.blockNum(), m.txNum(), m.namespace(), m.collection()));
        }
        sendPulls(ch, digests);
    }

    /** The decoded entries of {@code txId} in the transient store. */
    private List<TxPvtReadWriteSet> transientData(String txId) {
        List<TxPvtReadWriteSet> out = new ArrayList<>();
        for (TransientEntry entry : transientStore.get(txId)) {
            try {
                out.add(ProtoCodec.decodeTxPvtReadWriteSet(entry.privateRwSet()));
            } catch (CodecException e) {
                ctx.record("corrupt transient entry", Map.of("txId", txId));
            }
        }
        return out;
    }

    private static Optional<KvRwSet> collectionOf(TxPvtReadWriteSet pvt, String namespace, String collection) {
        for (NsPvtReadWriteSet ns : pvt.nsPvtRwSets()) {
            if (ns.namespace().equals(namespace)) {
                for (CollectionPvtReadWriteSet coll : ns.collectionPvtRwSets()) {
                    if (coll.collectionName().equals(collection)) {
                        return Optional.of(coll.rwset());
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The other peers of the channel's member organisations, in directory order. */
    private List<Directory.PeerEntry> channelPeers(PeerChannel ch) {
        List<Directory.PeerEntry> peers = new ArrayList<>();
        for (Directory.PeerEntry peer : directory.allPeers()) {
            if (!peer.name().equals(name) && ch.setup.hasMember(peer.identity().mspId())) {
                peers.add(peer);
            }
        }
        return peers;
    }

    private boolean isMember(PeerChannel ch, String namespace, String collection, Identity who) {
        return collectionPolicy(ch, namespace, collection).map(p -> p.memberOrgsPolicy().isSatisfiedBy(List.of(who))).orElse(false);
    }

    /**
     * What dissemination needs of a collection: a defined collection's member policy and peer counts, or
     * for an implicit collection {@code _implicit_org_<MSPID>} that organisation's members with this
     * peer's implicit-collection settings for its own organisation and 0/0 for the others (Fabric's
     * {@code deployedcc_infoprovider.go}).
     */
    private Optional<DisseminationPlanner.CollectionPolicy> collectionPolicy(PeerChannel ch, String namespace, String collection) {
        String implicitPrefix = LifecycleState.implicitCollection("");
        if (collection.startsWith(implicitPrefix)) {
            String org = collection.substring(implicitPrefix.length());
            if (!ch.setup.hasMember(org)) {
                return Optional.empty();
            }
            boolean own = org.equals(identity.mspId());
            return Optional.of(new DisseminationPlanner.CollectionPolicy(Policy.parse("OR('" + org + ".member')"),
                    own ? privateDataConfig.implicitCollectionRequiredPeerCount() : 0,
                    own ? privateDataConfig.implicitCollectionMaxPeerCount() : 0));
        }
        return definition(ch.ledger.stateDb(), namespace).flatMap(p -> p.collection(collection))
                .map(c -> new DisseminationPlanner.CollectionPolicy(c.memberOrgsPolicy(), c.requiredPeerCount(), c.maxPeerCount()));
    }

    /** The BlockToLive of a collection, from the committed definition (implicit collections: never). */
    private long blockToLive(StateDb state, String namespace, String collection) {
        if (collection.startsWith(LifecycleState.implicitCollection(""))) {
            return 0;
        }
        return definition(state, namespace).flatMap(p -> p.collection(collection)).map(CollectionConfig::blockToLive).orElse(0L);
    }

    /** The committed definition of {@code chaincode}, parsed once per stored version. */
    private Optional<ChaincodeParameters> definition(StateDb state, String chaincode) {
        return state.get(LifecycleState.NAMESPACE, LifecycleState.definitionKey(chaincode))
                .map(v -> definitions.computeIfAbsent(v.value(), bytes -> ChaincodeParameters.fromJson(bytes.unsafeArray())));
    }

    /** The part of {@code pvt} in collections this peer is a member of. */
    private TxPvtReadWriteSet membersOnly(PeerChannel ch, TxPvtReadWriteSet pvt) {
        List<NsPvtReadWriteSet> kept = new ArrayList<>();
        for (NsPvtReadWriteSet ns : pvt.nsPvtRwSets()) {
            List<CollectionPvtReadWriteSet> colls = new ArrayList<>();
            for (CollectionPvtReadWriteSet coll : ns.collectionPvtRwSets()) {
                if (isMember(ch, ns.namespace(), coll.collectionName(), identity)) {
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
