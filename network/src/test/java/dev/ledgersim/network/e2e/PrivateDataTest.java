package dev.ledgersim.network.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledgersim.endorsement.ChaincodeDefinition;
import dev.ledgersim.endorsement.CollectionConfig;
import dev.ledgersim.gateway.CommitException;
import dev.ledgersim.gateway.Contract;
import dev.ledgersim.gateway.EndorseException;
import dev.ledgersim.gateway.Gateway;
import dev.ledgersim.gateway.GatewayException;
import dev.ledgersim.gateway.Status;
import dev.ledgersim.gateway.Transaction;
import dev.ledgersim.ledger.TxValidationCode;
import dev.ledgersim.ledger.codec.ProtoCodec;
import dev.ledgersim.msp.Identity;
import dev.ledgersim.network.LedgerSim;
import dev.ledgersim.network.LedgerView;
import dev.ledgersim.network.PrivateDataConfig;
import dev.ledgersim.network.Storage;
import dev.ledgersim.network.runtime.TraceEvent;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Private data collections end to end (FABRIC.md §6) on three organisations: Org1 (two peers) and Org2
 * are members of the collections, Org3 is not. Values travel in the transient map only.
 */
class PrivateDataTest {

    private static final String CHANNEL = "emr";
    private static final String CHAINCODE = "records";
    private static final List<String> MEMBERS = List.of("peer0.org1msp", "peer1.org1msp", "peer0.org2msp");
    private static final String OUTSIDER = "peer0.org3msp";
    private static final List<String> ALL = List.of("peer0.org1msp", "peer1.org1msp", "peer0.org2msp", "peer0.org3msp");

    @TempDir
    Path dir;

    static Stream<String> storages() {
        return Stream.of("rocksdb", "in-memory");
    }

    private Storage storage(String kind) {
        return kind.equals("rocksdb") ? Storage.rocksDb(dir) : Storage.inMemory();
    }

    private static LedgerSim network(Storage storage, PrivateDataConfig config) {
        LedgerSim sim = LedgerSim.builder().seed(7)
                .organization("Org1MSP", org -> org.peers(2))
                .organization("Org2MSP", org -> org.peers(1))
                .organization("Org3MSP", org -> org.peers(1))
                .channel(CHANNEL, ch -> ch.members("Org1MSP", "Org2MSP", "Org3MSP").batchSize(1)
                        .batchTimeout(Duration.ofMillis(200)))
                .storage(storage)
                .privateData(config)
                .build();
        String org1and2 = "OR('Org1MSP.member','Org2MSP.member')";
        sim.channel(CHANNEL).deploy(ChaincodeDefinition.builder(CHAINCODE, PatientRecordsContract::new)
                .endorsementPolicy("OR('Org1MSP.peer','Org2MSP.peer','Org3MSP.peer')")
                .collection(CollectionConfig.builder("shared").memberOrgsPolicy(org1and2)
                        .requiredPeerCount(1).maxPeerCount(3).memberOnlyRead(true).build())
                .collection(CollectionConfig.builder("shortLived").memberOrgsPolicy(org1and2)
                        .requiredPeerCount(0).maxPeerCount(3).blockToLive(3).build())
                .collection(CollectionConfig.builder("noPush").memberOrgsPolicy(org1and2)
                        .requiredPeerCount(0).maxPeerCount(0).build())
                .collection(CollectionConfig.builder("impossible").memberOrgsPolicy("OR('Org1MSP.member')")
                        .requiredPeerCount(2).maxPeerCount(2).build())
                .collection(CollectionConfig.builder("org1only").memberOrgsPolicy("OR('Org1MSP.member')")
                        .requiredPeerCount(0).maxPeerCount(1).build())
                .collection(CollectionConfig.builder("org1required").memberOrgsPolicy("OR('Org1MSP.member')")
                        .requiredPeerCount(1).maxPeerCount(1).build())
                .build());
        return sim;
    }

    private static LedgerSim network(Storage storage) {
        return network(storage, PrivateDataConfig.defaults());
    }

    private static Contract contract(Gateway gateway) {
        return gateway.getNetwork(CHANNEL).getContract(CHAINCODE);
    }

    /** Endorses {@code function} with {@code value} in the transient map. */
    private static Transaction endorse(Contract contract, String value, String function, String... args) throws EndorseException {
        return contract.newProposal(function).addArguments(args).putTransient("value", value.getBytes(UTF_8)).build().endorse();
    }

