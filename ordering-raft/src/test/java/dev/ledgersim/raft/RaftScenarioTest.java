package dev.ledgersim.raft;

import static dev.ledgersim.raft.Network.ofType;
import static dev.ledgersim.raft.Network.to;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledgersim.raft.RaftMessage.InstallSnapshot;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Clusters of {@link RaftNode}s on the scripted {@link Network}, with Fabric's configuration
 * (PreVote, CheckQuorum, ElectionTick 10, HeartbeatTick 1) unless stated. The network checks
 * election safety and state machine safety after every step of every scenario.
 */
class RaftScenarioTest {

    private static final int ELECTION_TICK = RaftConfig.DEFAULT_ELECTION_TICK;

    private static long electLeader(Network net) {
        net.runTicksUntil(n -> n.leader() != RaftNode.NONE, 10 * ELECTION_TICK);
        return net.leader();
    }

    private static long otherThan(Network net, long... excluded) {
        for (long id : net.allIds()) {
            boolean skip = false;
            for (long x : excluded) {
                skip |= x == id;
            }
            if (!skip && net.isRunning(id)) {
                return id;
            }
        }
        throw new AssertionError("no node left");
    }

    // ------------------------------------------------------------------ etcd-style scripts

    @Test
    void script_lostAppendsAreResentAfterAHeartbeatRound() {
        Network net = Network.create(11, 1, 2, 3);
        net.script("""
                campaign 1
                stabilize               # 1 leads term 1, no-op committed everywhere
                propose 1 a
                deliver-msgs drop=(2,3) # both appends of "a" are lost
                """);
        assertEquals(List.of(), net.applied(1));
        assertEquals(1, net.node(1).commitIndex());

        net.script("""
                tick-heartbeat 1
                stabilize               # heartbeat answers reveal the gap; "a" is resent and commits
                """);
        for (long id = 1; id <= 3; id++) {
            assertEquals(List.of("a"), net.applied(id), "node " + id);
        }
    }

    @Test
    void script_isolatedLeaderIsReplacedAndRejoinsAsFollower() {
        Network net = Network.create(12, 1, 2, 3);
        net.script("""
                campaign 1
                stabilize
                isolate 1
                run-ticks 40            # 1 loses its quorum and steps down; 2 or 3 takes term 2
                """);
        long newLeader = net.leader();
        assertTrue(newLeader == 2 || newLeader == 3, "leader " + newLeader);
        assertEquals(2, net.node(newLeader).term());
        assertEquals(RaftRole.PRE_CANDIDATE, net.node(1).role(), "1 keeps asking for pre-votes nobody hears");
        assertEquals(1, net.node(1).term(), "but PreVote keeps its term from inflating");

        net.script("""
                heal
                run-ticks 3
                """);
        assertEquals(newLeader, net.leader());
        assertEquals(2, net.node(1).term());
        assertEquals(newLeader, net.node(1).leaderId());
    }

    // ------------------------------------------------------------------ crash and restart

    @Test
    void leaderCrashLeadsToReelectionAndTheOldLeaderRejoins() {
        Network net = Network.create(1, 1, 2, 3);
        long first = electLeader(net);
        long firstTerm = net.node(first).term();
        net.propose(first, "a");
        net.propose(first, "b");
        net.stabilize();

        net.crash(first);
        int ticks = net.runTicksUntil(n -> n.leader() != RaftNode.NONE, 10 * ELECTION_TICK);
        long second = net.leader();

        assertNotEquals(first, second);
        assertTrue(net.node(second).term() > firstTerm);
        assertTrue(ticks <= 4 * ELECTION_TICK, "re-election took " + ticks + " ticks");
        assertTrue(net.propose(second, "c").isAccepted());
        net.stabilize();

        net.restart(first);
        net.runTicks(3);
        assertEquals(second, net.leader(), "the restarted node does not disrupt the new leader");
        assertEquals(second, net.node(first).leaderId());
        for (long id = 1; id <= 3; id++) {
            assertEquals(List.of("a", "b", "c"), net.applied(id), "node " + id);
        }
    }

