package dev.ledgersim.ledger.codec;

import dev.ledgersim.ledger.protocol.BlockHeader;
import dev.ledgersim.ledger.protocol.BlockMetadataSignature;
import dev.ledgersim.ledger.protocol.Bytes;
import dev.ledgersim.ledger.protocol.ChaincodeAction;
import dev.ledgersim.ledger.protocol.ChaincodeActionPayload;
import dev.ledgersim.ledger.protocol.ChaincodeEndorsedAction;
import dev.ledgersim.ledger.protocol.ChaincodeEvent;
import dev.ledgersim.ledger.protocol.ChaincodeId;
import dev.ledgersim.ledger.protocol.ChaincodeInput;
import dev.ledgersim.ledger.protocol.ChaincodeProposalPayload;
import dev.ledgersim.ledger.protocol.ChannelHeader;
import dev.ledgersim.ledger.protocol.CollectionHashedRwSet;
import dev.ledgersim.ledger.protocol.Endorsement;
import dev.ledgersim.ledger.protocol.Envelope;
import dev.ledgersim.ledger.protocol.HashedRwSet;
import dev.ledgersim.ledger.protocol.Header;
import dev.ledgersim.ledger.protocol.KvMetadataEntry;
import dev.ledgersim.ledger.protocol.KvMetadataWrite;
import dev.ledgersim.ledger.protocol.KvMetadataWriteHash;
import dev.ledgersim.ledger.protocol.KvRead;
import dev.ledgersim.ledger.protocol.KvReadHash;
import dev.ledgersim.ledger.protocol.KvRwSet;
import dev.ledgersim.ledger.protocol.KvWrite;
import dev.ledgersim.ledger.protocol.KvWriteHash;
import dev.ledgersim.ledger.protocol.NsReadWriteSet;
import dev.ledgersim.ledger.protocol.Payload;
import dev.ledgersim.ledger.protocol.Proposal;
import dev.ledgersim.ledger.protocol.ProposalResponse;
import dev.ledgersim.ledger.protocol.ProposalResponsePayload;
import dev.ledgersim.ledger.protocol.ProtocolBlock;
import dev.ledgersim.ledger.protocol.QueryReadsMerkleSummary;
import dev.ledgersim.ledger.protocol.RangeQueryInfo;
import dev.ledgersim.ledger.protocol.Response;
import dev.ledgersim.ledger.protocol.SignatureHeader;
import dev.ledgersim.ledger.protocol.SignedProposal;
import dev.ledgersim.ledger.protocol.Timestamp;
import dev.ledgersim.ledger.protocol.Transaction;
import dev.ledgersim.ledger.protocol.TransactionAction;
import dev.ledgersim.ledger.protocol.TxReadWriteSet;
import dev.ledgersim.ledger.protocol.Version;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Supplier;

/** Random protocol records from a seeded {@link Random}, biased towards edge values (defaults, extremes). */
final class Gen {
    private static final String[] STRINGS = {
        "", "", "a", "key", "emrcc", "patient~0001", "é", "日本語", "\uD83D\uDE00", "\uE000", "a\u0000b",
        "x".repeat(130),
    };
    private static final long[] LONGS = {0, 0, 1, 127, 128, 300, 16_383, 16_384, Long.MAX_VALUE, -1L, Long.MIN_VALUE};
    private static final int[] INTS = {0, 0, 1, -1, 127, 128, 200, 500, Integer.MAX_VALUE, Integer.MIN_VALUE};

    final Random r;

    Gen(long seed) {
        r = new Random(seed);
    }

    String str() {
        int k = r.nextInt(STRINGS.length + 4);
        if (k < STRINGS.length) {
            return STRINGS[k];
        }
        StringBuilder sb = new StringBuilder();
        int n = 1 + r.nextInt(12);
        for (int i = 0; i < n; i++) {
            sb.append((char) ('!' + r.nextInt(94)));
        }
        return sb.toString();
    }

