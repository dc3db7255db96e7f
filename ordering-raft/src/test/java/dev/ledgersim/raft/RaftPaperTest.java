package dev.ledgersim.raft;

import static dev.ledgersim.raft.Network.ofType;
import static dev.ledgersim.raft.Network.to;
import static dev.ledgersim.raft.Peer.bytes;
import static dev.ledgersim.raft.Peer.e;
import static dev.ledgersim.raft.Peer.terms;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledgersim.raft.RaftMessage.AppendEntries;
import dev.ledgersim.raft.RaftMessage.AppendEntriesResponse;
import dev.ledgersim.raft.RaftMessage.Heartbeat;
import dev.ledgersim.raft.RaftMessage.PreVote;
import dev.ledgersim.raft.RaftMessage.PreVoteResponse;
import dev.ledgersim.raft.RaftMessage.RequestVote;
import dev.ledgersim.raft.RaftMessage.RequestVoteResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rules of the Raft paper (Ongaro &amp; Ousterhout, "In Search of an Understandable Consensus
 * Algorithm", extended version), one test per rule, each named after the section it checks, in the
 * manner of etcd's raft_paper_test.go. Unless a test says otherwise it runs Raft as the paper states
 * it — PreVote and CheckQuorum off — on a single {@link RaftNode} stepped by hand (node 1 of
 * {1, 2, 3}), and asserts the exact messages it produces.
 */
class RaftPaperTest {

    // ------------------------------------------------------------------ §5.1 Raft basics

    /** §5.1: "If a server receives a request with a higher term, it updates its term and reverts to follower." */
    @ParameterizedTest
    @EnumSource(value = RaftRole.class, names = {"FOLLOWER", "CANDIDATE", "LEADER"})
    void s5_1_serverAdoptsHigherTermFromAppendEntriesAndBecomesFollower(RaftRole start) {
        Peer p = Peer.paper(1, 2, 3);
        if (start == RaftRole.CANDIDATE) {
            p.node.campaign();
        } else if (start == RaftRole.LEADER) {
            p.becomeLeader(2);
        }
        p.drain();
        assertEquals(start, p.node.role());

        p.step(new AppendEntries(2, 1, 5, 0, 0, List.of(), 0));

        assertEquals(5, p.node.term());
        assertEquals(RaftRole.FOLLOWER, p.node.role());
        assertEquals(2, p.node.leaderId());
        assertEquals(RaftNode.NONE, p.node.votedFor());
        assertEquals(List.of(AppendEntriesResponse.accepted(1, 2, 5, 0)), p.drain());
    }

    /** §5.1: a vote request of a higher term also updates the term; no leader is known in it yet. */
    @Test
    void s5_1_leaderAdoptsHigherTermFromRequestVote() {
        Peer p = Peer.paper(1, 2, 3).becomeLeader(2);

        p.step(new RequestVote(3, 1, 7, 1, 1, false));

        assertEquals(7, p.node.term());
        assertEquals(RaftRole.FOLLOWER, p.node.role());
        assertEquals(RaftNode.NONE, p.node.leaderId());
        assertEquals(List.of(new RequestVoteResponse(1, 3, 7, true)), p.drain());
        assertEquals(3, p.node.votedFor());
    }

    /** §5.1: "If a server receives a request with a stale term number, it rejects the request." */
    @Test
    void s5_1_requestsWithStaleTermAreRejected() {
        Peer p = Peer.paperWithLog(2, List.of(), 1, 2, 3);

        p.step(new AppendEntries(2, 1, 1, 0, 0, List.of(e(1, 1, "stale")), 1));
        p.step(new RequestVote(3, 1, 1, 5, 1, false));

        assertEquals(List.of(), p.drain());
        assertEquals(2, p.node.term());
        assertEquals(0, p.node.lastIndex(), "the stale leader's entry was not appended");
        assertEquals(RaftNode.NONE, p.node.votedFor());
    }

    /** §5.2: "When servers start up, they begin as followers." */
    @Test
    void s5_2_serversStartAsFollowers() {
        Peer p = Peer.paper(1, 2, 3);

        assertEquals(RaftRole.FOLLOWER, p.node.role());
        assertEquals(0, p.node.term());
        assertEquals(RaftNode.NONE, p.node.leaderId());
        assertEquals(List.of(), p.drain());
    }

    // ------------------------------------------------------------------ §5.2 Leader election

    /** §5.2: "Leaders send periodic heartbeats ... to all followers"; each carries a commit the follower holds. */
    @Test
    void s5_2_leaderSendsHeartbeatsEveryHeartbeatTick() {
        Peer p = Peer.paper(1, 2, 3).becomeLeader(2);

        p.tick(1);
        assertEquals(List.of(new Heartbeat(1, 2, 1, 0), new Heartbeat(1, 3, 1, 0)), p.drain());

        p.step(AppendEntriesResponse.accepted(2, 1, 1, 1)); // node 2 stores the no-op: committed
        p.drain();
        p.tick(1);
        // node 3 has not acknowledged index 1: it is not told a commit beyond its match
        assertEquals(List.of(new Heartbeat(1, 2, 1, 1), new Heartbeat(1, 3, 1, 0)), p.drain());
    }

    /**
     * §5.2: "If a follower receives no communication over a period of time called the election
     * timeout, then it ... begins an election": it increments its term, votes for itself and sends
     * RequestVote to every other server.
     */
    @Test
    void s5_2_followerStartsElectionAfterElectionTimeout() {
        Peer p = Peer.paper(1, 2, 3);

        int ticks = 0;
        while (p.node.role() == RaftRole.FOLLOWER) {
            p.tick(1);
            ticks++;
            assertTrue(ticks < 20, "no election within 2 * electionTick");
        }

        assertTrue(ticks >= 10, "campaigned after " + ticks + " ticks, before electionTick");
        assertEquals(RaftRole.CANDIDATE, p.node.role());
        assertEquals(1, p.node.term());
        assertEquals(1, p.node.votedFor());
        assertEquals(List.of(new RequestVote(1, 2, 1, 0, 0, false), new RequestVote(1, 3, 1, 0, 0, false)), p.drain());
    }

    /** §5.2: "If many followers become candidates at the same time ... each candidate will time out and start a new election." */
    @Test
    void s5_2_candidateStartsNewElectionWhenItTimesOut() {
        Peer p = Peer.paper(1, 2, 3);
        p.node.campaign();
        p.drain();

        p.tick(20);

        assertEquals(RaftRole.CANDIDATE, p.node.role());
        assertEquals(2, p.node.term());
        assertEquals(List.of(new RequestVote(1, 2, 2, 0, 0, false), new RequestVote(1, 3, 2, 0, 0, false)), p.drain());
    }

    static Stream<Arguments> oneRoundElections() {
        return Stream.of(
                Arguments.of(1, "", RaftRole.LEADER),
                Arguments.of(3, "2y 3y", RaftRole.LEADER),
                Arguments.of(3, "2y", RaftRole.LEADER),
                Arguments.of(5, "2y 3y 4y 5y", RaftRole.LEADER),
                Arguments.of(5, "2y 3y 4y", RaftRole.LEADER),
                Arguments.of(5, "2y 3y", RaftRole.LEADER),
                // a majority rejects: back to follower
                Arguments.of(3, "2n 3n", RaftRole.FOLLOWER),
                Arguments.of(5, "2n 3n 4n 5n", RaftRole.FOLLOWER),
                Arguments.of(5, "2y 3n 4n 5n", RaftRole.FOLLOWER),
                // neither: still a candidate
                Arguments.of(3, "", RaftRole.CANDIDATE),
                Arguments.of(5, "2y", RaftRole.CANDIDATE),
                Arguments.of(5, "2n 3n", RaftRole.CANDIDATE),
                Arguments.of(5, "", RaftRole.CANDIDATE));
    }

    /**
     * §5.2: "A candidate wins an election if it receives votes from a majority of the servers in the
     * full cluster for the same term."
     */
    @ParameterizedTest(name = "{0} nodes, votes [{1}] -> {2}")
    @MethodSource("oneRoundElections")
    void s5_2_candidateWinsWithMajorityOfVotes(int size, String votes, RaftRole expected) {
        long[] ids = LongStream.rangeClosed(1, size).toArray();
        Peer p = new Peer(Peer.paper().apply(Peer.config(1, ids)), new InMemoryRaftStorage());
        p.node.campaign();
        for (String v : votes.split(" ")) {
            if (!v.isEmpty()) {
                long from = Long.parseLong(v.substring(0, v.length() - 1));
                p.step(new RequestVoteResponse(from, 1, 1, v.endsWith("y")));
            }
        }

        assertEquals(expected, p.node.role());
        assertEquals(1, p.node.term());
    }

    static Stream<Arguments> votingRules() {
        return Stream.of(
                Arguments.of(RaftNode.NONE, 2L, true),
                Arguments.of(RaftNode.NONE, 3L, true),
                Arguments.of(2L, 2L, true),
                Arguments.of(3L, 3L, true),
                Arguments.of(2L, 3L, false),
                Arguments.of(3L, 2L, false));
    }

    /** §5.2: "Each server will vote for at most one candidate in a given term, on a first-come-first-served basis." */
    @ParameterizedTest(name = "voted for {0}, request from {1} -> granted {2}")
    @MethodSource("votingRules")
    void s5_2_followerVotesForAtMostOneCandidatePerTerm(long votedFor, long candidate, boolean granted) {
        InMemoryRaftStorage s = new InMemoryRaftStorage();
        s.setHardState(new HardState(1, votedFor, 0));
        Peer p = new Peer(Peer.paper().apply(Peer.config(1, 1, 2, 3)), s);

        p.step(new RequestVote(candidate, 1, 1, 0, 0, false));

        assertEquals(List.of(new RequestVoteResponse(1, candidate, 1, granted)), p.drain());
        assertEquals(granted ? candidate : votedFor, p.node.votedFor());
        assertEquals(granted ? candidate : votedFor, s.initialState().votedFor(), "the vote is persisted before the answer");
    }

    /**
     * §5.2: "If the leader's term ... is at least as large as the candidate's current term, then the
     * candidate recognizes the leader as legitimate and returns to follower state."
     */
    @ParameterizedTest(name = "AppendEntries of term {0}")
    @MethodSource("leaderTerms")
    void s5_2_candidateFallsBackToFollowerOnAppendEntriesOfAtLeastItsTerm(long leaderTerm) {
        Peer p = Peer.paper(1, 2, 3);
        p.node.campaign();
        p.drain();

        p.step(new AppendEntries(2, 1, leaderTerm, 0, 0, List.of(), 0));

        assertEquals(RaftRole.FOLLOWER, p.node.role());
        assertEquals(leaderTerm, p.node.term());
        assertEquals(2, p.node.leaderId());
        assertEquals(List.of(AppendEntriesResponse.accepted(1, 2, leaderTerm, 0)), p.drain());
    }

    static Stream<Long> leaderTerms() {
        return Stream.of(1L, 2L);
    }

    /**
     * §5.2: "Raft uses randomized election timeouts ... chosen randomly from a fixed interval"; here
     * [electionTick, 2 * electionTick), redrawn at every election.
     */
    @Test
    void s5_2_electionTimeoutsAreRandomisedWithinOneToTwoElectionTicks() {
        Peer p = Peer.paper(1, 2, 3);
        Set<Integer> seen = new TreeSet<>();
        for (int round = 0; round < 50; round++) {
            long term = p.node.term();
            int ticks = 0;
            while (p.node.term() == term) {
                p.tick(1);
                ticks++;
            }
            assertTrue(ticks >= 10 && ticks < 20, "timeout " + ticks + " outside [10, 20)");
            seen.add(ticks);
        }
        assertTrue(seen.size() >= 5, "timeouts hardly vary: " + seen);
    }

    /**
     * §5.2: randomized timeouts ensure "that in most cases only a single server will time out":
     * among five fresh followers, two time out in the same tick in well under a third of the runs
     * (etcd's bound).
     */
    @Test
    void s5_2_randomisedTimeoutsRarelyCollide() {
        int conflicts = 0;
        int runs = 1000;
        for (int run = 0; run < runs; run++) {
            List<RaftNode> nodes = new ArrayList<>();
            for (long id = 1; id <= 5; id++) {
                RaftConfig c = Peer.paper().apply(Peer.config(id, 1, 2, 3, 4, 5))
                        .withRandom(new SplittableRandom(run * 10L + id));
                nodes.add(new RaftNode(c, new InMemoryRaftStorage()));
            }
            int timedOut = 0;
            while (timedOut == 0) {
                for (RaftNode n : nodes) {
                    n.tick();
                }
                timedOut = (int) nodes.stream().filter(n -> n.role() == RaftRole.CANDIDATE).count();
            }
            if (timedOut > 1) {
                conflicts++;
            }
        }
        assertTrue(conflicts < runs * 0.3, conflicts + " of " + runs + " elections started with a split");
    }

    /**
     * §5.2 Election Safety: "at most one leader can be elected in a given term." Five nodes without
     * PreVote (so candidates compete), a node cut off in turn, messages shuffled and lost at random,
     * seeded; the harness
     * checks after every step that no term has two leaders.
     */
    @Test
    void s5_2_electionSafety_atMostOneLeaderPerTerm() {
        int leadersSeen = 0;
        for (long seed = 1; seed <= 20; seed++) {
            Network net = Network.create(seed, Peer.paper(), 1, 2, 3, 4, 5);
            SplittableRandom random = new SplittableRandom(seed);
            for (int step = 0; step < 300; step++) {
                if (step % 25 == 0) { // move a partition around: cut one random node off
                    net.heal();
                    net.isolate(1 + random.nextInt(5));
                }
                net.tickAll();
                net.deliverShuffled(random, 0.3);
            }
            leadersSeen += net.leadersByTerm().size();
        }
        assertTrue(leadersSeen > 60, "hardly any election succeeded (" + leadersSeen + "): the check proves little");
    }

    // ------------------------------------------------------------------ §5.3 Log replication

    /** §8: "each leader commit[s] a blank no-op entry into the log at the start of its term." */
    @Test
    void s8_leaderAppendsAndReplicatesAnEmptyEntryOnElection() {
        Peer p = Peer.paper(1, 2, 3);
        p.node.campaign();
        p.drain();

        p.step(new RequestVoteResponse(2, 1, 1, true));

        assertEquals(RaftRole.LEADER, p.node.role());
        assertEquals(List.of(e(1, 1)), p.log());
        assertEquals(List.of(
                new AppendEntries(1, 2, 1, 0, 0, List.of(e(1, 1)), 0),
                new AppendEntries(1, 3, 1, 0, 0, List.of(e(1, 1)), 0)), p.drain());
    }

    /**
     * §5.3: "The leader appends the command to its log as a new entry, then issues AppendEntries RPCs
     * in parallel to each of the other servers to replicate the entry."
     */
    @Test
    void s5_3_leaderAppendsProposalAndSendsAppendEntriesToEveryFollower() {
        Peer p = leaderWithFollowersInReplicate();

        ProposeResult r = p.node.propose(bytes("some data"));

        assertEquals(new ProposeResult.Accepted(2, 1), r);
        Ready rd = p.node.ready();
        assertEquals(List.of(e(1, 2, "some data")), rd.entries(), "to persist");
        assertEquals(List.of(
                new AppendEntries(1, 2, 1, 1, 1, List.of(e(1, 2, "some data")), 1),
                new AppendEntries(1, 3, 1, 1, 1, List.of(e(1, 2, "some data")), 1)), rd.messages());
        assertEquals(List.of(), rd.committedEntries());
    }

    /**
     * §5.3: "When the entry has been safely replicated, the leader applies the entry to its state
     * machine"; "the leader keeps track of the highest index it knows to be committed, and it
     * includes that index in future AppendEntries RPCs."
     */
    @Test
    void s5_3_leaderCommitsEntryStoredOnMajorityAndTellsFollowers() {
        Peer p = leaderWithFollowersInReplicate();
        p.node.propose(bytes("some data"));
        p.drain();

        p.step(AppendEntriesResponse.accepted(2, 1, 1, 2));

        assertEquals(2, p.node.commitIndex());
        Ready rd = p.node.ready();
        assertEquals(List.of(e(1, 2, "some data")), rd.committedEntries());
        assertEquals(List.of(
                new AppendEntries(1, 2, 1, 2, 1, List.of(), 2),
                new AppendEntries(1, 3, 1, 2, 1, List.of(), 2)), rd.messages());
    }

    static Stream<Arguments> acknowledgements() {
        return Stream.of(
                Arguments.of(1, "", true),
                Arguments.of(3, "", false),
                Arguments.of(3, "2", true),
                Arguments.of(3, "2 3", true),
                Arguments.of(5, "", false),
                Arguments.of(5, "2", false),
                Arguments.of(5, "2 3", true),
                Arguments.of(5, "2 3 4", true),
                Arguments.of(5, "2 3 4 5", true));
    }

    /** §5.3: "A log entry is committed once the leader that created the entry has replicated it on a majority of the servers." */
    @ParameterizedTest(name = "{0} nodes, acks from [{1}] -> committed {2}")
    @MethodSource("acknowledgements")
    void s5_3_entryIsCommittedOnceOnMajority(int size, String acks, boolean committed) {
        long[] ids = LongStream.rangeClosed(1, size).toArray();
        Peer p = new Peer(Peer.paper().apply(Peer.config(1, ids)), new InMemoryRaftStorage())
                .becomeLeader(LongStream.rangeClosed(2, size).toArray());
        long index = ((ProposeResult.Accepted) p.node.propose(bytes("some data"))).index();
        p.drain();

        for (String a : acks.split(" ")) {
            if (!a.isEmpty()) {
                p.step(AppendEntriesResponse.accepted(Long.parseLong(a), 1, 1, index));
            }
        }

        assertEquals(committed, p.node.commitIndex() == index, "commit " + p.node.commitIndex());
    }

    static Stream<List<Entry>> earlierLogs() {
        return Stream.of(List.of(), List.of(e(2, 1)), List.of(e(1, 1), e(2, 2)), List.of(e(1, 1)));
    }

    /** §5.3: committing an entry "also commits all preceding entries in the leader's log, including entries created by previous leaders." */
    @ParameterizedTest
    @MethodSource("earlierLogs")
    void s5_3_committingAnEntryCommitsAllPrecedingEntries(List<Entry> earlier) {
        Peer p = Peer.paperWithLog(2, earlier, 1, 2, 3).becomeLeader(2); // term 3
        long li = earlier.size();
        p.node.propose(bytes("some data"));
        p.drain();

        p.step(AppendEntriesResponse.accepted(2, 1, 3, li + 2));
        p.drain();

        List<Entry> expected = new ArrayList<>(earlier);
        expected.add(e(3, li + 1));
        expected.add(e(3, li + 2, "some data"));
        assertEquals(expected, p.applied);
    }

    static Stream<Arguments> followerCommits() {
        List<Entry> one = List.of(e(1, 1, "some data"));
        List<Entry> two = List.of(e(1, 1, "some data"), e(1, 2, "some data2"));
        return Stream.of(Arguments.of(one, 1), Arguments.of(two, 2), Arguments.of(two, 1), Arguments.of(one, 0));
    }

    /** §5.3: "Once a follower learns that a log entry is committed, it applies the entry to its local state machine." */
    @ParameterizedTest
    @MethodSource("followerCommits")
    void s5_3_followerCommitsWhatTheLeaderCommitted(List<Entry> entries, long leaderCommit) {
        Peer p = Peer.paper(1, 2, 3);

        p.step(new AppendEntries(2, 1, 1, 0, 0, entries, leaderCommit));

        assertEquals(List.of(AppendEntriesResponse.accepted(1, 2, 1, entries.size())), p.drain());
        assertEquals(leaderCommit, p.node.commitIndex());
        assertEquals(entries.subList(0, (int) leaderCommit), p.applied);
    }

    static Stream<Arguments> consistencyChecks() {
        return Stream.of(
                // below the commit index: the follower answers with its commit
                Arguments.of(0L, 0L, AppendEntriesResponse.accepted(1, 2, 2, 1)),
                Arguments.of(1L, 1L, AppendEntriesResponse.accepted(1, 2, 2, 1)),
                Arguments.of(2L, 2L, AppendEntriesResponse.accepted(1, 2, 2, 2)),
                // missing entry: reject with the hint (last index whose term <= 1) = (1, 1)
                Arguments.of(3L, 1L, AppendEntriesResponse.rejected(1, 2, 2, 3, 1, 1)),
                // hint (2, 2): our entry 2 has term 2 <= 3
                Arguments.of(3L, 3L, AppendEntriesResponse.rejected(1, 2, 2, 3, 2, 2)),
                // term mismatch at 2: hint index 1 (term 1 <= 1)
                Arguments.of(2L, 1L, AppendEntriesResponse.rejected(1, 2, 2, 2, 1, 1)));
    }

    /**
     * §5.3: "If the follower does not find an entry in its log with the same index and term, then it
     * refuses the new entries" — with etcd's reject hint. Follower log [1@1, 2@2], commit 1.
     */
    @ParameterizedTest(name = "prev ({0}, {1}) -> {2}")
    @MethodSource("consistencyChecks")
    void s5_3_followerChecksConsistencyOfPrecedingEntry(long prevIndex, long prevTerm, AppendEntriesResponse expected) {
        InMemoryRaftStorage s = Peer.storageWith(2, terms(1, 2));
        s.setHardState(new HardState(2, RaftNode.NONE, 1));
        Peer p = new Peer(Peer.paper().apply(Peer.config(1, 1, 2, 3)), s);

        p.step(new AppendEntries(2, 1, 2, prevIndex, prevTerm, List.of(), 1));

        assertEquals(List.of(expected), p.drain());
    }

    static Stream<Arguments> appends() {
        return Stream.of(
                Arguments.of(2L, 2L, List.of(e(3, 3)), List.of(e(1, 1), e(2, 2), e(3, 3)), List.of(e(3, 3))),
                Arguments.of(1L, 1L, List.of(e(3, 2), e(4, 3)), List.of(e(1, 1), e(3, 2), e(4, 3)), List.of(e(3, 2), e(4, 3))),
                Arguments.of(0L, 0L, List.of(e(1, 1)), List.of(e(1, 1), e(2, 2)), List.of()),
                Arguments.of(0L, 0L, List.of(e(3, 1)), List.of(e(3, 1)), List.of(e(3, 1))));
    }

    /**
     * §5.3: "If an existing entry conflicts with a new one (same index but different terms), delete
     * the existing entry and all that follow it; append any new entries not already in the log."
     * Follower log [1@1, 2@2].
     */
    @ParameterizedTest
    @MethodSource("appends")
    void s5_3_followerDeletesConflictingEntriesAndAppendsNewOnes(long prevIndex, long prevTerm, List<Entry> entries,
            List<Entry> expectedLog, List<Entry> expectedToPersist) {
        Peer p = Peer.paperWithLog(2, terms(1, 2), 1, 2, 3);

        p.step(new AppendEntries(2, 1, 4, prevIndex, prevTerm, entries, 0));

        assertEquals(expectedLog, p.log());
        Ready rd = p.node.ready();
        assertEquals(expectedToPersist, rd.entries());
        assertEquals(List.of(AppendEntriesResponse.accepted(1, 2, 4, prevIndex + entries.size())), rd.messages());
        p.storage.persist(rd);
        p.node.advance(rd);
        assertEquals(expectedLog, p.storage.entries(1, p.storage.lastIndex() + 1), "storage truncated and appended");
    }

    static Stream<List<Entry>> figure7Followers() {
        return Stream.of(
                terms(1, 1, 1, 4, 4, 5, 5, 6, 6), // (a) missing entries
                terms(1, 1, 1, 4), // (b) missing entries
                terms(1, 1, 1, 4, 4, 5, 5, 6, 6, 6, 6), // (c) extra uncommitted entry
                terms(1, 1, 1, 4, 4, 5, 5, 6, 6, 6, 7, 7), // (d) extra entries of a later term
                terms(1, 1, 1, 4, 4, 4, 4), // (e) missing and extra entries
                terms(1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 3)); // (f) many extra entries of old terms
    }

    /**
     * §5.3, Figure 7: "the leader handles inconsistencies by forcing the followers' logs to duplicate
     * its own", and (Leader Append-Only) "a leader never overwrites or deletes entries in its own
     * log". Node 3 is down; it grants the leader its vote before crashing.
     */
    @ParameterizedTest
    @MethodSource("figure7Followers")
    void s5_3_leaderBringsFollowerLogIntoAgreementWithoutTouchingItsOwn(List<Entry> followerLog) {
        List<Entry> leaderLog = terms(1, 1, 1, 4, 4, 5, 5, 6, 6, 6);
        TreeMap<Long, InMemoryRaftStorage> storages = new TreeMap<>();
        storages.put(1L, Peer.storageWith(7, leaderLog));
        storages.put(2L, Peer.storageWith(7, followerLog));
        storages.put(3L, new InMemoryRaftStorage());
        Network net = Network.createWith(7, Peer.paper(), storages);
        net.crash(3);

        net.campaign(1);
        net.deliverAll();
        net.inject(new RequestVoteResponse(3, 1, 8, true));
        assertEquals(RaftRole.LEADER, net.node(1).role());
        net.stabilize();

        List<Entry> expected = new ArrayList<>(leaderLog);
        expected.add(e(8, 11));
        assertEquals(expected, net.node(1).logEntries(), "leader log: its old entries untouched, no-op appended");
        assertEquals(expected, net.node(2).logEntries());
        assertEquals(expected, net.storage(2).entries(1, 12));
        assertEquals(11, net.node(2).commitIndex());
    }

    /**
     * §5.3, the optimisation after Figure 7: with the conflicting term in the rejection "one
     * AppendEntries RPC will be required for each term with conflicting entries, rather than one RPC
     * per entry". Follower (f) of Figure 7 disagrees from index 4 on; one rejection suffices
     * (decrementing nextIndex one by one would need seven).
     */
    @Test
    void s5_3_rejectHintSkipsAWholeConflictingTermPerRoundTrip() {
        TreeMap<Long, InMemoryRaftStorage> storages = new TreeMap<>();
        storages.put(1L, Peer.storageWith(7, terms(1, 1, 1, 4, 4, 5, 5, 6, 6, 6)));
        storages.put(2L, Peer.storageWith(7, terms(1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 3)));
        storages.put(3L, new InMemoryRaftStorage());
        Network net = Network.createWith(7, Peer.paper(), storages);
        net.crash(3);
        net.campaign(1);
        net.deliverAll();
        net.inject(new RequestVoteResponse(3, 1, 8, true));

        net.stabilize();

        long rejections = net.trace().stream()
                .filter(t -> t.startsWith("deliver AppendEntriesResponse") && t.contains("success=false")).count();
        assertEquals(1, rejections, String.join("\n", net.trace()));
        assertTrue(net.trace().contains("deliver " + AppendEntriesResponse.rejected(2, 1, 8, 10, 10, 3)),
                "follower (f) answers prev (10, 6) with hint (10, 3)");
        assertEquals(net.node(1).logEntries(), net.node(2).logEntries());
    }

    /**
     * §5.3 Log Matching Property, checked between every pair of nodes while five nodes take
     * proposals under shuffled, lossy delivery and moving partitions (seeded).
     */
    @Test
    void s5_3_logMatching_sameIndexAndTermMeansIdenticalPrefixes() {
        long compared = 0;
        for (long seed = 1; seed <= 10; seed++) {
            Network net = Network.create(seed, Peer.paper(), 1, 2, 3, 4, 5);
            SplittableRandom random = new SplittableRandom(seed);
            for (int step = 0; step < 300; step++) {
                if (step % 30 == 0) {
                    net.heal();
                    net.isolate(1 + random.nextInt(5));
                }
                long leader = net.leader();
                if (leader != RaftNode.NONE && random.nextInt(3) == 0) {
                    net.propose(leader, "s" + seed + "." + step);
                }
                net.tickAll();
                net.deliverShuffled(random, 0.3);
                net.checkLogMatching();
            }
            compared += net.node(1).lastIndex();
        }
        assertTrue(compared > 200, "logs too short to prove anything: " + compared);
    }

    /** §5.2 heartbeats with HeartbeatTick 3: every third tick. */
    @Test
    void s5_2_heartbeatsFollowTheHeartbeatTick() {
        Peer p = new Peer(Peer.paper().apply(Peer.config(1, 1, 2, 3)).withTicks(10, 3), new InMemoryRaftStorage())
                .becomeLeader(2);

        p.tick(2);
        assertEquals(List.of(), p.drain());
        p.tick(1);
        assertEquals(List.of(new Heartbeat(1, 2, 1, 0), new Heartbeat(1, 3, 1, 0)), p.drain());
    }

    /**
     * §5.5: "Raft RPCs are idempotent": a duplicated AppendEntries changes nothing. (The duplicate now
     * precedes the commit index, so the follower answers with its commit, as etcd does.)
     */
    @Test
    void s5_5_duplicateAppendEntriesIsHarmless() {
        Peer p = Peer.paper(1, 2, 3);
        AppendEntries ae = new AppendEntries(2, 1, 1, 0, 0, List.of(e(1, 1, "a"), e(1, 2, "b")), 1);

        p.step(ae);
        List<RaftMessage> first = p.drain();
        p.step(ae);
        List<RaftMessage> second = p.drain();

        assertEquals(List.of(AppendEntriesResponse.accepted(1, 2, 1, 2)), first);
        assertEquals(List.of(AppendEntriesResponse.accepted(1, 2, 1, 1)), second);
        assertEquals(List.of(e(1, 1, "a"), e(1, 2, "b")), p.log());
        assertEquals(List.of(e(1, 1, "a")), p.applied, "applied once");
    }

    // ------------------------------------------------------------------ §5.4 Safety

    static Stream<Arguments> upToDateChecks() {
        return Stream.of(
                // same last term: the longer log wins
                Arguments.of(terms(1), 1L, 1L, true),
                Arguments.of(terms(1), 2L, 1L, true),
                Arguments.of(terms(1, 1), 1L, 1L, false),
                // candidate's last term is higher
                Arguments.of(terms(1), 1L, 2L, true),
                Arguments.of(terms(1), 2L, 2L, true),
                Arguments.of(terms(1, 1), 1L, 2L, true),
                // voter's last term is higher
                Arguments.of(terms(2), 1L, 1L, false),
                Arguments.of(terms(2), 2L, 1L, false),
                Arguments.of(terms(2, 1), 1L, 1L, false));
    }

    /**
     * §5.4.1 Election restriction: "the voter denies its vote if its own log is more up-to-date than
     * that of the candidate" (compare last terms, then lengths).
     */
    @ParameterizedTest(name = "voter {0}, candidate last ({1}, term {2}) -> granted {3}")
    @MethodSource("upToDateChecks")
    void s5_4_1_voterDeniesVoteToCandidateWithLessUpToDateLog(List<Entry> voterLog, long lastIndex, long lastTerm,
            boolean granted) {
        Peer p = Peer.paperWithLog(2, voterLog, 1, 2, 3);

        p.step(new RequestVote(2, 1, 3, lastIndex, lastTerm, false));

        assertEquals(List.of(new RequestVoteResponse(1, 2, 3, granted)), p.drain());
    }

    /** §5.4.1 applied to PreVote (thesis §9.6): same up-to-date rule, but the voter's term stays put. */
    @ParameterizedTest(name = "voter {0}, pre-candidate last ({1}, term {2}) -> granted {3}")
    @MethodSource("upToDateChecks")
    void s5_4_1_preVoteAppliesTheSameElectionRestriction(List<Entry> voterLog, long lastIndex, long lastTerm,
            boolean granted) {
        Peer p = new Peer(Peer.config(1, 1, 2, 3), Peer.storageWith(2, voterLog));

        p.step(new PreVote(2, 1, 3, lastIndex, lastTerm));

        assertEquals(List.of(new PreVoteResponse(1, 2, granted ? 3 : 2, granted)), p.drain());
        assertEquals(2, p.node.term());
        assertEquals(RaftNode.NONE, p.node.votedFor());
    }

    /**
     * §5.4.2: "Raft never commits log entries from previous terms by counting replicas. Only log
     * entries from the leader's current term are committed by counting replicas; once an entry from
     * the current term has been committed ... all prior entries are committed indirectly."
     */
    @Test
    void s5_4_2_leaderDoesNotCommitPreviousTermEntryByCountingReplicas() {
        Peer p = Peer.paperWithLog(2, terms(1, 2), 1, 2, 3).becomeLeader(2); // term 3, no-op at 3
        assertEquals(List.of(e(1, 1), e(2, 2), e(3, 3)), p.log());

        p.step(AppendEntriesResponse.accepted(2, 1, 3, 1));
        assertEquals(0, p.node.commitIndex(), "entry 1 (term 1) is on a majority but not committed");
        p.step(AppendEntriesResponse.accepted(2, 1, 3, 2));
        assertEquals(0, p.node.commitIndex(), "entry 2 (term 2) is on a majority but not committed");
        p.step(AppendEntriesResponse.accepted(2, 1, 3, 3));
        assertEquals(3, p.node.commitIndex(), "entry 3 (term 3) commits, and 1 and 2 with it");
        p.drain();
        assertEquals(List.of(e(1, 1), e(2, 2), e(3, 3)), p.applied);
    }

    /**
     * §5.4.2, Figure 8, replayed on five nodes: an entry of an earlier term stored on a majority can
     * still be overwritten by a later leader — which is why the leader must not count it as committed.
     * (Terms are shifted from the figure because our leaders append a no-op; one entry per message so
     * the scenario can be staged.)
     */
    @Test
    void s5_4_2_figure8_entryOnMajorityFromOldTermCanBeOverwritten() {
        Network net = Network.create(8, c -> Peer.paper().apply(c).withMessageLimits(1 << 20, 1), 1, 2, 3, 4, 5);

        // (a) S1 leads term 1 and its no-op 1@1 reaches S2 only
        net.campaign(1);
        net.deliver(ofType(RequestVote.class));
        net.deliver(ofType(RequestVoteResponse.class));
        assertEquals(1, net.leader());
        net.deliver(to(2));
        net.drop(m -> true);
        // (b) S1 crashes; S5 is elected in term 2 by S3, S4 and itself, appends 1@2, crashes at once
        net.crash(1);
        net.campaign(5);
        net.deliver(ofType(RequestVote.class));
        net.deliver(ofType(RequestVoteResponse.class));
        assertEquals(5, net.leader());
        assertEquals(2, net.node(5).term());
        net.drop(m -> true);
        net.crash(5);
        // (c) S1 restarts and is elected in term 3 (in term 2 it gets no majority: S3 and S4 voted for S5)
        net.restart(1);
        net.campaign(1);
        net.stabilize();
        net.campaign(1);
        net.deliver(ofType(RequestVote.class));
        net.deliver(ofType(RequestVoteResponse.class));
        assertEquals(1, net.leader());
        assertEquals(3, net.node(1).term());
        net.drop(to(4, 5));
        net.deliver(to(2, 3)); // S2 takes 2@3; S3 rejects (empty log)
        net.deliver(to(1)); // leader backs S3 off to index 1
        net.deliver(to(3)); // S3 takes 1@1
        net.deliver(to(1)); // leader learns S3 matches 1, queues 2@3 for S3...
        net.drop(to(3)); // ...which is lost
        assertEquals(1, net.node(1).entryAt(1).term());
        assertEquals(1, net.node(2).entryAt(1).term());
        assertEquals(1, net.node(3).entryAt(1).term());
        assertEquals(0, net.node(1).commitIndex(), "1@1 is on S1, S2, S3 (a majority) yet not committed");
        // (d) S1 crashes; S5 restarts and wins term 4 with S3 and S4 (its last term 2 beats their 1 and 0)
        net.crash(1);
        net.restart(5);
        net.campaign(5);
        net.stabilize();
        net.campaign(5);
        net.stabilize();

        assertEquals(5, net.leader());
        assertEquals(4, net.node(5).term());
        assertEquals(2, net.node(3).entryAt(1).term(), "S3's copy of 1@1 was overwritten by 1@2");
        assertEquals(2, net.node(2).entryAt(1).term(), "and so was S2's");
        assertEquals(2, net.node(2).commitIndex());
    }

    /**
     * §5.4.3 Leader Completeness: "if a log entry is committed in a given term, then that entry will
     * be present in the logs of the leaders for all higher-numbered terms." A node that missed a
     * committed entry cannot win; a node that holds it can.
     */
    @Test
    void s5_4_3_nodeMissingACommittedEntryCannotBecomeLeader() {
        Network net = Network.create(9, Peer.paper(), 1, 2, 3);
        net.campaign(1);
        net.stabilize();
        net.cut(1, 3);
        net.propose(1, "x");
        net.stabilize();
        long committed = net.node(1).commitIndex();
        assertEquals(List.of("x"), net.applied(1));
        assertTrue(net.node(3).lastIndex() < committed);

        net.crash(1);
        net.heal();
        net.campaign(3);
        net.stabilize();
        assertNotEquals(RaftRole.LEADER, net.node(3).role(), "S2 refuses its vote to S3");

        net.campaign(2);
        net.stabilize();
        assertEquals(2, net.leader());
        assertEquals(List.of("x"), net.applied(3), "the new leader's log had the committed entry");
        assertFalse(net.leadersByTerm().containsValue(3L));
    }

    // ------------------------------------------------------------------ helpers

    /** Leader of term 1 whose no-op (index 1) is committed and whose followers are in replicate state. */
    private static Peer leaderWithFollowersInReplicate() {
        Peer p = Peer.paper(1, 2, 3).becomeLeader(2);
        p.step(AppendEntriesResponse.accepted(2, 1, 1, 1));
        p.step(AppendEntriesResponse.accepted(3, 1, 1, 1));
        p.drain();
        assertEquals(1, p.node.commitIndex());
        assertEquals(Progress.State.REPLICATE, p.node.progress(2).state);
        assertEquals(Progress.State.REPLICATE, p.node.progress(3).state);
        return p;
    }
}
