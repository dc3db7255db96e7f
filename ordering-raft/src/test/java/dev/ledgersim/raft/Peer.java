package dev.ledgersim.raft;

import dev.ledgersim.raft.RaftMessage.AppendEntriesResponse;
import dev.ledgersim.raft.RaftMessage.PreVoteResponse;
import dev.ledgersim.raft.RaftMessage.RequestVoteResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * One {@link RaftNode} driven by hand, for tests that step a single node and assert the exact
 * messages it produces (etcd's raft_paper_test.go style). {@link #drain()} plays the driver:
 * persist, collect messages, apply, advance.
 */
final class Peer {

    final RaftNode node;
    final InMemoryRaftStorage storage;
    final List<Entry> applied = new ArrayList<>();

    Peer(RaftConfig config, InMemoryRaftStorage storage) {
        this.storage = storage;
        this.node = new RaftNode(config, storage);
    }

    /** Raft as in the paper: no PreVote, no CheckQuorum. */
    static UnaryOperator<RaftConfig> paper() {
        return c -> c.withPreVote(false).withCheckQuorum(false);
    }

    static RaftConfig config(long id, long... peers) {
        Set<Long> ps = LongStream.of(peers).boxed().collect(Collectors.toCollection(TreeSet::new));
        return RaftConfig.defaults(id, ps, new SplittableRandom(42 + id));
    }

    /** Node 1 of {@code peers} with Fabric's defaults. */
    static Peer fabric(long... peers) {
        return new Peer(config(1, peers), new InMemoryRaftStorage());
    }

    /** Node 1 of {@code peers} without PreVote and CheckQuorum. */
    static Peer paper(long... peers) {
        return new Peer(paper().apply(config(1, peers)), new InMemoryRaftStorage());
    }

    /** Node 1 over a storage holding {@code entries} and hard state ({@code term}, no vote, commit 0). */
    static Peer paperWithLog(long term, List<Entry> entries, long... peers) {
        return new Peer(paper().apply(config(1, peers)), storageWith(term, entries));
    }

    static InMemoryRaftStorage storageWith(long term, List<Entry> entries) {
        InMemoryRaftStorage s = new InMemoryRaftStorage();
        s.append(entries);
        s.setHardState(new HardState(term, RaftNode.NONE, 0));
        return s;
    }

    static Entry e(long term, long index) {
        return Entry.normal(term, index, new byte[0]);
    }

    static Entry e(long term, long index, String data) {
        return Entry.normal(term, index, data.getBytes(StandardCharsets.UTF_8));
    }

    /** Entries with the given terms at indexes 1, 2, ... */
    static List<Entry> terms(long... terms) {
        List<Entry> out = new ArrayList<>();
        for (int i = 0; i < terms.length; i++) {
            out.add(e(terms[i], i + 1));
        }
        return out;
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Processes every Ready; returns the messages to send. */
    List<RaftMessage> drain() {
        List<RaftMessage> out = new ArrayList<>();
        while (node.hasReady()) {
            Ready rd = node.ready();
            storage.persist(rd);
            out.addAll(rd.messages());
            applied.addAll(rd.committedEntries());
            node.advance(rd);
        }
        return out;
    }

    Peer step(RaftMessage m) {
        node.step(m);
        return this;
    }

    Peer tick(int n) {
        for (int i = 0; i < n; i++) {
            node.tick();
        }
        return this;
    }

    /** Elects this node leader of its next term with grants from {@code voters}, then drains. */
    Peer becomeLeader(long... voters) {
        node.campaign();
        if (node.role() == RaftRole.PRE_CANDIDATE) {
            for (long v : voters) {
                node.step(new PreVoteResponse(v, node.id(), node.term() + 1, true));
            }
        }
        for (long v : voters) {
            if (node.role() == RaftRole.CANDIDATE) {
                node.step(new RequestVoteResponse(v, node.id(), node.term(), true));
            }
        }
        if (node.role() != RaftRole.LEADER) {
            throw new AssertionError("not elected: " + node);
        }
        drain();
        return this;
    }

    /** The node's whole log (persisted or not). */
    List<Entry> log() {
        return node.logEntries();
    }

    /** A Fabric-configured leader of term 1 whose no-op is committed and whose followers replicate. */
    static Peer leaderInReplicate(UnaryOperator<RaftConfig> customize) {
        Peer p = new Peer(customize.apply(Peer.config(1, 1, 2, 3)), new InMemoryRaftStorage()).becomeLeader(2, 3);
        p.step(AppendEntriesResponse.accepted(2, 1, 1, 1));
        p.step(AppendEntriesResponse.accepted(3, 1, 1, 1));
        p.drain();
        if (p.node.progress(2).state != Progress.State.REPLICATE || p.node.progress(3).state != Progress.State.REPLICATE) {
            throw new AssertionError("followers not replicating: " + p.node);
        }
        return p;
    }
}
