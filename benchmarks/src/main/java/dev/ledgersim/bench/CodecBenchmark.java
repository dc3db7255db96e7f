package dev.ledgersim.bench;

import dev.ledgersim.ledger.codec.Hashes;
import dev.ledgersim.ledger.codec.ProtoCodec;
import dev.ledgersim.ledger.protocol.BlockHeader;
import dev.ledgersim.ledger.protocol.Bytes;
import dev.ledgersim.ledger.protocol.Envelope;
import dev.ledgersim.ledger.protocol.Payload;
import dev.ledgersim.ledger.protocol.ProposalResponse;
import dev.ledgersim.ledger.protocol.ProtocolBlock;
import dev.ledgersim.ledger.protocol.Response;
import dev.ledgersim.ledger.protocol.Timestamp;
import dev.ledgersim.ledger.protocol.Transaction;
import dev.ledgersim.ledger.rwset.RwSetBuilder;
import dev.ledgersim.ledger.tx.ProposalRequest;
import dev.ledgersim.ledger.tx.Transactions;
import dev.ledgersim.msp.CaConfig;
import dev.ledgersim.msp.CertificateAuthority;
import dev.ledgersim.msp.Crypto;
import dev.ledgersim.msp.DeterministicRandom;
import dev.ledgersim.msp.Identity;
import dev.ledgersim.msp.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Lesson 6: what Fabric's wire format costs — encoding and decoding the protobuf bytes every message,
 * block and stored transaction is made of.
 *
 * <p>Workload: one endorsed transaction envelope exactly as a client submits it (an Org1 client's
 * proposal to write one 100-byte value, endorsed by a peer of Org1 and of Org2 with real ECDSA
 * signatures, so every field has its real size: about 3 KB, most of it the three certificates), and a
 * block of 100 such envelopes (about 300 KB).
 * <ul>
 *   <li>{@code encodeEnvelope} / {@code decodeEnvelope} — the outer {@code Envelope} only (payload and
 *       signature as byte fields): what the orderer and the block store touch;</li>
 *   <li>{@code decodeTransactionDeep} — envelope, payload, header and the transaction's actions: what a
 *       validator must read of every transaction before checking anything;</li>
 *   <li>{@code encodeBlock} / {@code decodeBlock} — a 100-transaction block to and from its bytes
 *       (envelopes stay bytes, as Fabric's block store keeps them);</li>
 *   <li>{@code blockDataHash} — SHA-256 over the 100 envelopes, the header's data hash, for scale: codec
 *       costs should stay well below hashing the same bytes.</li>
 * </ul>
 * The per-transaction cost of the codec is the block figures divided by 100 plus one deep decode per
 * peer; compare it with one ECDSA verification in {@link SignatureBenchmark} (about 70 µs).
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar CodecBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CodecBenchmark {

    private static final int TX_PER_BLOCK = 100;

    private Envelope envelope;
    private Bytes envelopeBytes;
    private ProtocolBlock block;
    private Bytes blockBytes;

    /** 100 endorsed transactions with real signatures, their envelope bytes and the block holding them. */
    @Setup
    public void setUp() {
        CertificateAuthority org1 = CertificateAuthority.create(CaConfig.defaults("Org1MSP"),
                DeterministicRandom.fromSeed(1, "ca/Org1MSP"), Crypto.ecdsa());
        CertificateAuthority org2 = CertificateAuthority.create(CaConfig.defaults("Org2MSP"),
                DeterministicRandom.fromSeed(1, "ca/Org2MSP"), Crypto.ecdsa());
        Identity client = org1.enroll("client", Role.CLIENT);
        Identity peer1 = org1.enroll("peer0.org1msp", Role.PEER);
        Identity peer2 = org2.enroll("peer0.org2msp", Role.PEER);
        DeterministicRandom random = DeterministicRandom.fromSeed(2, "nonces");
        Timestamp now = new Timestamp(1_735_689_600L, 0);
        List<Bytes> envelopes = new ArrayList<>();
        for (int t = 0; t < TX_PER_BLOCK; t++) {
            byte[] nonce = new byte[24];
            random.nextBytes(nonce);
            String key = "key-" + t;
            var proposal = Transactions.propose(new ProposalRequest("bench", "kv", "update",
                    List.of(Bytes.utf8(key), Bytes.utf8("v".repeat(100))), new TreeMap<>(), Bytes.wrap(nonce), now), client);
            RwSetBuilder rw = new RwSetBuilder();
            rw.addWrite("kv", key, Bytes.utf8("v".repeat(100)));
            var rwset = rw.build().publicRwSet();
            List<ProposalResponse> responses = List.of(
                    Transactions.endorse(proposal.proposal(), rwset, null, Response.ok(Bytes.EMPTY), "1.0", peer1, now),
                    Transactions.endorse(proposal.proposal(), rwset, null, Response.ok(Bytes.EMPTY), "1.0", peer2, now));
            Envelope e = Transactions.assemble(proposal.proposal(), responses, client);
            if (t == 0) {
                envelope = e;
            }
            envelopes.add(ProtoCodec.encode(e));
        }
        envelopeBytes = envelopes.get(0);
        block = new ProtocolBlock(new BlockHeader(1, Hashes.sha256(Bytes.utf8("previous")), Hashes.blockDataHash(envelopes)),
                envelopes, List.of(Bytes.EMPTY, Bytes.EMPTY, Bytes.EMPTY, Bytes.EMPTY, Bytes.EMPTY));
        blockBytes = ProtoCodec.encode(block);
        if (!ProtoCodec.decodeBlock(blockBytes).equals(block) || !ProtoCodec.decodeEnvelope(envelopeBytes).equals(envelope)) {
            throw new IllegalStateException("benchmark setup: the codec does not round-trip");
        }
        System.out.printf("%nCodecBenchmark: envelope %d bytes, block of %d transactions %d bytes%n", envelopeBytes.size(),
                TX_PER_BLOCK, blockBytes.size());
    }

    /** One envelope to bytes. */
    @Benchmark
    public Bytes encodeEnvelope() {
        return ProtoCodec.encode(envelope);
    }

    /** One envelope from bytes (outer message only). */
    @Benchmark
    public Envelope decodeEnvelope() {
        return ProtoCodec.decodeEnvelope(envelopeBytes);
    }

    /** Envelope, payload, header and transaction actions: what a validator reads first. */
    @Benchmark
    public void decodeTransactionDeep(Blackhole bh) {
        Envelope e = ProtoCodec.decodeEnvelope(envelopeBytes);
        Payload payload = ProtoCodec.decodePayload(e.payload());
        bh.consume(payload.header());
        Transaction tx = ProtoCodec.decodeTransaction(payload.data());
        bh.consume(tx.actions());
    }

    /** A 100-transaction block to bytes. */
    @Benchmark
    public Bytes encodeBlock() {
        return ProtoCodec.encode(block);
    }

    /** A 100-transaction block from bytes. */
    @Benchmark
    public ProtocolBlock decodeBlock() {
        return ProtoCodec.decodeBlock(blockBytes);
    }

    /** The block's data hash: SHA-256 over its 100 envelopes. */
    @Benchmark
    public Bytes blockDataHash() {
        return Hashes.blockDataHash(block.data());
    }
}