    /** Submits {@code function} with {@code value} in the transient map; returns its (valid) block. */
    private static long submit(LedgerSim sim, Contract contract, String value, String function, String... args) throws GatewayException {
        Status status = endorse(contract, value, function, args).submitAsync().getStatus();
        assertTrue(status.isSuccessful(), function + " committed " + status.getCode());
        sim.runUntilIdle();
        return status.getBlockNumber();
    }

    private static long touch(LedgerSim sim, Contract contract) throws GatewayException {
        Status status = contract.newProposal("touch").addArguments("k").build().endorse().submitAsync().getStatus();
        assertTrue(status.isSuccessful());
        sim.runUntilIdle();
        return status.getBlockNumber();
    }

    private static LedgerView ledger(LedgerSim sim, String peer) {
        return sim.peer(peer).ledger(CHANNEL);
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static long traceCount(LedgerSim sim, TraceEvent.Kind kind, String type) {
        return sim.trace().events().stream().filter(e -> e.kind() == kind && type.equals(e.type())).count();
    }

    /** Asserts every member peer holds {@code value} for the key and every peer (the outsider too) its hash. */
    private static void assertHeldByMembers(LedgerSim sim, String collection, String key, String value) {
        for (String peer : MEMBERS) {
            assertArrayEquals(value.getBytes(UTF_8), ledger(sim, peer).privateData(CHAINCODE, collection, key), peer + " " + key);
        }
        assertNull(ledger(sim, OUTSIDER).privateData(CHAINCODE, collection, key), "a non-member holds no value");
        for (String peer : ALL) {
            assertArrayEquals(sha256(value.getBytes(UTF_8)), ledger(sim, peer).privateDataHash(CHAINCODE, collection, key),
                    peer + " holds the hash of " + key);
        }
    }

    /** Asserts no peer holds anything of the key, value or hash. */
    private static void assertGoneEverywhere(LedgerSim sim, String collection, String key) {
        for (String peer : ALL) {
            assertNull(ledger(sim, peer).privateData(CHAINCODE, collection, key), peer + " still holds " + key);
            assertNull(ledger(sim, peer).privateDataHash(CHAINCODE, collection, key), peer + " still holds the hash of " + key);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("storages")
    void membersHoldTheValueANonMemberOnlyItsHashAndNoBlockCarriesTheValue(String kind) throws Exception {
        String secret = "HbA1c 8.1% for patient-0042";
        try (LedgerSim sim = network(storage(kind));
             Gateway org1 = sim.connect(sim.organization("Org1MSP").enroll("drbob"));
             Gateway org3 = sim.connect(sim.organization("Org3MSP").enroll("auditor"))) {
            submit(sim, contract(org1), secret, "put", "shared", "patient42");

            assertHeldByMembers(sim, "shared", "patient42", secret);
            assertArrayEquals(secret.getBytes(UTF_8), contract(org1).evaluateTransaction("get", "shared", "patient42"));
            byte[] hashSeenByOutsider = contract(org3).evaluateTransaction("hash", "shared", "patient42");
            assertArrayEquals(sha256(secret.getBytes(UTF_8)), hashSeenByOutsider);
            assertArrayEquals(hashSeenByOutsider, ledger(sim, OUTSIDER).privateDataHash(CHAINCODE, "shared", "patient42"));
            // On the non-member peer the value is not there to read, for anyone.
            GatewayException e = assertThrows(GatewayException.class,
                    () -> contract(org3).evaluateTransaction("get", "shared", "patient42"));
            assertTrue(e.getMessage().contains("read access permission"), e.getMessage());

            for (String peer : ALL) {
                LedgerView ledger = ledger(sim, peer);
                for (long n = 0; n < ledger.height(); n++) {
                    byte[] encoded = ProtoCodec.encode(ledger.block(n).protocolBlock()).toByteArray();
                    assertFalse(contains(encoded, secret.getBytes(UTF_8)), "block " + n + " of " + peer + " carries the value");
                }
                ledger.verifyChain();
            }
        }
    }

    @Test
    void memberOnlyReadDeniesANonMemberClientEvenOnAMemberPeer() throws Exception {
        try (LedgerSim sim = network(Storage.inMemory());
             Gateway org1 = sim.connect(sim.organization("Org1MSP").enroll("drbob"));
             Gateway org2OnPeer0 = sim.connect(sim.organization("Org2MSP").enroll("nurse"), "peer0.org1msp");
             Gateway org3OnPeer0 = sim.connect(sim.organization("Org3MSP").enroll("insurer"), "peer0.org1msp")) {
            submit(sim, contract(org1), "diagnosis", "put", "shared", "p1");

            assertArrayEquals("diagnosis".getBytes(UTF_8), contract(org2OnPeer0).evaluateTransaction("get", "shared", "p1"));
            GatewayException e = assertThrows(GatewayException.class,
                    () -> contract(org3OnPeer0).evaluateTransaction("get", "shared", "p1"));
            assertTrue(e.getMessage().contains("tx creator does not have read access permission on privatedata in "
                    + "chaincodeName:records collectionName: shared"), e.getMessage());
            // The hash is not protected by memberOnlyRead.
            assertArrayEquals(sha256("diagnosis".getBytes(UTF_8)), contract(org3OnPeer0).evaluateTransaction("hash", "shared", "p1"));
        }
    }

    @Test
    void tooFewEligiblePeersFailsTheEndorsementWithFabricsMessageLocallyAndRemotely() throws Exception {
        try (LedgerSim sim = network(Storage.inMemory());
             Gateway org1 = sim.connect(sim.organization("Org1MSP").enroll("drbob"));
             Gateway org2 = sim.connect(sim.organization("Org2MSP").enroll("nurse"))) {
            long height = ledger(sim, "peer0.org1msp").height();
            EndorseException local = assertThrows(EndorseException.class,
                    () -> endorse(contract(org1), "x", "put", "impossible", "k"));
            assertTrue(local.getMessage().contains("error in simulation: failed to distribute private collection, txID "),
                    local.getMessage());
            assertTrue(local.getMessage().contains("required to disseminate to at least 2 peers, but know of only 1 eligible peers"),
                    local.getMessage());
            assertTrue(local.getDetails().containsKey("peer0.org1msp"), local.getDetails().toString());

            // Through Org2's gateway, Org1's peers endorse remotely and each refuses for the same reason.
            EndorseException remote = assertThrows(EndorseException.class, () -> contract(org2).newProposal("put")
                    .addArguments("impossible", "k").putTransient("value", "x".getBytes(UTF_8))
                    .setEndorsingOrganizations("Org1MSP").build().endorse());
            assertTrue(remote.getMessage().contains("required to disseminate to at least 2 peers, but know of only 1 eligible peers"),
                    remote.getMessage());

            sim.runUntilIdle();
            assertEquals(height, ledger(sim, "peer0.org1msp").height(), "nothing was ordered");
            assertGoneEverywhere(sim, "impossible", "k");
        }
    }

    @Test
    void anUnacknowledgedRequiredPushFailsTheEndorsementAfterThePushAckTimeout() throws Exception {
        try (LedgerSim sim = network(Storage.inMemory());
             Gateway org1 = sim.connect(sim.organization("Org1MSP").enroll("drbob"))) {
            sim.faults().crash("peer1.org1msp");
            java.time.Instant before = sim.now();
            EndorseException e = assertThrows(EndorseException.class,
                    () -> endorse(contract(org1), "x", "put", "org1required", "k"));
            assertTrue(e.getMessage().contains("Failed disseminating 1 out of 1 private dissemination plans"), e.getMessage());
            assertFalse(Duration.between(before, sim.now()).compareTo(PrivateDataConfig.defaults().pushAckTimeout()) < 0,
                    "the endorser waited for the acknowledgement");

            sim.faults().restart("peer1.org1msp");
            sim.runFor(Duration.ofSeconds(5));
            submit(sim, contract(org1), "y", "put", "org1required", "k");
            assertArrayEquals("y".getBytes(UTF_8), ledger(sim, "peer1.org1msp").privateData(CHAINCODE, "org1required", "k"));
        }
    }

    @Test
    void maxPeerCountZeroPushesNothingAndMembersPullAtCommit() throws Exception {
        try (LedgerSim sim = network(Storage.inMemory());
             Gateway org1 = sim.connect(sim.organization("Org1MSP").enroll("drbob"))) {
            long pushesBefore = traceCount(sim, TraceEvent.Kind.SEND, "PrivateDataPush");
            long pullsBefore = traceCount(sim, TraceEvent.Kind.SEND, "PrivateDataPull");
            submit(sim, contract(org1), "quiet", "put", "noPush", "k");
            assertEquals(pushesBefore, traceCount(sim, TraceEvent.Kind.SEND, "PrivateDataPush"), "nothing pushed");
            assertTrue(traceCount(sim, TraceEvent.Kind.SEND, "PrivateDataPull") > pullsBefore, "the other members pulled");
            assertHeldByMembers(sim, "noPush", "k", "quiet");

            long pulls = traceCount(sim, TraceEvent.Kind.SEND, "PrivateDataPull");
            submit(sim, contract(org1), "loud", "put", "shared", "k");
            assertTrue(traceCount(sim, TraceEvent.Kind.SEND, "PrivateDataPush") > pushesBefore, "pushed at endorsement");
            assertEquals(pulls, traceCount(sim, TraceEvent.Kind.SEND, "PrivateDataPull"), "maxPeerCount 3 reached every member");
            assertHeldByMembers(sim, "shared", "k", "loud");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("storages")
    void blockToLivePurgesAtExactlyNPlusBtlPlusOneUnlessTheKeyWasRewritten(String kind) throws Exception {
        try (LedgerSim sim = network(storage(kind));
             Gateway org1 = sim.connect(sim.organization("Org1MSP").enroll("drbob"))) {
            Contract contract = contract(org1);
            long n = submit(sim, contract, "v1", "putTwo", "shortLived", "kept", "rewritten");
            assertEquals(n + 1, touch(sim, contract));
            assertEquals(n + 2, submit(sim, contract, "v2", "put", "shortLived", "rewritten"));
            assertEquals(n + 3, touch(sim, contract));
            // Block N + BTL committed: still there, and readable.
            assertHeldByMembers(sim, "shortLived", "kept", "v1");
            assertArrayEquals("v1".getBytes(UTF_8), contract.evaluateTransaction("get", "shortLived", "kept"));

            assertEquals(n + 4, touch(sim, contract));
            // Block N + BTL + 1 committed: purged from private and hashed state on every peer.
            assertGoneEverywhere(sim, "shortLived", "kept");
            assertEquals(0, contract.evaluateTransaction("get", "shortLived", "kept").length);
            // Rewritten in N + 2: its first write's expiry is skipped.
            assertHeldByMembers(sim, "shortLived", "rewritten", "v2");

            assertEquals(n + 5, touch(sim, contract));
            assertHeldByMembers(sim, "shortLived", "rewritten", "v2");
            assertEquals(n + 6, touch(sim, contract));
            assertGoneEverywhere(sim, "shortLived", "rewritten");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("storages")
    void aMemberDownAtEndorsementPullsAtCommitAfterRestart(String kind) throws Exception {
        try (LedgerSim sim = network(storage(kind));
             Gateway org1 = sim.connect(sim.organization("Org1MSP").enroll("drbob"))) {
            sim.faults().crash("peer1.org1msp");
            submit(sim, contract(org1), "while you were out", "put", "org1only", "k");
            assertNull(ledger(sim, "peer0.org2msp").privateData(CHAINCODE, "org1only", "k"), "Org2 is no member");

            sim.faults().restart("peer1.org1msp");
            sim.runFor(Duration.ofSeconds(10));
            LedgerView restarted = ledger(sim, "peer1.org1msp");
            assertEquals(ledger(sim, "peer0.org1msp").height(), restarted.height());
            assertArrayEquals("while you were out".getBytes(UTF_8), restarted.privateData(CHAINCODE, "org1only", "k"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("storages")
    void aMemberThatCommittedWithoutTheDataReconcilesItLater(String kind) throws Exception {
        try (LedgerSim sim = network(storage(kind));
             Gateway org1 = sim.connect(sim.organization("Org1MSP").enroll("drbob"))) {
            sim.faults().crash("peer1.org1msp");
            submit(sim, contract(org1), "late but complete", "put", "org1only", "k");
            sim.faults().crash("peer0.org1msp");

            // The only other member is down: peer1 pulls in vain, then commits with the data recorded missing.
            sim.faults().restart("peer1.org1msp");
            sim.runFor(PrivateDataConfig.defaults().pullRetryThreshold().plusSeconds(5));
            LedgerView restarted = ledger(sim, "peer1.org1msp");
            assertEquals(ledger(sim, "peer0.org2msp").height(), restarted.height(), "committed without the private data");
            assertNull(restarted.privateData(CHAINCODE, "org1only", "k"));
            assertArrayEquals(sha256("late but complete".getBytes(UTF_8)), restarted.privateDataHash(CHAINCODE, "org1only", "k"));

            sim.faults().restart("peer0.org1msp");
            sim.runFor(PrivateDataConfig.defaults().reconcileInterval().multipliedBy(3));
            assertArrayEquals("late but complete".getBytes(UTF_8), restarted.privateData(CHAINCODE, "org1only", "k"));
            assertTrue(sim.trace().events().stream().anyMatch(e -> e.kind() == TraceEvent.Kind.STATE
                    && "private data reconciled".equals(e.type()) && "peer1.org1msp".equals(e.node())));
        }
    }

    @Test
    void twoTransactionsReadingTheSamePrivateVersionConflictAndTheLosersDataIsNotStored() throws Exception {
        try (LedgerSim sim = network(Storage.inMemory());
             Gateway org1 = sim.connect(sim.organization("Org1MSP").enroll("drbob"))) {
            Contract contract = contract(org1);
            submit(sim, contract, "v0", "put", "shared", "k");
            Transaction first = endorse(contract, "A", "update", "shared", "k");
            Transaction second = endorse(contract, "B", "update", "shared", "k");
            first.submit();
            CommitException e = assertThrows(CommitException.class, second::submit);
            assertEquals(TxValidationCode.MVCC_READ_CONFLICT, e.getCode());
            sim.runUntilIdle();
            assertHeldByMembers(sim, "shared", "k", "A");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("storages")
    void purgeRemovesTheKeyOnEveryMemberAndLaterWritesSurvive(String kind) throws Exception {
        try (LedgerSim sim = network(storage(kind));
             Gateway org1 = sim.connect(sim.organization("Org1MSP").enroll("drbob"))) {
            Contract contract = contract(org1);
            submit(sim, contract, "first", "put", "shared", "k");
            submit(sim, contract, "second", "update", "shared", "k");
            submit(sim, contract, "other", "put", "shared", "neighbour");
            submit(sim, contract, "unused", "purge", "shared", "k");

            assertGoneEverywhere(sim, "shared", "k");
            assertEquals(0, contract.evaluateTransaction("get", "shared", "k").length);
            assertHeldByMembers(sim, "shared", "neighbour", "other");

            // A member restarting from its storage does not bring the purged key back.
            sim.faults().crash("peer0.org2msp");
            sim.faults().restart("peer0.org2msp");
            sim.runFor(Duration.ofSeconds(3));
            assertNull(ledger(sim, "peer0.org2msp").privateData(CHAINCODE, "shared", "k"));

            submit(sim, contract, "again", "put", "shared", "k");
            assertHeldByMembers(sim, "shared", "k", "again");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("storages")
    void privateDataHashesAndTheTransientStoreSurviveARestart(String kind) throws Exception {
        try (LedgerSim sim = network(storage(kind));
             Gateway org1 = sim.connect(sim.organization("Org1MSP").enroll("drbob"))) {
            Contract contract = contract(org1);
            submit(sim, contract, "durable", "put", "shared", "k");
            for (String peer : ALL) {
                sim.faults().crash(peer);
                sim.faults().restart(peer);
            }
            sim.runFor(Duration.ofSeconds(3));
            assertHeldByMembers(sim, "shared", "k", "durable");

            // peer1 acknowledged the push (requiredPeerCount 1), so the data is in its transient store; it
            // crashes before the block, and when it restarts the only other member is down: the block can
            // only be committed with the data from its own (reopened) transient store.
            Transaction tx = endorse(contract, "pushed", "put", "org1required", "t");
            sim.faults().crash("peer1.org1msp");
            assertTrue(tx.submitAsync().getStatus().isSuccessful());
            sim.faults().crash("peer0.org1msp");
            sim.faults().restart("peer1.org1msp");
            sim.runFor(Duration.ofSeconds(3));
            LedgerView restarted = ledger(sim, "peer1.org1msp");
            assertEquals(ledger(sim, "peer0.org2msp").height(), restarted.height());
            assertArrayEquals("pushed".getBytes(UTF_8), restarted.privateData(CHAINCODE, "org1required", "t"));
            assertFalse(sim.trace().events().stream().anyMatch(e -> e.kind() == TraceEvent.Kind.STATE
                    && "private data missing".equals(e.type()) && "peer1.org1msp".equals(e.node())), "nothing was missing");
        }
    }

    @Test
    void uncommittedTransientDataExpiresAfterTheRetention() throws Exception {
        PrivateDataConfig config = PrivateDataConfig.defaults().withTransientBlockRetention(2);
        try (LedgerSim sim = network(Storage.inMemory(), config);
             Gateway org1 = sim.connect(sim.organization("Org1MSP").enroll("drbob"))) {
            Contract contract = contract(org1);
            endorse(contract, "never submitted", "put", "org1required", "k"); // kept by peer0, pushed to peer1
            sim.runUntilIdle();
            for (int i = 0; i < 4; i++) {
                touch(sim, contract);
            }
            for (String peer : List.of("peer0.org1msp", "peer1.org1msp")) {
                assertTrue(sim.trace().events().stream().anyMatch(e -> e.kind() == TraceEvent.Kind.STATE
                        && "transient data expired".equals(e.type()) && peer.equals(e.node())), peer);
            }
            assertNotNull(ledger(sim, "peer0.org1msp").worldState(CHAINCODE, "k"));
        }
    }
}