    @Test
    void wholeClusterRestartRecoversStateFromStorage() {
        Network net = Network.create(5, 1, 2, 3);
        long leader = electLeader(net);
        net.propose(leader, "a");
        net.propose(leader, "b");
        net.stabilize();
        net.compact(2); // node 2 restarts from a snapshot plus log
        net.propose(leader, "c");
        net.stabilize();
        List<String> before = new ArrayList<>();
        for (long id = 1; id <= 3; id++) {
            RaftNode n = net.node(id);
            before.add(n.term() + "/" + n.votedFor() + "/" + n.commitIndex() + "/" + n.firstIndex() + "/" + n.logEntries());
        }

        for (long id = 1; id <= 3; id++) {
            net.crash(id);
        }
        for (long id = 1; id <= 3; id++) {
            net.restart(id);
        }

        for (long id = 1; id <= 3; id++) {
            RaftNode n = net.node(id);
            assertEquals(before.get((int) id - 1),
                    n.term() + "/" + n.votedFor() + "/" + n.commitIndex() + "/" + n.firstIndex() + "/" + n.logEntries());
            assertEquals(RaftRole.FOLLOWER, n.role());
            assertEquals(List.of("a", "b", "c"), net.applied(id), "node " + id + " re-applied its committed entries");
        }
        assertTrue(net.node(2).firstIndex() > 1, "node 2 recovered from its snapshot");

        long again = electLeader(net);
        assertTrue(net.node(again).term() > net.leadersByTerm().firstKey());
        net.propose(again, "d");
        net.stabilize();
        for (long id = 1; id <= 3; id++) {
            assertEquals(List.of("a", "b", "c", "d"), net.applied(id));
        }
    }

    // ------------------------------------------------------------------ partitions

    /**
     * CheckQuorum: a leader cut off with a minority steps down; the minority cannot elect anyone and,
     * with PreVote, does not even raise its term; on healing nobody is disrupted.
     */
    @Test
    void partitionedLeaderStepsDownAndTheMinorityCannotElect() {
        Network net = Network.create(2, 1, 2, 3, 4, 5);
        long leader = electLeader(net);
        long term = net.node(leader).term();
        long buddy = otherThan(net, leader);
        Set<Long> minority = Set.of(leader, buddy);
        Set<Long> majority = new TreeSet<>(net.allIds());
        majority.removeAll(minority);
        net.partition(minority, majority);

        net.runTicks(2 * ELECTION_TICK);
        assertNotEquals(RaftRole.LEADER, net.node(leader).role(), "stepped down by CheckQuorum");
        assertEquals(new ProposeResult.NotLeader(RaftNode.NONE), net.propose(leader, "lost"));
        long newLeader = electLeader(net);
        assertTrue(majority.contains(newLeader));
        assertEquals(term + 1, net.node(newLeader).term());

        net.runTicks(10 * ELECTION_TICK);
        for (long id : minority) {
            assertNotEquals(RaftRole.LEADER, net.node(id).role());
            assertEquals(term, net.node(id).term(), "PreVote: no term inflation in the minority");
        }
        assertTrue(net.leadersByTerm().tailMap(term + 1).values().stream().allMatch(majority::contains));
        net.propose(newLeader, "m");
        net.stabilize();

        net.heal();
        net.runTicks(3);
        assertEquals(newLeader, net.leader());
        assertEquals(term + 1, net.node(newLeader).term());
        for (long id : net.allIds()) {
            assertEquals(List.of("m"), net.applied(id), "node " + id);
            assertEquals(term + 1, net.node(id).term());
        }
    }

    @Test
    void rejoiningIsolatedFollowerDoesNotDisruptTheLeader() {
        Network net = Network.create(3, 1, 2, 3);
        long leader = electLeader(net);
        long term = net.node(leader).term();
        long follower = otherThan(net, leader);

        net.isolate(follower);
        net.runTicks(10 * ELECTION_TICK);
        assertEquals(term, net.node(follower).term(), "PreVote failed, term unchanged");
        assertEquals(leader, net.leader());
        net.heal();
        net.runTicks(2 * ELECTION_TICK);

        assertEquals(leader, net.leader());
        assertEquals(term, net.node(leader).term());
        assertEquals(RaftRole.FOLLOWER, net.node(follower).role());
        assertEquals(leader, net.node(follower).leaderId());
    }

    /** The contrast: without PreVote (and CheckQuorum) the same rejoin forces an election. */
    @Test
    void withoutPreVoteARejoiningFollowerDisruptsTheLeader() {
        Network net = Network.create(3, Peer.paper(), 1, 2, 3);
        long leader = electLeader(net);
        long term = net.node(leader).term();
        long follower = otherThan(net, leader);

        net.isolate(follower);
        net.runTicks(10 * ELECTION_TICK);
        assertTrue(net.node(follower).term() > term + 3, "the isolated node inflated its term");
        net.heal();
        net.runTicks(2 * ELECTION_TICK);

        assertTrue(net.node(net.leader()).term() > term + 3, "the cluster had to move to the higher term");
    }

    // ------------------------------------------------------------------ snapshots

