package dev.ledgersim.network.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.ledgersim.endorsement.ChaincodeDefinition;
import dev.ledgersim.gateway.CommitException;
import dev.ledgersim.gateway.CommitStatusException;
import dev.ledgersim.gateway.Contract;
import dev.ledgersim.gateway.GatewayException;
import dev.ledgersim.gateway.SubmitException;
import dev.ledgersim.ledger.TxValidationCode;
import dev.ledgersim.network.LedgerSim;
import dev.ledgersim.network.LedgerView;
import dev.ledgersim.network.Runtime;
import dev.ledgersim.network.Storage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** Builds the test networks and checks the invariants every run must keep. */
final class NetworkFixture {

    private NetworkFixture() {
    }

    static LedgerSim network(long seed, Storage storage, Runtime runtime) {
        LedgerSim sim = LedgerSim.builder().seed(seed)
                .organization("Org1MSP", org -> org.peers(2))
                .organization("Org2MSP", org -> org.peers(1))
                .ordererOrganization("OrdererMSP", 3)
                .channel("emr", ch -> ch.members("Org1MSP", "Org2MSP").batchSize(10).batchTimeout(Duration.ofMillis(500)))
                .storage(storage)
                .runtime(runtime)
                .build();
        sim.channel("emr").deploy(ChaincodeDefinition.builder("emrcc", RecordsContract::new)
                .endorsementPolicy("AND('Org1MSP.peer','Org2MSP.peer')").build());
        return sim;
    }

    /**
     * Submits until the transaction commits valid, resubmitting (as a client must) when it was lost or
     * refused while the network was faulty. Returns the committed value.
     */
    static String submitWithRetry(Contract contract, String key, String value) {
        GatewayException last = null;
        for (int attempt = 0; attempt < 10; attempt++) {
            try {
                return new String(contract.submitTransaction("enterData", key, value), UTF_8);
            } catch (CommitException e) {
                if (e.getCode() == TxValidationCode.DUPLICATE_TXID || e.getCode() == TxValidationCode.MVCC_READ_CONFLICT) {
                    last = e;
                    continue;
                }
                throw new AssertionError("unexpected commit failure: " + e.getMessage(), e);
            } catch (SubmitException | CommitStatusException e) {
                last = e;
            } catch (GatewayException e) {
                last = e;
            }
        }
        throw new AssertionError("transaction never committed: " + (last == null ? "" : last.getMessage()), last);
    }

    /** Every peer's block hashes by height. */
    static Map<String, List<String>> chains(LedgerSim sim) {
        Map<String, List<String>> out = new HashMap<>();
        for (String peer : sim.peers()) {
            LedgerView ledger = sim.peer(peer).ledger("emr");
            List<String> hashes = new ArrayList<>();
            for (long n = 0; n < ledger.height(); n++) {
                hashes.add(HexFormat.of().formatHex(ledger.block(n).hash()));
            }
            out.put(peer, hashes);
        }
        return out;
    }

    /** Asserts every peer holds the same chain (the longest one is extended by nobody else) and returns it. */
    static List<String> assertSameChain(LedgerSim sim) {
        Map<String, List<String>> chains = chains(sim);
        List<String> reference = chains.values().iterator().next();
        chains.forEach((peer, chain) -> {
            if (!chain.equals(reference)) {
                throw new AssertionError("peer " + peer + " diverges: " + chain.size() + " blocks vs " + reference.size());
            }
        });
        for (String peer : sim.peers()) {
            sim.peer(peer).ledger("emr").verifyChain();
        }
        return reference;
    }

    /** Asserts no txid committed valid twice on {@code peer}. */
    static void assertNoDoubleCommit(LedgerSim sim, String peer) {
        LedgerView ledger = sim.peer(peer).ledger("emr");
        Map<String, Integer> valid = new HashMap<>();
        for (long n = 0; n < ledger.height(); n++) {
            var block = ledger.block(n);
            for (int i = 0; i < block.transactions().size(); i++) {
                if (block.validationCodes().get(i).isValid() && !block.transactions().get(i).txId().isEmpty()) {
                    valid.merge(block.transactions().get(i).txId(), 1, Integer::sum);
                }
            }
        }
        valid.forEach((txId, count) -> {
            if (count > 1) {
                throw new AssertionError("transaction " + txId + " committed valid " + count + " times");
            }
        });
    }
}
