package dev.ledgersim.cli;

import dev.ledgersim.ledger.LedgerIntegrityException;
import dev.ledgersim.ledger.blocks.BlockStore;
import dev.ledgersim.ledger.codec.CodecException;
import dev.ledgersim.ledger.codec.Hashes;
import dev.ledgersim.ledger.codec.ProtoCodec;
import dev.ledgersim.ledger.commit.ChannelLedger;
import dev.ledgersim.ledger.protocol.Bytes;
import dev.ledgersim.ledger.protocol.ProtocolBlock;
import dev.ledgersim.ledger.storage.KvStore;
import dev.ledgersim.ledger.storage.KvStoreFactory;
import dev.ledgersim.ledger.storage.RocksDbResources;
import dev.ledgersim.orderer.ChannelOrderer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The ledgers a stopped network left in a directory ({@code Storage.rocksDb(dir)}): every peer's
 * {@code <node>/<channel>.blocks} and {@code .state}, and every orderer's {@code <node>/<channel>/orderer}.
 * Opens them with one shared {@link RocksDbResources}; closing releases it.
 */
final class LedgerDirectory implements AutoCloseable {

    /** Where one node keeps one channel. */
    record Ledger(String node, String channel, boolean orderer) {
        String storeName() {
            return orderer ? node + "/" + channel + "/orderer" : node + "/" + channel;
        }

        String describe() {
            return (orderer ? "orderer " : "peer ") + node + ", channel " + channel;
        }
    }

    /** An orderer's chain, opened: its store and the block store over it. */
    record OrdererChain(KvStore store, BlockStore blocks) implements AutoCloseable {
        @Override
        public void close() {
            store.close();
        }
    }

    private final Path root;
    private final List<Ledger> ledgers;
    private RocksDbResources resources;
    private KvStoreFactory factory;

    private LedgerDirectory(Path root, List<Ledger> ledgers) {
        this.root = root;
        this.ledgers = ledgers;
    }

    /**
     * The ledgers under {@code dir} (a network's storage root, or one node's directory).
     *
     * @throws UsageException if {@code dir} does not exist, is not a directory, or holds no ledger
     */
    static LedgerDirectory scan(Path dir) {
        if (!Files.exists(dir)) {
            throw new UsageException("no such directory: " + dir);
        }
        if (!Files.isDirectory(dir)) {
            throw new UsageException(dir + " is not a directory (give the directory a network was built with, "
                    + "Storage.rocksDb(dir))");
        }
        List<Ledger> found = new ArrayList<>();
        Path root = dir;
        for (Path node : children(dir)) {
            found.addAll(ledgersOf(node));
        }
        if (found.isEmpty()) {
            List<Ledger> single = ledgersOf(dir);
            if (!single.isEmpty() && dir.toAbsolutePath().getParent() != null) {
                root = dir.toAbsolutePath().getParent();
                found.addAll(single);
            }
        }
        if (found.isEmpty()) {
            throw new UsageException("no ledger found under " + dir + ": expected <node>/<channel>.blocks and "
                    + "<node>/<channel>.state, as a network built with Storage.rocksDb(" + dir + ") leaves them");
        }
        found.sort(Comparator.comparing(Ledger::orderer).thenComparing(Ledger::node).thenComparing(Ledger::channel));
        return new LedgerDirectory(root, List.copyOf(found));
    }

    private static List<Ledger> ledgersOf(Path node) {
        List<Ledger> out = new ArrayList<>();
        if (!Files.isDirectory(node)) {
            return out;
        }
        String name = node.getFileName().toString();
        for (Path child : children(node)) {
            String file = child.getFileName().toString();
            if (file.endsWith(".blocks") && Files.isDirectory(node.resolve(file.substring(0, file.length() - 7) + ".state"))) {
                out.add(new Ledger(name, file.substring(0, file.length() - 7), false));
            } else if (Files.isDirectory(child.resolve("orderer"))) {
                out.add(new Ledger(name, file, true));
            }
        }
        return out;
    }

