package dev.ledgersim.cli;

import dev.ledgersim.ledger.Block;
import dev.ledgersim.ledger.TxValidationCode;
import dev.ledgersim.ledger.commit.ChannelLedger;
import dev.ledgersim.ledger.state.StateEntry;
import dev.ledgersim.ledger.state.ResultsIterator;
import dev.ledgersim.ledger.storage.KvIterator;
import dev.ledgersim.ledger.validation.TxValidationResult;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ledgersim inspect <dir>}: what a stopped network left on disk — the ledgers found, one peer's
 * blocks with their validation codes, one block's transactions with the validator's explanation of each
 * invalid one, and the world state.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Blocks, transactions, validation codes and their explanations, and the world state of a stopped "
                + "network's directory (Storage.rocksDb(dir)).")
final class InspectCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "<dir>", description = "the network's storage directory")
    private Path dir;

    @Option(names = "--channel", paramLabel = "C", description = "the channel (default: the only one, or the first)")
    private String channel;

    @Option(names = "--block", paramLabel = "N", converter = Converters.WholeNumber.class,
            description = "show block N: every transaction, its validation code and why")
    private Long block;

    @Option(names = "--peer", paramLabel = "NODE", description = "the peer whose ledger to read (default: the first)")
    private String peer;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "50", converter = Converters.Count.class,
            description = "the most blocks and state entries listed (default: ${DEFAULT-VALUE}; 0 for all)")
    private int limit;

    private final PrintStream out;

    InspectCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() {
        try (LedgerDirectory directory = LedgerDirectory.scan(dir)) {
            String ch = chooseChannel(directory);
            LedgerDirectory.Ledger ledger = choosePeer(directory, ch);
            out.println("Network directory " + dir);
            for (LedgerDirectory.Ledger l : directory.ledgers()) {
                out.printf("  %-8s %-28s channel %s%n", l.orderer() ? "orderer" : "peer", l.node(), l.channel());
            }
            out.println();
            try (ChannelLedger open = directory.openPeer(ledger)) {
                if (block != null) {
                    showBlock(open, ledger);
                } else {
                    showBlocks(open, ledger);
                    out.println();
                    showState(open, ledger);
                }
            }
        }
        return 0;
    }

    private String chooseChannel(LedgerDirectory directory) {
        List<String> channels = directory.peerLedgers().stream().map(LedgerDirectory.Ledger::channel).distinct().sorted().toList();
        if (channels.isEmpty()) {
            throw new UsageException("no peer ledger under " + dir + " (only orderers' chains)");
        }
        if (channel == null) {
            return channels.get(0);
        }
        if (!channels.contains(channel)) {
            throw new UsageException("no channel '" + channel + "' under " + dir + " (channels: " + String.join(", ", channels) + ")");
        }
        return channel;
    }

    private LedgerDirectory.Ledger choosePeer(LedgerDirectory directory, String ch) {
        List<LedgerDirectory.Ledger> candidates = directory.peerLedgers().stream().filter(l -> l.channel().equals(ch)).toList();
        if (peer == null) {
            return candidates.get(0);
        }
        return candidates.stream().filter(l -> l.node().equals(peer)).findFirst().orElseThrow(() ->
                new UsageException("no peer '" + peer + "' with channel " + ch + " under " + dir + " (peers: "
                        + candidates.stream().map(LedgerDirectory.Ledger::node).collect(Collectors.joining(", ")) + ")"));
    }

    private void showBlocks(ChannelLedger ledger, LedgerDirectory.Ledger which) {
        long height = ledger.height();
        long from = limit == 0 ? 0 : Math.max(0, height - limit);
        out.println("Blocks of channel " + which.channel() + " on " + which.node() + ": " + height
                + (from > 0 ? " (the last " + (height - from) + " shown; --limit 0 for all)" : ""));
        out.printf("  %6s  %4s  %-16s  %s%n", "block", "txs", "hash", "validation codes");
        Map<TxValidationCode, Long> total = new EnumMap<>(TxValidationCode.class);
        for (long n = 0; n < height; n++) {
            Block b = ledger.block(n).orElseThrow();
            Map<TxValidationCode, Long> codes = new EnumMap<>(TxValidationCode.class);
            b.validationCodes().forEach(c -> codes.merge(c, 1L, Long::sum));
            codes.forEach((c, k) -> total.merge(c, k, Long::sum));
            if (n >= from) {
                out.printf("  %6d  %4d  %-16s  %s%n", n, b.transactions().size(), Text.shortHash(b.hash()), codes(codes));
            }
        }
        out.println("  all blocks: " + codes(total));
        out.println("  (ledgersim inspect " + dir + " --block N shows a block's transactions and why each invalid one is)");
    }

    private static String codes(Map<TxValidationCode, Long> codes) {
        return codes.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }

    private void showBlock(ChannelLedger ledger, LedgerDirectory.Ledger which) {
        if (block < 0 || block >= ledger.height()) {
            throw new UsageException("--block " + block + ": channel " + which.channel() + " on " + which.node()
                    + " has blocks 0 to " + (ledger.height() - 1));
        }
        Block b = ledger.block(block).orElseThrow();
        List<TxValidationResult> results = ledger.blockStore().validationResults(block);
        out.println("Block " + block + " of channel " + which.channel() + " on " + which.node());
        out.println("  hash           " + java.util.HexFormat.of().formatHex(b.hash()));
        out.println("  previous hash  " + (b.previousHash().length == 0 ? "(none: genesis)" : java.util.HexFormat.of().formatHex(b.previousHash())));
        out.println("  data hash      " + java.util.HexFormat.of().formatHex(b.dataHash()));
        out.println("  transactions   " + b.transactions().size());
        for (int i = 0; i < b.transactions().size(); i++) {
            Block.TransactionInfo tx = b.transactions().get(i);
            TxValidationCode code = b.validationCodes().get(i);
            out.printf("  tx %-3d %s%n", i, tx.txId().isEmpty() ? "(no transaction id: a configuration transaction)" : tx.txId());
            out.printf("         creator %s, %s%s%n", tx.creatorMspId().isEmpty() ? "?" : tx.creatorMspId(),
                    tx.chaincode().isEmpty() ? "no chaincode" : "chaincode " + tx.chaincode(),
                    tx.function().isEmpty() ? "" : ", function " + tx.function());
            String detail = i < results.size() ? results.get(i).detail() : "";
            out.printf("         %s%s%n", code, detail.isEmpty() ? "" : ": " + detail);
        }
    }

    private void showState(ChannelLedger ledger, LedgerDirectory.Ledger which) {
        TreeSet<String> namespaces = new TreeSet<>();
        Map<String, Integer> counts = new TreeMap<>();
        try (KvIterator it = ledger.stateDb().store().iterate("state", null, null)) {
            while (it.next()) {
                byte[] key = it.key();
                int zero = 0;
                while (zero < key.length && key[zero] != 0) {
                    zero++;
                }
                String ns = new String(key, 0, zero, StandardCharsets.UTF_8);
                namespaces.add(ns);
                counts.merge(ns, 1, Integer::sum);
            }
        }
        out.println("World state of channel " + which.channel() + " on " + which.node() + ": "
                + counts.values().stream().mapToInt(Integer::intValue).sum() + " keys"
                + (ledger.stateDb().lastCommittedBlock().isPresent()
                ? ", up to block " + ledger.stateDb().lastCommittedBlock().getAsLong() : ""));
        for (String ns : namespaces) {
            int n = counts.get(ns);
            out.println("  namespace " + ns + " (" + n + " keys" + (limit > 0 && n > limit ? ", the first " + limit + " shown" : "") + ")");
            int shown = 0;
            try (ResultsIterator<StateEntry> it = ledger.stateDb().range(ns, "", "")) {
                while (it.hasNext() && (limit == 0 || shown < limit)) {
                    StateEntry e = it.next();
                    out.printf("    %-32s = %s  (block %d, tx %d)%n", Text.cut(Text.key(e.key()), 32),
                            Text.value(e.value().value().toByteArray(), 64), e.value().version().blockNum(),
                            e.value().version().txNum());
                    shown++;
                }
            }
        }
    }
}
