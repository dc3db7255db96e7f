package dev.ledgersim.cli;

import dev.ledgersim.ledger.LedgerIntegrityException;
import dev.ledgersim.ledger.blocks.BlockStore;
import dev.ledgersim.ledger.codec.Hashes;
import dev.ledgersim.ledger.commit.ChannelLedger;
import dev.ledgersim.ledger.protocol.Bytes;
import dev.ledgersim.ledger.state.HistoryIndex;
import dev.ledgersim.ledger.state.StateDb;
import dev.ledgersim.ledger.storage.KvIterator;
import dev.ledgersim.ledger.storage.KvStore;
import dev.ledgersim.ledger.storage.KvStoreFactory;
import dev.ledgersim.ledger.storage.WriteBatch;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code ledgersim verify <dir>}: checks every ledger a stopped network left in a directory — each
 * block's data hash and the hash chain, on peers and orderers; that each peer's world state, history and
 * private state equal a fresh replay of its blocks; and that all nodes hold the same blocks. Exit status 1
 * when anything fails, naming the ledger and the block.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Hash chain and state integrity of every ledger in a stopped network's directory; exit status 1 "
                + "on a failure, naming the block.")
final class VerifyCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "<dir>", description = "the network's storage directory")
    private Path dir;

    private final PrintStream out;

    VerifyCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() {
        int failures = 0;
        try (LedgerDirectory directory = LedgerDirectory.scan(dir)) {
            // channel -> block number -> (node, header hash) of the first node seen with that block
            Map<String, List<Map.Entry<String, Bytes>>> chains = new LinkedHashMap<>();
            out.println("Verifying " + directory.ledgers().size() + " ledgers under " + dir);
            for (LedgerDirectory.Ledger ledger : directory.ledgers()) {
                try {
                    String summary = ledger.orderer() ? verifyOrderer(directory, ledger, chains) : verifyPeer(directory, ledger, chains);
                    out.println("  ok      " + ledger.describe() + ": " + summary);
                } catch (LedgerIntegrityException e) {
                    failures++;
                    out.println("  FAILED  " + ledger.describe() + ": block " + e.blockNumber() + ": " + e.getMessage());
                } catch (IllegalStateException e) {
                    failures++;
                    out.println("  FAILED  " + ledger.describe() + ": " + e.getMessage());
                }
            }
        }
        if (failures > 0) {
            out.println(failures + " ledger(s) FAILED verification");
            return 1;
        }
        out.println("All ledgers verified: hash chains intact, states equal a replay of their blocks, nodes agree.");
        return 0;
    }

    private String verifyPeer(LedgerDirectory directory, LedgerDirectory.Ledger ledger,
                              Map<String, List<Map.Entry<String, Bytes>>> chains) {
        KvStoreFactory memory = copyToMemory(directory, ledger);
        try (ChannelLedger open = directory.openPeer(ledger)) {
            open.verifyChain();
            long height = open.height();
            compareWithOtherNodes(ledger, open.blockStore(), chains);
            Optional<String> difference = stateDifference(open, memory);
            if (difference.isPresent()) {
                long block = open.stateDb().lastCommittedBlock().orElse(-1);
                throw new LedgerIntegrityException(block, "the state does not equal a replay of the " + height + " blocks: "
                        + difference.get());
            }
            return height + " blocks, hash chain intact, world state equals a replay of the blocks";
        }
    }

    private String verifyOrderer(LedgerDirectory directory, LedgerDirectory.Ledger ledger,
                                 Map<String, List<Map.Entry<String, Bytes>>> chains) {
        try (LedgerDirectory.OrdererChain chain = directory.openOrderer(ledger)) {
            LedgerDirectory.verifyChain(chain.blocks(), ledger.channel());
            compareWithOtherNodes(ledger, chain.blocks(), chains);
            return chain.blocks().height() + " blocks, hash chain intact";
        }
    }

    /** Every node of a channel must hold the same block headers at the heights they share. */
    private static void compareWithOtherNodes(LedgerDirectory.Ledger ledger, BlockStore blocks,
                                              Map<String, List<Map.Entry<String, Bytes>>> chains) {
        List<Map.Entry<String, Bytes>> reference = chains.computeIfAbsent(ledger.channel(), c -> new ArrayList<>());
        for (long n = 0; n < blocks.height(); n++) {
            Bytes hash = Hashes.blockHeaderHash(blocks.block(n).orElseThrow().header());
            if (n < reference.size()) {
                Map.Entry<String, Bytes> first = reference.get((int) n);
                if (!first.getValue().equals(hash)) {
                    throw new LedgerIntegrityException(n, "block " + n + " of channel " + ledger.channel() + " differs from "
                            + first.getKey() + "'s block " + n + " (a fork)");
                }
            } else {
                reference.add(Map.entry(ledger.node(), hash));
            }
        }
    }

    /** The columns derived from the blocks: world state (public, hashed, private), its metadata, history. */
    private static Set<String> derivedColumns() {
        Set<String> derived = new HashSet<>(StateDb.COLUMNS);
        derived.addAll(HistoryIndex.COLUMNS);
        return derived;
    }

    /**
     * Copies a peer's blocks and the private data it received (what cannot be derived) into an in-memory
     * store, before the ledger is opened.
     */
    private static KvStoreFactory copyToMemory(LedgerDirectory directory, LedgerDirectory.Ledger ledger) {
        KvStoreFactory memory = KvStoreFactory.inMemory();
        Set<String> privateData = new TreeSet<>(ChannelLedger.STATE_COLUMNS);
        privateData.removeAll(derivedColumns());
        try (KvStore from = directory.openRaw(ledger.storeName() + ".blocks", ChannelLedger.BLOCK_COLUMNS);
             KvStore to = memory.open("replay.blocks", ChannelLedger.BLOCK_COLUMNS)) {
            copy(from, to, ChannelLedger.BLOCK_COLUMNS);
        }
        try (KvStore from = directory.openRaw(ledger.storeName() + ".state", ChannelLedger.STATE_COLUMNS);
             KvStore to = memory.open("replay.state", ChannelLedger.STATE_COLUMNS)) {
            copy(from, to, privateData);
        }
        return memory;
    }

    /**
     * Replays the copied blocks into a fresh ledger and compares its world state, hashed and private state
     * and history with the stored ones, byte for byte.
     */
    static Optional<String> stateDifference(ChannelLedger stored, KvStoreFactory copy) {
        try (ChannelLedger replayed = ChannelLedger.open(stored.channelId(), copy, "replay")) {
            if (!replayed.stateDb().lastCommittedBlock().equals(stored.stateDb().lastCommittedBlock())) {
                return Optional.of("the state was last updated by block " + stored.stateDb().lastCommittedBlock()
                        + " but the blocks end at " + replayed.stateDb().lastCommittedBlock());
            }
            List<String> compared = new ArrayList<>(derivedColumns());
            compared.remove("state_meta");
            compared.sort(null);
            for (String column : compared) {
                Optional<String> d = firstDifference(stored.stateDb().store(), replayed.stateDb().store(), column);
                if (d.isPresent()) {
                    return d;
                }
            }
        }
        return Optional.empty();
    }

    private static void copy(KvStore from, KvStore to, Set<String> columns) {
        for (String column : columns) {
            if (!from.columns().contains(column)) {
                continue;
            }
            WriteBatch batch = to.newBatch();
            int n = 0;
            try (KvIterator it = from.iterate(column, null, null)) {
                while (it.next()) {
                    batch.put(column, it.key(), it.value());
                    if (++n % 10_000 == 0) {
                        to.write(batch);
                        batch = to.newBatch();
                    }
                }
            }
            to.write(batch);
        }
    }

    private static Optional<String> firstDifference(KvStore a, KvStore b, String column) {
        try (KvIterator x = a.iterate(column, null, null); KvIterator y = b.iterate(column, null, null)) {
            boolean hasX = x.next();
            boolean hasY = y.next();
            while (hasX || hasY) {
                if (hasX && hasY && Arrays.equals(x.key(), y.key())) {
                    if (!Arrays.equals(x.value(), y.value())) {
                        return Optional.of("in column " + column + ", " + describeKey(column, x.key()) + " is "
                                + Text.value(x.value(), 48) + " on disk but " + Text.value(y.value(), 48) + " after replay");
                    }
                    hasX = x.next();
                    hasY = y.next();
                } else if (hasX && (!hasY || Arrays.compareUnsigned(x.key(), y.key()) < 0)) {
                    return Optional.of("in column " + column + ", " + describeKey(column, x.key())
                            + " is on disk but not in a replay of the blocks");
                } else {
                    return Optional.of("in column " + column + ", " + describeKey(column, y.key())
                            + " is missing on disk but written by the blocks");
                }
            }
        }
        return Optional.empty();
    }

    private static String describeKey(String column, byte[] key) {
        if (column.equals("state")) {
            int zero = 0;
            while (zero < key.length && key[zero] != 0) {
                zero++;
            }
            if (zero < key.length) {
                return "key '" + Text.key(new String(key, zero + 1, key.length - zero - 1, StandardCharsets.UTF_8))
                        + "' of namespace " + new String(key, 0, zero, StandardCharsets.UTF_8);
            }
        }
        return "key 0x" + Text.cut(HexFormat.of().formatHex(key), 64);
    }
}