    private static List<Path> children(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UsageException("cannot list " + dir + ": " + e.getMessage());
        }
    }

    /** Every ledger found: peers first, then orderers, sorted by node and channel. */
    List<Ledger> ledgers() {
        return ledgers;
    }

    /** The peers' ledgers. */
    List<Ledger> peerLedgers() {
        return ledgers.stream().filter(l -> !l.orderer()).toList();
    }

    /** The channels found, sorted. */
    List<String> channels() {
        return ledgers.stream().map(Ledger::channel).distinct().sorted().toList();
    }

    private KvStoreFactory factory() {
        if (factory == null) {
            resources = RocksDbResources.withDefaults();
            factory = KvStoreFactory.rocksDb(root, resources);
        }
        return factory;
    }

    /**
     * Opens a peer's ledger (a state left behind its blocks by a crash is caught up first, as a restarting
     * peer would).
     *
     * @throws IllegalStateException naming the ledger when RocksDB cannot open it (e.g. the network still runs)
     */
    ChannelLedger openPeer(Ledger ledger) {
        try {
            return ChannelLedger.open(ledger.channel(), factory(), ledger.storeName());
        } catch (LedgerIntegrityException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot open the ledger of " + ledger.describe() + " (is the network still "
                    + "running?): " + e.getMessage(), e);
        }
    }

    /**
     * Opens the raw store {@code name} (e.g. {@code peer0.org1msp/emr.blocks}); close it before opening
     * the ledger that uses it.
     */
    KvStore openRaw(String name, java.util.Set<String> columns) {
        try {
            return factory().open(name, columns);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot open store " + name + " under " + root + " (is the network still "
                    + "running?): " + e.getMessage(), e);
        }
    }

    /** Opens an orderer's chain. */
    OrdererChain openOrderer(Ledger ledger) {
        KvStore store;
        try {
            store = factory().open(ledger.storeName(), ChannelOrderer.COLUMNS);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot open the chain of " + ledger.describe() + " (is the network still "
                    + "running?): " + e.getMessage(), e);
        }
        try {
            return new OrdererChain(store, new BlockStore(store));
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /**
     * Recomputes every block's data hash and the hash chain of a block store, as
     * {@link ChannelLedger#verifyChain()} does for a peer.
     *
     * @throws LedgerIntegrityException naming the first bad block
     */
    static void verifyChain(BlockStore blocks, String channel) {
        Bytes previous = Bytes.EMPTY;
        for (long n = 0; n < blocks.height(); n++) {
            long number = n;
            Bytes stored = blocks.blockBytes(n).orElseThrow(() ->
                    new LedgerIntegrityException(number, "block " + number + " of channel " + channel + " is missing"));
            ProtocolBlock block;
            try {
                block = ProtoCodec.decodeBlock(stored);
            } catch (CodecException e) {
                throw new LedgerIntegrityException(n, "block " + n + " of channel " + channel + " cannot be decoded: "
                        + e.getMessage());
            }
            if (block.number() != n) {
                throw new LedgerIntegrityException(n, "block " + n + " of channel " + channel + " says it is block " + block.number());
            }
            Bytes dataHash = Hashes.blockDataHash(block.data());
            if (!dataHash.equals(block.header().dataHash())) {
                throw new LedgerIntegrityException(n, "block " + n + " of channel " + channel + ": its transactions hash to "
                        + dataHash + " but its header says " + block.header().dataHash());
            }
            if (n > 0 && !block.header().previousHash().equals(previous)) {
                throw new LedgerIntegrityException(n, "block " + n + " of channel " + channel + ": previous hash "
                        + block.header().previousHash() + " but block " + (n - 1) + " hashes to " + previous);
            }
            previous = Hashes.blockHeaderHash(block.header());
        }
    }

    @Override
    public void close() {
        if (resources != null) {
            resources.close();
        }
    }
}
