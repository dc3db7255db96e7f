package dev.ledgersim.network.internal;

import dev.ledgersim.endorsement.ChaincodeDefinition;
import dev.ledgersim.endorsement.ChannelPolicies;
import dev.ledgersim.endorsement.LifecycleState;
import dev.ledgersim.gateway.CommitException;
import dev.ledgersim.gateway.Gateway;
import dev.ledgersim.gateway.GatewayException;
import dev.ledgersim.gateway.internal.GatewayImpl;
import dev.ledgersim.ledger.protocol.Bytes;
import dev.ledgersim.ledger.storage.KvStoreFactory;
import dev.ledgersim.ledger.storage.RocksDbResources;
import dev.ledgersim.msp.CertificateAuthority;
import dev.ledgersim.msp.DeterministicRandom;
import dev.ledgersim.msp.Identity;
import dev.ledgersim.msp.MspManager;
import dev.ledgersim.network.runtime.Engine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Everything a built network consists of, shared by the public API objects: the engine running the
 * nodes, the organisations' certificate authorities and identities, the channels, the chaincodes
 * installed on each peer (which, like a peer's disk, survive its crashes), and the client nonce source.
 * Methods that change the network are called from API code, never from node code.
 */
public final class NetworkState implements AutoCloseable {

    /** One application organisation. */
    public record Org(String mspId, CertificateAuthority ca, Identity admin, List<String> peers) {
    }

    private final Engine engine;
    private final long seed;
    private final KvStoreFactory storage;
    private final RocksDbResources resources;
    private final Path temporaryRoot;
    private final Map<String, Org> orgs;
    private final Org ordererOrg;
    private final Map<String, Identity> nodeIdentities;
    private final Map<String, ChannelSetup> channels;
    private final Map<String, Map<String, List<ChaincodeDefinition>>> installed = new ConcurrentHashMap<>();
    private final DeterministicRandom nonces;
    private final Directory directory;
    private final dev.ledgersim.network.Metrics metrics = new dev.ledgersim.network.Metrics();
    private volatile java.util.concurrent.ExecutorService clientPool;

    /** Assembled by the builder; see {@code LedgerSim.Builder}. */
    public NetworkState(Engine engine, long seed, KvStoreFactory storage, RocksDbResources resources, Path temporaryRoot,
                        Map<String, Org> orgs, Org ordererOrg, Map<String, Identity> nodeIdentities,
                        Map<String, ChannelSetup> channels, Directory directory) {
        this.engine = engine;
        this.seed = seed;
        this.storage = storage;
        this.resources = resources;
        this.temporaryRoot = temporaryRoot;
        this.orgs = new TreeMap<>(orgs);
        this.ordererOrg = ordererOrg;
        this.nodeIdentities = new TreeMap<>(nodeIdentities);
        this.channels = new ConcurrentHashMap<>(channels);
        this.directory = directory;
        this.nonces = DeterministicRandom.fromSeed(seed, "client-nonces");
    }

    /** The engine running the nodes. */
    public Engine engine() {
        return engine;
    }

    /**
     * Where clients' asynchronous work runs (assembling and signing envelopes): the caller's thread in the
     * simulated runtime, which has only that one; in the concurrent runtime a pool of one daemon thread per
     * core, so a client's signing does not hold up the peer whose answer completed the stage.
     */
    public java.util.concurrent.Executor clientExecutor() {
        if (engine.isSimulated()) {
            return Runnable::run;
        }
        java.util.concurrent.ExecutorService pool = clientPool;
        if (pool == null) {
            synchronized (this) {
                pool = clientPool;
                if (pool == null) {
                    java.util.concurrent.atomic.AtomicInteger ids = new java.util.concurrent.atomic.AtomicInteger();
                    pool = java.util.concurrent.Executors.newFixedThreadPool(
                            java.lang.Runtime.getRuntime().availableProcessors(), r -> {
                                Thread t = new Thread(r, "ledgersim-client-" + ids.getAndIncrement());
                                t.setDaemon(true);
                                return t;
                            });
                    clientPool = pool;
                }
            }
        }
        return pool;
    }

    /** What the network measured. */
    public dev.ledgersim.network.Metrics metrics() {
        return metrics;
    }

    /** The seed of the network. */
    public long seed() {
        return seed;
    }

    /** The storage nodes keep their data in. */
    public KvStoreFactory storage() {
        return storage;
    }

    /** Who is who. */
    public Directory directory() {
        return directory;
    }

    /** The next client nonce (24 bytes), deterministic in the order proposals are built. */
    public synchronized Bytes nextNonce() {
        byte[] nonce = new byte[24];
        nonces.nextBytes(nonce);
        return Bytes.wrap(nonce);
    }

    /** The application organisations. */
    public Map<String, Org> orgs() {
        return orgs;
    }

    /** The orderer organisation. */
    public Org ordererOrg() {
        return ordererOrg;
    }

    /** The organisation {@code mspId}. */
    public Org org(String mspId) {
        Org org = orgs.get(mspId);
        if (org == null) {
            throw new IllegalArgumentException("no organisation '" + mspId + "' in this network (organisations: "
                    + orgs.keySet() + ")");
        }
        return org;
    }

    /** The identity of node {@code name}. */
    public Identity nodeIdentity(String name) {
        Identity id = nodeIdentities.get(name);
        if (id == null) {
            throw new IllegalArgumentException("no node '" + name + "' in this network (nodes: " + nodeIdentities.keySet() + ")");
        }
        return id;
    }

    /** Whether {@code name} is a peer. */
    public boolean isPeer(String name) {
        return directory.peer(name).isPresent();
    }

    /** The organisation of peer {@code peer}. */
    public String orgOfPeer(String peer) {
        return directory.peer(peer).map(p -> p.identity().mspId()).orElseThrow(() ->
                new IllegalArgumentException("no peer '" + peer + "' in this network (peers: "
                        + directory.allPeers().stream().map(Directory.PeerEntry::name).toList() + ")"));
    }

    /** The peers of {@code mspId}. */
    public List<String> peersOf(String mspId) {
        return org(mspId).peers();
    }

    /** The channel setups, by name. */
    public Map<String, ChannelSetup> channels() {
        return channels;
    }

    /** The member organisations of {@code channel}. */
    public List<String> members(String channel) {
        return setup(channel).policies().organizations();
    }

    ChannelSetup setup(String channel) {
        ChannelSetup setup = channels.get(channel);
        if (setup == null) {
            throw new IllegalArgumentException("no channel '" + channel + "' in this network (channels: "
                    + new TreeMap<>(channels).keySet() + ")");
        }
        return setup;
    }

    /** The chaincodes installed on {@code peer}, per channel (what a restarted peer reinstalls). */
    public Map<String, List<ChaincodeDefinition>> installedOn(String peer) {
        return installed.computeIfAbsent(peer, p -> new ConcurrentHashMap<>());
    }

    /** Enrolls a client of {@code mspId}. */
    public Identity enroll(String mspId, String name, Map<String, String> attributes) {
        return org(mspId).ca().enroll(name, dev.ledgersim.msp.Role.CLIENT, attributes, engine.now());
    }

    /** The admin of {@code mspId}. */
    public Identity admin(String mspId) {
        return org(mspId).admin();
    }

    /** Revokes {@code identity} and pushes the new CRL to every node of the organisation's channels. */
    public void revoke(String mspId, Identity identity) {
        Org org = org(mspId);
        org.ca().revoke(identity, engine.now());
        for (ChannelSetup setup : List.copyOf(channels.values())) {
            if (!setup.hasMember(mspId)) {
                continue;
            }
            MspManager updated = setup.msps().withMsp(org.ca().msp());
            ChannelSetup next = setup.withMsps(updated);
            channels.put(setup.channelId(), next);
            for (String node : engine.nodes()) {
                if (!engine.isAlive(node)) {
                    continue;
                }
                if (isPeer(node)) {
                    if (setup.hasMember(orgOfPeer(node))) {
                        engine.await(engine.call(node, PeerHost.class, p -> {
                            p.updateMsps(setup.channelId(), updated);
                            return null;
                        }), GatewayImpl.CALL_TIMEOUT, "MSP update on " + node);
                    }
                } else {
                    engine.await(engine.call(node, OrdererHost.class, o -> {
                        o.updateMembership(setup.channelId(), updated, next.policies().writers());
                        return null;
                    }), GatewayImpl.CALL_TIMEOUT, "MSP update on " + node);
                }
            }
        }
    }

    /** Installs {@code definition} on every peer of the channel's member organisations. */
    public void install(String channel, ChaincodeDefinition definition) {
        for (String org : members(channel)) {
            for (String peer : peersOf(org)) {
                installedOn(peer).computeIfAbsent(channel, c -> new ArrayList<>()).removeIf(d -> d.name().equals(definition.name()));
                installedOn(peer).get(channel).add(definition);
                if (engine.isAlive(peer)) {
                    engine.await(engine.call(peer, PeerHost.class, p -> {
                        p.install(channel, definition);
                        return null;
                    }), GatewayImpl.CALL_TIMEOUT, "install " + definition.name() + " on " + peer);
                }
            }
        }
    }

    /** Approves {@code definition} for {@code mspId}: its admin submits, one of its peers endorses. */
    public void approve(String channel, String mspId, ChaincodeDefinition definition) {
        Org org = org(mspId);
        lifecycleSubmit(org.admin(), livePeer(org), channel, "ApproveChaincodeDefinitionForMyOrg", definition, List.of(mspId),
                "approval of " + definition.name() + " by " + mspId);
    }

    /** Commits {@code definition}, endorsed by a peer of every member organisation that approved it. */
    public void commitDefinition(String channel, ChaincodeDefinition definition) {
        Map<String, Boolean> approvals = checkCommitReadiness(channel, definition);
        List<String> approved = new ArrayList<>();
        approvals.forEach((org, ok) -> {
            if (ok) {
                approved.add(org);
            }
        });
        if (approved.isEmpty()) {
            throw new IllegalStateException("cannot commit " + definition.name() + " on " + channel
                    + ": no organisation approved it (approvals: " + approvals + ")");
        }
        Org first = org(approved.get(0));
        lifecycleSubmit(first.admin(), livePeer(first), channel, "CommitChaincodeDefinition", definition, approved,
                "commit of " + definition.name() + " (approvals: " + approvals + ")");
    }

    /** Which member organisations approved exactly {@code definition}. */
    public Map<String, Boolean> checkCommitReadiness(String channel, ChaincodeDefinition definition) {
        Org org = org(members(channel).get(0));
        try (Gateway gateway = new GatewayImpl(this, org.admin(), livePeer(org))) {
            byte[] json = gateway.getNetwork(channel).getContract(LifecycleState.NAMESPACE)
                    .evaluateTransaction("CheckCommitReadiness", params(definition));
            var root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).get("approvals");
            Map<String, Boolean> out = new TreeMap<>();
            root.properties().forEach(e -> out.put(e.getKey(), e.getValue().asBoolean()));
            return out;
        } catch (GatewayException e) {
            throw new IllegalStateException("cannot check commit readiness of " + definition.name() + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable commit readiness of " + definition.name(), e);
        }
    }

    private void lifecycleSubmit(Identity admin, String peer, String channel, String function, ChaincodeDefinition definition,
                                 List<String> endorsingOrgs, String what) {
        try (Gateway gateway = new GatewayImpl(this, admin, peer)) {
            var transaction = gateway.getNetwork(channel).getContract(LifecycleState.NAMESPACE).newProposal(function)
                    .addArguments(params(definition)).setEndorsingOrganizations(endorsingOrgs.toArray(String[]::new))
                    .build().endorse();
            transaction.submit();
            awaitCommittedEverywhere(channel, transaction.getTransactionId());
        } catch (CommitException e) {
            throw new IllegalStateException(what + " committed invalid: " + e.getMessage(), e);
        } catch (GatewayException e) {
            throw new IllegalStateException(what + " failed: " + e.getMessage(), e);
        }
    }

    /** Waits until every running peer of the channel has committed {@code txId}, so the next step sees it anywhere. */
    private void awaitCommittedEverywhere(String channel, String txId) {
        for (String org : members(channel)) {
            for (String peer : peersOf(org)) {
                if (engine.isAlive(peer)) {
                    engine.await(engine.call(peer, PeerHost.class, p -> p.commitStatus(channel, txId)).thenCompose(f -> f),
                            GatewayImpl.CALL_TIMEOUT, "the commit of " + txId + " on " + peer);
                }
            }
        }
    }

    private String livePeer(Org org) {
        return org.peers().stream().filter(engine::isAlive).findFirst().orElseThrow(() ->
                new IllegalStateException("no peer of " + org.mspId() + " is running"));
    }

    private static String params(ChaincodeDefinition definition) {
        return new String(definition.parameters().toJson(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        engine.close();
        java.util.concurrent.ExecutorService pool = clientPool;
        if (pool != null) {
            pool.shutdownNow();
        }
        if (resources != null) {
            resources.close();
        }
        if (temporaryRoot != null) {
            try (Stream<Path> paths = Files.walk(temporaryRoot)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException e) {
                org.slf4j.LoggerFactory.getLogger(NetworkState.class).warn("could not delete {}: {}", temporaryRoot, e.getMessage());
            }
        }
    }
}