    Bytes bytes() {
        int k = r.nextInt(10);
        if (k < 3) {
            return Bytes.EMPTY;
        }
        byte[] b = new byte[k == 9 ? 130 + r.nextInt(300) : 1 + r.nextInt(40)];
        r.nextBytes(b);
        return Bytes.wrap(b);
    }

    long u64() {
        return r.nextInt(3) == 0 ? r.nextLong() : LONGS[r.nextInt(LONGS.length)];
    }

    long nonNegative() {
        long v = u64();
        return v < 0 ? v & Long.MAX_VALUE : v;
    }

    int i32() {
        return r.nextInt(3) == 0 ? r.nextInt() : INTS[r.nextInt(INTS.length)];
    }

    boolean bool() {
        return r.nextBoolean();
    }

    <T> T maybe(Supplier<T> s) {
        return r.nextInt(3) == 0 ? null : s.get();
    }

    <T> List<T> list(Supplier<T> s, int max) {
        int n = r.nextInt(max + 1);
        List<T> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(s.get());
        }
        return out;
    }

    // ---- common ----

    Timestamp timestamp() {
        return new Timestamp(u64(), r.nextInt(4) == 0 ? 0 : r.nextInt(1_000_000_000));
    }

    ChannelHeader channelHeader() {
        return new ChannelHeader(i32(), i32(), maybe(this::timestamp), str(), str(), u64(), maybe(this::chaincodeId));
    }

    SignatureHeader signatureHeader() {
        return new SignatureHeader(bytes(), bytes());
    }

    Header header() {
        return new Header(channelHeader(), signatureHeader());
    }

    Payload payload() {
        return new Payload(header(), bytes());
    }

    Envelope envelope() {
        return new Envelope(bytes(), bytes());
    }

    BlockHeader blockHeader() {
        return new BlockHeader(u64(), bytes(), bytes());
    }

    ProtocolBlock block() {
        return new ProtocolBlock(blockHeader(), list(this::bytes, 5), list(this::bytes, 6));
    }

    BlockMetadataSignature metadataSignature() {
        return new BlockMetadataSignature(bytes(), bytes());
    }

    BlockMetadataValue metadataValue() {
        return new BlockMetadataValue(bytes(), list(this::metadataSignature, 3));
    }

    OrdererBlockMetadata ordererBlockMetadata() {
        return new OrdererBlockMetadata(u64(), bytes());
    }

    // ---- peer ----

    ChaincodeId chaincodeId() {
        return new ChaincodeId(str(), str());
    }

    ChaincodeInput chaincodeInput() {
        return new ChaincodeInput(list(this::bytes, 4), bool());
    }

    ChaincodeProposalPayload proposalPayload() {
        TreeMap<String, Bytes> transientMap = new TreeMap<>();
        int n = r.nextInt(3) == 0 ? r.nextInt(5) : 0;
        for (int i = 0; i < n; i++) {
            transientMap.put(str(), bytes());
        }
        return new ChaincodeProposalPayload(chaincodeId(), chaincodeInput(), transientMap);
    }

    Proposal proposal() {
        return new Proposal(header(), proposalPayload());
    }

    SignedProposal signedProposal() {
        return new SignedProposal(bytes(), bytes());
    }

    Response response() {
        return new Response(i32(), str(), bytes());
    }

    ChaincodeEvent event() {
        return new ChaincodeEvent(str(), str(), "ev" + str(), bytes());
    }

    ChaincodeAction chaincodeAction() {
        return new ChaincodeAction(txRwSet(), maybe(this::event), response(), chaincodeId());
    }

    ProposalResponsePayload proposalResponsePayload() {
        return new ProposalResponsePayload(bytes(), chaincodeAction());
    }

    Endorsement endorsement() {
        return new Endorsement(bytes(), bytes());
    }

    ProposalResponse proposalResponse() {
        return new ProposalResponse(i32(), maybe(this::timestamp), response(), bytes(), maybe(this::endorsement));
    }

    ChaincodeEndorsedAction endorsedAction() {
        return new ChaincodeEndorsedAction(bytes(), list(this::endorsement, 3));
    }

    ChaincodeActionPayload actionPayload() {
        return new ChaincodeActionPayload(proposalPayload(), endorsedAction());
    }

    TransactionAction transactionAction() {
        return new TransactionAction(signatureHeader(), actionPayload());
    }

    Transaction transaction() {
        return new Transaction(list(this::transactionAction, 2));
    }

    // ---- rwset ----

    Version version() {
        return new Version(nonNegative(), nonNegative());
    }

    KvRead kvRead() {
        return new KvRead(str(), maybe(this::version));
    }

    KvReadHash kvReadHash() {
        return new KvReadHash(bytes(), maybe(this::version));
    }

    KvWrite kvWrite() {
        return new KvWrite(str(), bool(), bytes());
    }

    KvWriteHash kvWriteHash() {
        return new KvWriteHash(bytes(), bool(), bytes(), bool());
    }

    KvMetadataEntry metadataEntry() {
        return new KvMetadataEntry(str(), bytes());
    }

    KvMetadataWrite metadataWrite() {
        return new KvMetadataWrite(str(), list(this::metadataEntry, 3));
    }

    KvMetadataWriteHash metadataWriteHash() {
        return new KvMetadataWriteHash(bytes(), list(this::metadataEntry, 3));
    }

    QueryReadsMerkleSummary merkleSummary() {
        return new QueryReadsMerkleSummary(i32(), i32(), list(this::bytes, 4));
    }

    RangeQueryInfo rangeQueryInfo() {
        return r.nextBoolean()
                ? new RangeQueryInfo(str(), str(), bool(), list(this::kvRead, 4), null)
                : new RangeQueryInfo(str(), str(), bool(), null, merkleSummary());
    }

    KvRwSet kvRwSet() {
        return new KvRwSet(list(this::kvRead, 3), list(this::rangeQueryInfo, 2), list(this::kvWrite, 3),
                list(this::metadataWrite, 2));
    }

    HashedRwSet hashedRwSet() {
        return new HashedRwSet(list(this::kvReadHash, 3), list(this::kvWriteHash, 3), list(this::metadataWriteHash, 2));
    }

    CollectionHashedRwSet collectionHashedRwSet() {
        return new CollectionHashedRwSet(str(), hashedRwSet(), bytes());
    }

    NsReadWriteSet nsRwSet() {
        return new NsReadWriteSet(str(), kvRwSet(), list(this::collectionHashedRwSet, 2));
    }

    TxReadWriteSet txRwSet() {
        return new TxReadWriteSet(list(this::nsRwSet, 2));
    }

    CollectionPvtReadWriteSet collectionPvtRwSet() {
        return new CollectionPvtReadWriteSet(str(), kvRwSet());
    }

    NsPvtReadWriteSet nsPvtRwSet() {
        return new NsPvtReadWriteSet(str(), list(this::collectionPvtRwSet, 2));
    }

    TxPvtReadWriteSet txPvtRwSet() {
        return new TxPvtReadWriteSet(list(this::nsPvtRwSet, 2));
    }

    // ---- one-level parts ----

    ProtoCodec.PayloadParts payloadParts() {
        return new ProtoCodec.PayloadParts(bytes(), bytes(), bytes());
    }

    ProtoCodec.ProposalResponsePayloadParts proposalResponsePayloadParts() {
        return new ProtoCodec.ProposalResponsePayloadParts(bytes(), bytes());
    }

    ProtoCodec.ChaincodeActionParts chaincodeActionParts() {
        return new ProtoCodec.ChaincodeActionParts(bytes(), bytes(), maybe(this::response), maybe(this::chaincodeId));
    }
}
