package dev.ledgersim.bench.experiment;

import dev.ledgersim.bench.workload.TxGenerator;
import dev.ledgersim.bench.workload.TxRequest;
import dev.ledgersim.bench.workload.Workload;
import dev.ledgersim.bench.workload.WorkloadSetting;
import dev.ledgersim.gateway.CommitStatusException;
import dev.ledgersim.gateway.Contract;
import dev.ledgersim.gateway.EndorseException;
import dev.ledgersim.gateway.Gateway;
import dev.ledgersim.gateway.Proposal;
import dev.ledgersim.gateway.Status;
import dev.ledgersim.gateway.SubmitException;
import dev.ledgersim.gateway.SubmittedTransaction;
import dev.ledgersim.msp.Crypto;
import dev.ledgersim.msp.Identity;
import dev.ledgersim.network.LedgerSim;
import dev.ledgersim.network.LedgerView;
import dev.ledgersim.network.Runtime;
import dev.ledgersim.network.Storage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One point of an experiment on its own network: builds the network, deploys the workload's chaincode,
 * enrolls the clients, loads the initial data; then a driver runs the load through it.
 */
final class PointRun implements AutoCloseable {

    /** The channel every experiment runs on. */
    static final String CHANNEL = "bench";
    /** The chaincode name. */
    static final String CHAINCODE = "benchcc";

    private static final Logger LOG = LoggerFactory.getLogger(PointRun.class);
    private static final int SETUP_WINDOW = 50;

    /** A client: an enrolled identity, its gateway peer and its transaction generator. */
    static final class Client {
        final int index;
        final Identity identity;
        final String peer;
        final Gateway gateway;
        final Contract contract;
        final LedgerView ledger;
        final TxGenerator generator;

        Client(int index, Identity identity, String peer, Gateway gateway, LedgerView ledger, TxGenerator generator) {
            this.index = index;
            this.identity = identity;
            this.peer = peer;
            this.gateway = gateway;
            this.contract = gateway.getNetwork(CHANNEL).getContract(CHAINCODE);
            this.ledger = ledger;
            this.generator = generator;
        }

        synchronized TxRequest nextRequest() {
            return generator.next();
        }
    }

    final ExperimentSpec spec;
    final LedgerSim sim;
    final Workload workload;
    final WorkloadSetting setting;
    final List<Client> clients = new ArrayList<>();
    private final Path traceFile;

    PointRun(ExperimentSpec spec, Path traceFile) {
        this.spec = spec;
        NetworkSpec n = spec.network();
        this.workload = spec.workload().create();
        this.setting = new WorkloadSetting(n.organizations(), n.orgs() * n.peersPerOrg(), spec.load().clients());
        LedgerSim.Builder b = LedgerSim.builder().seed(spec.seed());
        for (String org : n.organizations()) {
            b.organization(org, o -> o.peers(n.peersPerOrg()));
        }
        b.ordererOrganization("OrdererMSP", n.orderers())
                .channel(CHANNEL, ch -> ch.members(n.organizations().toArray(String[]::new)).batchSize(n.batchSize())
                        .batchTimeout(n.batchTimeout()))
                .storage(n.storage().equals("rocksdb") ? Storage.temporaryRocksDb() : Storage.inMemory())
                .runtime(n.runtime().equals("concurrent")
                        ? (n.threads() > 0 ? Runtime.concurrent(n.threads()) : Runtime.concurrent()) : Runtime.simulated())
                .crypto(crypto(n))
                .trace(n.trace());
        this.sim = b.build();
        this.traceFile = traceFile;
        try {
            if (n.latencyMs() != 1.0) {
                setLatency(Duration.ofNanos(Math.round(n.latencyMs() * 1_000_000)));
            }
            sim.channel(CHANNEL).deploy(workload.chaincode(CHAINCODE, n.endorsementPolicy(), setting));
            for (int i = 0; i < spec.load().clients(); i++) {
                String org = n.organizations().get(i % n.orgs());
                Identity id = sim.organization(org).enroll("client" + i, workload.clientAttributes(i));
                String peer = sim.organization(org).peers().get((i / n.orgs()) % n.peersPerOrg());
                SplittableRandom random = new SplittableRandom(spec.seed() * 0x9E3779B97F4A7C15L + i);
                clients.add(new Client(i, id, peer, sim.connect(id, peer), sim.peer(peer).ledger(CHANNEL),
                        workload.generator(i, setting, random)));
            }
            setup();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Sets the latency of the link between every two nodes. */
    private void setLatency(Duration latency) {
        List<String> nodes = new ArrayList<>(sim.peers());
        nodes.addAll(sim.orderers());
        for (int i = 0; i < nodes.size(); i++) {
            for (int j = i + 1; j < nodes.size(); j++) {
                sim.faults().link(nodes.get(i), nodes.get(j)).latency(latency);
            }
        }
    }

    /** Submits the workload's setup transactions, {@value #SETUP_WINDOW} at a time; all must commit valid. */
    private void setup() {
        List<TxRequest> requests = workload.setup(setting);
        Client client = clients.get(0);
        Deque<SubmittedTransaction> window = new ArrayDeque<>();
        for (TxRequest request : requests) {
            try {
                window.add(proposal(client, request).build().endorse().submitAsync());
            } catch (EndorseException | SubmitException e) {
                throw new ExperimentException("setup transaction " + request + " failed: " + e.getMessage(), e);
            }
            if (window.size() >= SETUP_WINDOW) {
                awaitSetup(window.poll());
            }
        }
        while (!window.isEmpty()) {
            awaitSetup(window.poll());
        }
        LOG.debug("setup: {} transactions committed", requests.size());
    }

    private static void awaitSetup(SubmittedTransaction tx) {
        try {
            Status status = tx.getStatus();
            if (!status.isSuccessful()) {
                throw new ExperimentException("setup transaction " + tx.getTransactionId() + " committed " + status.getCode());
            }
        } catch (CommitStatusException e) {
            throw new ExperimentException("setup transaction " + tx.getTransactionId() + ": " + e.getMessage(), e);
        }
    }

    /** The proposal of {@code request} from {@code client}. */
    /** The network's signature scheme: a fresh instance per point when verifications are shared. */
    static Crypto crypto(NetworkSpec n) {
        Crypto scheme = n.crypto().equals("ecdsa") ? Crypto.ecdsa() : Crypto.simulated();
        return n.verification().equals("shared") ? scheme.withSharedVerification() : scheme;
    }

    static Proposal.Builder proposal(Client client, TxRequest request) {
        Proposal.Builder b = client.contract.newProposal(request.function()).addArguments(request.args().toArray(String[]::new));
        if (!request.transientData().isEmpty()) {
            b.putAllTransient(request.transientData());
        }
        return b;
    }

    @Override
    public void close() {
        if (traceFile != null && sim.trace().isEnabled()) {
            sim.trace().writeJson(traceFile);
        }
        for (Client c : clients) {
            c.gateway.close();
        }
        sim.close();
    }
}