    @Test
    void laggingFollowerIsCaughtUpWithInstallSnapshotAfterCompaction() {
        Network net = Network.create(4, 1, 2, 3);
        long leader = electLeader(net);
        long lagging = otherThan(net, leader);
        long other = otherThan(net, leader, lagging);
        net.isolate(lagging);
        for (int i = 0; i < 20; i++) {
            net.propose(leader, "e" + i);
            net.stabilize();
        }
        Snapshot snap = net.compact(leader);
        net.compact(other);
        assertTrue(net.storage(leader).firstIndex() > net.node(lagging).lastIndex() + 1, "the lagging node needs compacted entries");

        net.heal();
        net.runTicks(3);

        assertTrue(net.trace().stream().anyMatch(t -> t.startsWith("deliver InstallSnapshot[from=" + leader + ", to=" + lagging)),
                "caught up by snapshot");
        assertEquals(snap, net.storage(lagging).snapshot());
        assertEquals(snap.index() + 1, net.node(lagging).firstIndex());
        assertEquals(net.applied(leader), net.applied(lagging));
        assertEquals(20, net.applied(lagging).size());

        net.propose(leader, "after");
        net.stabilize();
        assertEquals("after", net.applied(lagging).get(20));
        assertEquals(1, net.trace().stream().filter(t -> t.startsWith("deliver InstallSnapshot[")).count(), "one snapshot sufficed");
    }

    // ------------------------------------------------------------------ membership

    /** Thesis §4.1 single-server changes: add a fourth node, then remove one; the cluster keeps committing. */
    @Test
    void addAFourthNodeThenRemoveOneAndKeepCommitting() {
        Network net = Network.create(6, 1, 2, 3);
        long leader = electLeader(net);
        net.propose(leader, "a");
        net.stabilize();

        net.addNode(4); // joins with the bootstrap peers {1, 2, 3}: not a voter yet
        net.runTicks(3 * ELECTION_TICK);
        assertEquals(0, net.node(4).term(), "a non-voter never campaigns");
        assertEquals(List.of(), net.applied(4));

        assertTrue(net.proposeConfChange(leader, ConfChange.addNode(4)).isAccepted());
        assertTrue(net.proposeConfChange(leader, ConfChange.addNode(5)) instanceof ProposeResult.Dropped, "one at a time");
        net.stabilize();
        for (long id = 1; id <= 4; id++) {
            assertEquals(Set.of(1L, 2L, 3L, 4L), net.node(id).voters(), "node " + id);
        }
        assertEquals(List.of("a"), net.applied(4), "the new node received the log");
        net.propose(leader, "b");
        net.stabilize();
        assertEquals(List.of("a", "b"), net.applied(4));

        long removed = otherThan(net, leader, 4);
        assertTrue(net.proposeConfChange(leader, ConfChange.removeNode(removed)).isAccepted());
        net.stabilize();
        net.crash(removed);
        Set<Long> remaining = new TreeSet<>(Set.of(1L, 2L, 3L, 4L));
        remaining.remove(removed);
        for (long id : remaining) {
            assertEquals(remaining, net.node(id).voters(), "node " + id);
        }
        // a second crash leaves 2 of the 3 voters: a quorum of the new configuration (not of the old one)
        net.crash(otherThan(net, leader, removed, 4));
        net.propose(leader, "c");
        net.stabilize();
        assertEquals(List.of("a", "b", "c"), net.applied(leader));
        assertEquals(List.of("a", "b", "c"), net.applied(4));
        net.runTicks(3 * ELECTION_TICK);
        assertEquals(leader, net.leader(), "CheckQuorum counts the new configuration");
    }

    @Test
    void removingTheLeaderHandsLeadershipOver() {
        Network net = Network.create(7, 1, 2, 3);
        long leader = electLeader(net);
        long term = net.node(leader).term();
        net.propose(leader, "a");
        net.stabilize();

        assertTrue(net.proposeConfChange(leader, ConfChange.removeNode(leader)).isAccepted());
        net.stabilize(); // no ticks: the handover is by TimeoutNow

        assertEquals(RaftRole.FOLLOWER, net.node(leader).role());
        long successor = net.leader();
        assertNotEquals(RaftNode.NONE, successor);
        assertNotEquals(leader, successor);
        assertEquals(term + 1, net.node(successor).term());
        assertTrue(net.trace().stream().anyMatch(t -> t.startsWith("deliver TimeoutNow[from=" + leader)));
        net.propose(successor, "b");
        net.stabilize();
        net.runTicks(3 * ELECTION_TICK);
        assertEquals(successor, net.leader());
        assertEquals(List.of("a", "b"), net.applied(successor));
        assertEquals(List.of("a"), net.applied(leader), "the removed node no longer receives entries");
    }

    // ------------------------------------------------------------------ leadership transfer

