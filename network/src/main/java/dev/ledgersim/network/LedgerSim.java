package dev.ledgersim.network;

import dev.ledgersim.endorsement.ChannelPolicies;
import dev.ledgersim.endorsement.simulation.SimulationBudget;
import dev.ledgersim.gateway.Gateway;
import dev.ledgersim.gateway.internal.GatewayImpl;
import dev.ledgersim.ledger.Block;
import dev.ledgersim.ledger.TxValidationCode;
import dev.ledgersim.ledger.codec.Hashes;
import dev.ledgersim.ledger.commit.ChannelLedger;
import dev.ledgersim.ledger.protocol.Bytes;
import dev.ledgersim.ledger.state.VersionedValue;
import dev.ledgersim.ledger.storage.KvStoreFactory;
import dev.ledgersim.ledger.storage.RocksDbResources;
import dev.ledgersim.msp.CaConfig;
import dev.ledgersim.msp.CertificateAuthority;
import dev.ledgersim.msp.Crypto;
import dev.ledgersim.msp.DeterministicRandom;
import dev.ledgersim.msp.Identity;
import dev.ledgersim.msp.Msp;
import dev.ledgersim.msp.MspConfig;
import dev.ledgersim.msp.MspManager;
import dev.ledgersim.msp.Role;
import dev.ledgersim.network.internal.ChannelSetup;
import dev.ledgersim.network.internal.Directory;
import dev.ledgersim.network.internal.GenesisBlocks;
import dev.ledgersim.network.internal.NetworkState;
import dev.ledgersim.network.internal.OrdererHost;
import dev.ledgersim.network.internal.PeerHost;
import dev.ledgersim.network.runtime.Engine;
import dev.ledgersim.network.runtime.EngineConfig;
import dev.ledgersim.network.runtime.Engines;
import dev.ledgersim.orderer.BatchConfig;
import dev.ledgersim.orderer.ChannelOrderer;
import dev.ledgersim.orderer.Consenter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A whole permissioned network in one JVM: organisations with their CAs and peers, a Raft ordering
 * service, channels, chaincodes, clients. Built with {@link #builder()}; closing it stops every node and
 * releases storage.
 *
 * <pre>{@code
 * try (LedgerSim sim = LedgerSim.builder()
 *         .organization("Org1MSP", org -> org.peers(2))
 *         .organization("Org2MSP", org -> org.peers(1))
 *         .ordererOrganization("OrdererMSP", 3)
 *         .channel("emr", ch -> ch.members("Org1MSP", "Org2MSP").batchSize(10))
 *         .build()) {
 *     ...
 * }
 * }</pre>
 *
 * <p>In the simulated runtime (the default) nothing happens between calls: blocking calls
 * ({@code submitTransaction}, {@code Status.getCode}) and {@link #runFor}/{@link #runUntilIdle} advance
 * simulated time. The same seed and the same calls give the same blocks, byte for byte. Use it from one
 * thread. In the concurrent runtime the network runs on its own threads at full speed.
 */
public final class LedgerSim implements AutoCloseable {

    private final NetworkState state;
    private final Faults faults;

    private LedgerSim(NetworkState state) {
        this.state = state;
        this.faults = Faults.of(state.engine());
    }

    /** A builder with Fabric's defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The seed everything random was drawn from. */
    public long seed() {
        return state.seed();
    }

    /**
     * Organisation {@code mspId}.
     *
     * @throws IllegalArgumentException when there is none
     */
    public Organization organization(String mspId) {
        state.org(mspId);
        return new Organization(state, mspId);
    }

    /** Channel {@code name}. */
    public Channel channel(String name) {
        state.members(name);
        return new Channel(state, name);
    }

    /** A gateway for {@code identity} through the first peer of its organisation. */
    public Gateway connect(Identity identity) {
        Objects.requireNonNull(identity, "identity");
        List<String> peers = state.org(identity.mspId()).peers();
        return new GatewayImpl(state, identity, peers.get(0));
    }

    /** A gateway for {@code identity} through peer {@code peer}. */
    public Gateway connect(Identity identity, String peer) {
        Objects.requireNonNull(identity, "identity");
        state.orgOfPeer(peer);
        return new GatewayImpl(state, identity, peer);
    }

    /** Advances the network by {@code duration} (simulated runtime), or waits that long (concurrent). */
    public void runFor(Duration duration) {
        state.engine().runFor(duration);
    }

    /**
     * Simulated runtime: switches the whole network off for {@code duration} and back on — nothing
     * happens meanwhile, then the clock reads {@code duration} later — to cross months or years (a
     * retention period, certificate expiry) without simulating every heartbeat. Identities enrolled
     * afterwards are valid from the new time.
     *
     * @throws IllegalArgumentException if negative
     * @throws UnsupportedOperationException in the concurrent runtime
     */
    public void suspendFor(Duration duration) {
        state.engine().suspendFor(duration);
    }

    /**
     * Waits for {@code future} — typically from the gateway's asynchronous calls
     * ({@code endorseAsync}, {@code broadcastAsync}, {@code getStatusAsync}) — and returns its value.
     * Simulated runtime: runs the network, advancing simulated time, until the future completes, so every
     * other transaction in flight progresses meanwhile. Concurrent runtime: waits.
     *
     * @throws dev.ledgersim.network.runtime.RuntimeTimeoutException if it has not completed within
     *     {@code timeout} (simulated or wall time), or, simulated, nothing is left that could complete it
     * @throws java.util.concurrent.CompletionException wrapping a checked failure (e.g. a
     *     {@code CommitStatusException}); unchecked failures are rethrown as they are
     */
    public <T> T await(java.util.concurrent.CompletableFuture<T> future, Duration timeout) {
        Objects.requireNonNull(future, "future");
        Objects.requireNonNull(timeout, "timeout");
        return state.engine().await(future, timeout, "a future the caller awaits");
    }

    /** Runs until nothing but periodic housekeeping is left to do. */
    public void runUntilIdle() {
        state.engine().runUntilIdle();
    }

    /** The network's current time (simulated or wall). */
    public java.time.Instant now() {
        return state.engine().now();
    }

    /** Crash, restart, partition and link faults. */
    public Faults faults() {
        return faults;
    }

    /** Per-transaction stage timings, block sizes and validation-code counts. */
    public Metrics metrics() {
        return state.metrics();
    }

    /** Everything that happened, in order. */
    public Trace trace() {
        return Trace.of(state.engine().trace());
    }

    /** Peer {@code name}, e.g. {@code peer0.org1msp}. */
    public PeerView peer(String name) {
        state.orgOfPeer(name);
        return new PeerViewImpl(name);
    }

    /** Orderer {@code name}, e.g. {@code orderer0.orderermsp}. */
    public OrdererView orderer(String name) {
        if (!state.directory().orderers().contains(name)) {
            throw new IllegalArgumentException("no orderer '" + name + "' (orderers: " + state.directory().orderers() + ")");
        }
        return new OrdererViewImpl(name);
    }

    /** The names of all peers. */
    public List<String> peers() {
        return state.directory().allPeers().stream().map(Directory.PeerEntry::name).toList();
    }

    /** The names of all orderers. */
    public List<String> orderers() {
        return state.directory().orderers();
    }

    /** The consenter that leads the first channel's Raft group now, if any is known. */
    public Optional<String> raftLeader() {
        String channel = new TreeMap<>(state.channels()).firstKey();
        for (String orderer : state.directory().orderers()) {
            if (state.engine().isAlive(orderer) && orderer(orderer).isLeader(channel)) {
                return Optional.of(orderer);
            }
        }
        return Optional.empty();
    }

    /** Runs until every channel's Raft group has elected a leader (at most 60 s of network time). */
    private void awaitOrderingService() {
        java.time.Instant deadline = now().plus(Duration.ofSeconds(60));
        while (now().isBefore(deadline)) {
            boolean ready = true;
            for (String channel : state.channels().keySet()) {
                boolean led = false;
                for (String orderer : state.directory().orderers()) {
                    led |= orderer(orderer).isLeader(channel);
                }
                ready &= led;
            }
            if (ready) {
                return;
            }
            runFor(Duration.ofMillis(500));
        }
        throw new IllegalStateException("the ordering service elected no Raft leader within 60 s");
    }

    /** Stops every node and releases storage (a temporary directory is deleted). */
    @Override
    public void close() {
        state.close();
    }

    private <T> T onNode(String node, Function<dev.ledgersim.network.runtime.Node, T> action) {
        return state.engine().await(state.engine().call(node, action), GatewayImpl.CALL_TIMEOUT, "a read of " + node);
    }

    /** What every node view answers the same way: its name, identity and liveness. */
    private abstract class NodeViewImpl {
        final String name;

        NodeViewImpl(String name) {
            this.name = name;
        }

        public String name() {
            return name;
        }

        public Identity identity() {
            return state.nodeIdentity(name);
        }

        public boolean isAlive() {
            return state.engine().isAlive(name);
        }
    }

    private final class PeerViewImpl extends NodeViewImpl implements PeerView {

        PeerViewImpl(String name) {
            super(name);
        }

        @Override
        public LedgerView ledger(String channel) {
            if (!state.members(channel).contains(state.orgOfPeer(name))) {
                throw new IllegalArgumentException("peer " + name + " has no ledger of channel '" + channel
                        + "': its organisation is not a member");
            }
            return new LedgerViewImpl(name, channel);
        }

        @Override
        public String toString() {
            return "Peer[" + name + "]";
        }
    }

    private final class LedgerViewImpl implements LedgerView {
        private final String peer;
        private final String channel;

        LedgerViewImpl(String peer, String channel) {
            this.peer = peer;
            this.channel = channel;
        }

        private <T> T read(Function<ChannelLedger, T> read) {
            return onNode(peer, n -> read.apply(((PeerHost) n).ledger(channel).orElseThrow()));
        }

        @Override
        public long height() {
            return read(ChannelLedger::height);
        }

        @Override
        public Block block(long number) {
            return read(l -> l.block(number)).orElseThrow(() -> new IllegalArgumentException("peer " + peer
                    + " has no block " + number + " of channel " + channel + " (height " + height() + ")"));
        }

        @Override
        public byte[] worldState(String chaincode, String key) {
            return read(l -> l.worldState(chaincode, key));
        }

        @Override
        public byte[] privateData(String chaincode, String collection, String key) {
            return read(l -> l.stateDb().getPrivate(chaincode, collection, key).map(VersionedValue::value)
                    .map(Bytes::toByteArray).orElse(null));
        }

        @Override
        public byte[] privateDataHash(String chaincode, String collection, String key) {
            return read(l -> l.stateDb().getHashed(chaincode, collection, Hashes.sha256(Bytes.utf8(key)))
                    .map(VersionedValue::value).map(Bytes::toByteArray).orElse(null));
        }

        @Override
        public TxValidationCode validationCode(String txId) {
            return read(l -> l.validationCode(txId).orElse(null));
        }

        @Override
        public String validationReason(String txId) {
            return read(l -> l.blockStore().transaction(txId)
                    .map(loc -> l.blockStore().validationResults(loc.blockNumber()).get(loc.txNum()).detail()).orElse(null));
        }

        @Override
        public void verifyChain() {
            read(l -> {
                l.verifyChain();
                return null;
            });
        }
    }

    private final class OrdererViewImpl extends NodeViewImpl implements OrdererView {

        OrdererViewImpl(String name) {
            super(name);
        }

        private <T> T chain(String channel, Function<ChannelOrderer, T> read, T whenDown) {
            if (!state.engine().isAlive(name)) {
                return whenDown;
            }
            return onNode(name, n -> ((OrdererHost) n).channel(channel).map(read).orElse(whenDown));
        }

        private String firstChannel() {
            return new TreeMap<>(state.channels()).firstKey();
        }

        @Override
        public boolean isLeader() {
            return isLeader(firstChannel());
        }

        @Override
        public boolean isLeader(String channel) {
            return chain(channel, ChannelOrderer::isLeader, false);
        }

        @Override
        public long term() {
            return chain(firstChannel(), ChannelOrderer::term, 0L);
        }

        @Override
        public long height(String channel) {
            return chain(channel, ChannelOrderer::height, 0L);
        }

        @Override
        public String toString() {
            return "Orderer[" + name + "]";
        }
    }

    /** Describes a network; {@link #build} creates it. */
    public static final class Builder {

        private long seed;
        private final Map<String, OrgSpec> orgs = new LinkedHashMap<>();
        private String ordererMsp = "OrdererMSP";
        private int ordererCount = 1;
        private final Map<String, ChannelSpec> channels = new LinkedHashMap<>();
        private Storage storage = Storage.temporaryRocksDb();
        private Runtime runtime = Runtime.simulated();
        private Crypto crypto = Crypto.ecdsa();
        private long maxOperations = SimulationBudget.DEFAULT_MAX_OPERATIONS;
        private boolean trace = true;
        private PrivateDataConfig privateData = PrivateDataConfig.defaults();

        private Builder() {
        }

        /** The seed (default 0): same seed, same ledger bytes. */
        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /** Adds organisation {@code mspId}, configured by {@code spec} (its peer count). */
        public Builder organization(String mspId, Consumer<OrgSpec> spec) {
            OrgSpec org = new OrgSpec();
            spec.accept(org);
            if (orgs.putIfAbsent(mspId, org) != null) {
                throw new IllegalArgumentException("organisation " + mspId + " is defined twice");
            }
            return this;
        }

        /** The orderer organisation and its number of Raft consenters (default: OrdererMSP with 1). */
        public Builder ordererOrganization(String mspId, int orderers) {
            if (orderers < 1) {
                throw new IllegalArgumentException("the ordering service needs at least 1 orderer, got " + orderers);
            }
            this.ordererMsp = Objects.requireNonNull(mspId, "mspId");
            this.ordererCount = orderers;
            return this;
        }

        /** Adds channel {@code name}, configured by {@code spec} (members, batch size and timeout). */
        public Builder channel(String name, Consumer<ChannelSpec> spec) {
            ChannelSpec ch = new ChannelSpec();
            spec.accept(ch);
            if (channels.putIfAbsent(name, ch) != null) {
                throw new IllegalArgumentException("channel " + name + " is defined twice");
            }
            return this;
        }

        /** Where nodes keep their data (default: RocksDB in a temporary directory). */
        public Builder storage(Storage value) {
            this.storage = Objects.requireNonNull(value, "storage");
            return this;
        }

        /** Which runtime drives the nodes (default: simulated). */
        public Builder runtime(Runtime value) {
            this.runtime = Objects.requireNonNull(value, "runtime");
            return this;
        }

        /** Real ECDSA (default) or simulated signatures. */
        public Builder crypto(Crypto value) {
            this.crypto = Objects.requireNonNull(value, "crypto");
            return this;
        }

        /** The ledger-operation budget of one transaction simulation (default one million). */
        public Builder contractOperationBudget(long operations) {
            this.maxOperations = operations;
            return this;
        }

        /** Whether to record a trace (default true; turn off for throughput runs). */
        public Builder trace(boolean enabled) {
            this.trace = enabled;
            return this;
        }

        /** How peers disseminate, pull and reconcile private data (default {@link PrivateDataConfig#defaults()}). */
        public Builder privateData(PrivateDataConfig value) {
            this.privateData = Objects.requireNonNull(value, "privateData");
            return this;
        }

        /**
         * Creates the network: CAs and identities, genesis blocks, the ordering service and the peers, and
         * starts them.
         *
         * @throws IllegalArgumentException naming what is inconsistent (unknown members, no organisation, ...)
         */
        public LedgerSim build() {
            if (orgs.isEmpty()) {
                throw new IllegalArgumentException("a network needs at least one organisation");
            }
            if (channels.isEmpty()) {
                throw new IllegalArgumentException("a network needs at least one channel");
            }
            if (orgs.containsKey(ordererMsp)) {
                throw new IllegalArgumentException("the orderer organisation " + ordererMsp + " is also an application organisation");
            }
            for (Map.Entry<String, ChannelSpec> ch : channels.entrySet()) {
                if (ch.getValue().members.isEmpty()) {
                    throw new IllegalArgumentException("channel " + ch.getKey() + " has no members");
                }
                for (String member : ch.getValue().members) {
                    if (!orgs.containsKey(member)) {
                        throw new IllegalArgumentException("channel " + ch.getKey() + " names member '" + member
                                + "', which is not an organisation of this network (organisations: " + orgs.keySet() + ")");
                    }
                }
            }
            EngineConfig engineConfig = EngineConfig.defaults().withSeed(seed).withEpoch(CaConfig.DEFAULT_VALID_FROM)
                    .withTraceEnabled(trace);
            KvStoreFactory factory;
            RocksDbResources resources = null;
            Path temporary = null;
            if (storage instanceof Storage.RocksDb rocks) {
                Path root = rocks.root();
                if (root == null) {
                    try {
                        temporary = Files.createTempDirectory("ledgersim");
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot create a temporary directory for the network's storage", e);
                    }
                    root = temporary;
                }
                resources = RocksDbResources.withDefaults();
                factory = KvStoreFactory.rocksDb(root, resources);
            } else {
                factory = KvStoreFactory.inMemory();
            }

            // Certificates are valid from the network's start: the simulated epoch, or now in the concurrent runtime.
            Engine engine = Engines.create(runtime, engineConfig);
            java.time.Instant start = engine.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            Map<String, NetworkState.Org> orgStates = new TreeMap<>();
            Map<String, Identity> nodes = new TreeMap<>();
            Map<String, List<Directory.PeerEntry>> peersByOrg = new TreeMap<>();
            Map<String, Identity> peerSigners = new TreeMap<>();
            for (Map.Entry<String, OrgSpec> e : orgs.entrySet()) {
                String msp = e.getKey();
                CertificateAuthority ca = CertificateAuthority.create(CaConfig.defaults(msp).withValidFrom(start),
                        DeterministicRandom.fromSeed(seed, "ca/" + msp), crypto);
                List<String> peerNames = new ArrayList<>();
                List<Directory.PeerEntry> entries = new ArrayList<>();
                for (int i = 0; i < e.getValue().peers; i++) {
                    String name = "peer" + i + "." + msp.toLowerCase(Locale.ROOT);
                    Identity id = ca.enroll(name, Role.PEER);
                    peerNames.add(name);
                    entries.add(new Directory.PeerEntry(name, id.withoutPrivateKey()));
                    peerSigners.put(name, id);
                    nodes.put(name, id);
                }
                Identity admin = ca.enroll("admin", Role.ADMIN);
                orgStates.put(msp, new NetworkState.Org(msp, ca, admin, peerNames));
                peersByOrg.put(msp, entries);
            }
            CertificateAuthority ordererCa = CertificateAuthority.create(CaConfig.defaults(ordererMsp).withValidFrom(start),
                    DeterministicRandom.fromSeed(seed, "ca/" + ordererMsp), crypto);
            List<String> ordererNames = new ArrayList<>();
            Map<String, Identity> ordererSigners = new TreeMap<>();
            List<Consenter> consenters = new ArrayList<>();
            for (int i = 0; i < ordererCount; i++) {
                String name = "orderer" + i + "." + ordererMsp.toLowerCase(Locale.ROOT);
                Identity id = ordererCa.enroll(name, Role.ORDERER);
                ordererNames.add(name);
                ordererSigners.put(name, id);
                nodes.put(name, id);
                consenters.add(new Consenter(i + 1, name));
            }
            Identity ordererAdmin = ordererCa.enroll("admin", Role.ADMIN);
            NetworkState.Org ordererOrg = new NetworkState.Org(ordererMsp, ordererCa, ordererAdmin, List.of());

            Map<String, ChannelSetup> setups = new TreeMap<>();
            for (Map.Entry<String, ChannelSpec> ch : channels.entrySet()) {
                List<String> members = new ArrayList<>(ch.getValue().members);
                ChannelPolicies policies = ChannelPolicies.standard(members);
                List<Msp> msps = new ArrayList<>();
                Map<String, MspConfig> configs = new TreeMap<>();
                for (String member : members) {
                    Msp msp = orgStates.get(member).ca().msp();
                    msps.add(msp);
                    configs.put(member, msp.config());
                }
                Msp ordererMspObj = ordererCa.msp();
                msps.add(ordererMspObj);
                configs.put(ordererMsp, ordererMspObj.config());
                BatchConfig batch = BatchConfig.defaults().withMaxMessageCount(ch.getValue().batchSize)
                        .withBatchTimeout(ch.getValue().batchTimeout);
                byte[] nonce = new byte[24];
                DeterministicRandom.fromSeed(seed, "genesis/" + ch.getKey()).nextBytes(nonce);
                var genesis = GenesisBlocks.create(ch.getKey(), configs, policies, batch, consenters, ordererAdmin,
                        Bytes.wrap(nonce), start);
                setups.put(ch.getKey(), new ChannelSetup(ch.getKey(), policies, new MspManager(msps), batch, consenters, genesis));
            }

            Directory directory = Directory.of(peersByOrg, ordererNames);
            NetworkState state = new NetworkState(engine, seed, factory, resources, temporary, orgStates, ordererOrg,
                    nodes, setups, directory);
            for (String orderer : ordererNames) {
                Identity signer = ordererSigners.get(orderer);
                engine.register(orderer, () -> new OrdererHost(orderer, signer, List.copyOf(state.channels().values()), factory));
            }
            long budget = maxOperations;
            PrivateDataConfig pdc = privateData;
            for (Map.Entry<String, NetworkState.Org> org : orgStates.entrySet()) {
                for (String peer : org.getValue().peers()) {
                    Identity signer = peerSigners.get(peer);
                    engine.register(peer, () -> new PeerHost(peer, signer, directory,
                            state.channels().values().stream().filter(s -> s.hasMember(org.getKey())).toList(),
                            factory, () -> state.installedOn(peer), budget, state.metrics(), pdc));
                }
            }
            LedgerSim sim = new LedgerSim(state);
            sim.awaitOrderingService();
            return sim;
        }
    }

    /** An organisation's settings in {@link Builder#organization}. */
    public static final class OrgSpec {
        private int peers = 1;

        private OrgSpec() {
        }

        /** Its number of peers (default 1). */
        public OrgSpec peers(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("an organisation needs at least 1 peer, got " + count);
            }
            this.peers = count;
            return this;
        }
    }

    /** A channel's settings in {@link Builder#channel}. */
    public static final class ChannelSpec {
        private final List<String> members = new ArrayList<>();
        private int batchSize = BatchConfig.defaults().maxMessageCount();
        private Duration batchTimeout = BatchConfig.defaults().batchTimeout();

        private ChannelSpec() {
        }

        /** Its member organisations. */
        public ChannelSpec members(String... mspIds) {
            members.clear();
            members.addAll(List.of(mspIds));
            return this;
        }

        /** {@code MaxMessageCount} (default 500). */
        public ChannelSpec batchSize(int messages) {
            this.batchSize = messages;
            return this;
        }

        /** {@code BatchTimeout} (default 2 s). */
        public ChannelSpec batchTimeout(Duration timeout) {
            this.batchTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }
    }
}