    @Test
    void leadershipTransferToALaggingFollower() {
        Network net = Network.create(8, 1, 2, 3);
        long leader = electLeader(net);
        long term = net.node(leader).term();
        long target = otherThan(net, leader);
        net.cut(leader, target);
        net.propose(leader, "a");
        net.propose(leader, "b");
        net.stabilize();
        net.heal();

        assertEquals(TransferResult.STARTED, net.transferLeadership(leader, target));
        assertEquals(new ProposeResult.Transferring(target), net.propose(leader, "refused"));
        net.stabilize();

        assertEquals(target, net.leader());
        assertEquals(term + 1, net.node(target).term());
        assertEquals(RaftRole.FOLLOWER, net.node(leader).role());
        net.propose(target, "c");
        net.stabilize();
        for (long id : net.allIds()) {
            assertEquals(List.of("a", "b", "c"), net.applied(id));
        }
    }

    @Test
    void transferToAnUnreachableNodeIsAbandonedAfterAnElectionTimeout() {
        Network net = Network.create(9, 1, 2, 3);
        long leader = electLeader(net);
        long target = otherThan(net, leader);
        net.isolate(target);
        net.propose(leader, "a");
        net.stabilize();

        assertEquals(TransferResult.STARTED, net.transferLeadership(leader, target));
        net.runTicks(ELECTION_TICK);

        assertEquals(leader, net.leader());
        assertEquals(RaftNode.NONE, net.node(leader).transferee());
        assertTrue(net.propose(leader, "b").isAccepted());
    }

    // ------------------------------------------------------------------ seeded simulation

    /** A seeded run with every fault: shuffling, loss, partitions, crashes, restarts, compaction. */
    private static Network chaos(long seed, int steps) {
        Network net = Network.create(seed, 1, 2, 3, 4, 5);
        SplittableRandom random = new SplittableRandom(seed);
        int proposals = 0;
        for (int step = 0; step < steps; step++) {
            net.tickAll();
            net.deliverShuffled(random, 0.1);
            int dice = random.nextInt(100);
            long id = 1 + random.nextInt(5);
            if (dice < 20 && net.leader() != RaftNode.NONE) {
                net.propose(net.leader(), "v" + proposals++);
            } else if (dice < 23 && net.isRunning(id) && net.allIds().stream().filter(x -> !net.isRunning(x)).count() < 2) {
                net.crash(id);
            } else if (dice < 28 && !net.isRunning(id)) {
                net.restart(id);
            } else if (dice < 30) {
                net.heal();
                net.isolate(id);
            } else if (dice < 35) {
                net.heal();
            } else if (dice < 37 && net.isRunning(id) && net.node(id).appliedIndex() > net.node(id).firstIndex()) {
                net.compact(id);
            }
            net.checkLogMatching();
        }
        return net;
    }

    /** Safety throughout (checked by the network), then liveness once the faults stop. */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void seededChaosKeepsSafetyAndRecovers(long seed) {
        Network net = chaos(seed, 400);

        net.heal();
        for (long id : net.allIds()) {
            if (!net.isRunning(id)) {
                net.restart(id);
            }
        }
        long leader = electLeader(net);
        net.propose(leader, "final");
        net.runTicksUntil(n -> n.allIds().stream().allMatch(id -> n.applied(id).contains("final")), 10 * ELECTION_TICK);
        List<String> reference = net.applied(leader);
        for (long id : net.allIds()) {
            assertEquals(reference, net.applied(id), "node " + id + " (seed " + seed + ")");
        }
        assertTrue(net.leadersByTerm().size() > 1, "the faults caused elections");
    }

    @Test
    void sameSeedSameTrace() {
        List<String> first = chaos(42, 300).trace();
        List<String> second = chaos(42, 300).trace();
        assertEquals(first, second);
        assertTrue(first.size() > 1000, "a trace of " + first.size() + " events");
        Set<List<String>> others = new HashSet<>();
        for (long seed = 43; seed < 46; seed++) {
            others.add(chaos(seed, 300).trace());
        }
        assertTrue(!others.contains(first) && others.size() == 3, "different seeds, different runs");
    }

    @Test
    void deliveryOrderIsUnderTheTestsControl() {
        Network net = Network.create(10, Peer.paper(), 1, 2, 3);
        net.campaign(1);
        net.campaign(2); // two candidates in term 1
        net.delay(to(3)); // hold back the votes requested from node 3
        net.deliverAll(); // 1 and 2 reject each other: each voted for itself
        net.release();
        net.deliver(m -> m.to() == 3 && m.from() == 2); // 3 hears 2 first...
        net.deliver(to(3)); // ...so it refuses 1
        net.deliver(ofType(RaftMessage.RequestVoteResponse.class));

        assertEquals(2, net.leader());
        assertEquals(RaftRole.FOLLOWER, net.node(1).role(), "1 lost: both others refused it");
        assertEquals(Set.of(1L), net.leadersByTerm().keySet());
        assertTrue(net.pending().stream().anyMatch(m -> m instanceof RaftMessage.AppendEntries), "the leader's appends are queued");
        assertTrue(net.pending().stream().noneMatch(m -> m instanceof InstallSnapshot));
    }
}
