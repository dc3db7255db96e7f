package dev.ledgersim.ledger.codec;

import com.google.common.collect.MapMaker;
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
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;

/**
 * The canonical binary encoding of every protocol message that is hashed, signed, stored or sent: exactly
 * Fabric's protobuf wire format (fabric-protos field numbers), in deterministic proto3 form, so that the
 * bytes equal what Fabric produces for the same field values.
 *
 * <p><b>Encoding rules.</b> Fields in ascending field-number order; proto3 scalar defaults (0, false,
 * empty string or bytes) omitted; an embedded message field written whenever the message is present,
 * even when it encodes to no bytes ({@code KvRead("a", new Version(0, 0))} is {@code 0a 01 61 12 00});
 * bytes fields that hold another encoded message (e.g. {@code Header.channel_header}) omitted when that
 * encoding is empty; every element of a repeated field written, empty ones included; {@code int32}
 * negatives as ten-byte varints; map entries as {@code {key=1, value=2}} messages sorted by key in UTF-8
 * byte order, key and value always written (as Go's and Java's protobuf runtimes do). Strings must be
 * well-formed UTF-16 (an unpaired surrogate throws {@link CodecException}).
 *
 * <p><b>Decoding is strict</b>: it accepts exactly the bytes that the encoder produces. Unknown or
 * unsupported fields (e.g. {@code ChaincodeSpec.type}, {@code ChannelHeader.tls_cert_hash}), wrong wire
 * types, truncation, trailing bytes, fields out of order or repeated, explicit default values,
 * non-minimal varints and invalid UTF-8 all throw {@link CodecException} naming the message type (with
 * the enclosing types) and the problem; so are values a record refuses (a {@code Version} number of
 * 2^63 or more, {@code Timestamp} nanos out of range, a required embedded message that is absent).
 * Hence {@code encode(decodeX(b)).equals(b)} whenever decoding succeeds, and hashes and signatures can
 * be recomputed from decoded records. The {@code *Parts} decoders stop one level down and keep nested
 * encodings as bytes, for validators that refuse each stage with its own validation code.
 *
 * <p>All methods are stateless and thread-safe.
 */
public final class ProtoCodec {
    private ProtoCodec() {
    }

    /**
     * A {@code common.Payload} decoded one level only, as Fabric's committer does before checking the
     * header: the encoded channel header, signature header and data are kept as bytes, to be decoded (and
     * refused with their own validation code) one by one.
     *
     * @param channelHeader the encoded {@link ChannelHeader} ({@code Header.channel_header})
     * @param signatureHeader the encoded {@link SignatureHeader} ({@code Header.signature_header})
     * @param data the encoded body (for an endorser transaction, a {@link Transaction})
     */
    public record PayloadParts(Bytes channelHeader, Bytes signatureHeader, Bytes data) {
        /** Validates. */
        public PayloadParts {
            Objects.requireNonNull(channelHeader, "channelHeader");
            Objects.requireNonNull(signatureHeader, "signatureHeader");
            Objects.requireNonNull(data, "data");
        }
    }

    /**
     * A {@code peer.ProposalResponsePayload} decoded one level only.
     *
     * @param proposalHash the endorsed proposal hash
     * @param extension the encoded {@link ChaincodeAction}
     */
    public record ProposalResponsePayloadParts(Bytes proposalHash, Bytes extension) {
        /** Validates. */
        public ProposalResponsePayloadParts {
            Objects.requireNonNull(proposalHash, "proposalHash");
            Objects.requireNonNull(extension, "extension");
        }
    }

    /**
     * A {@code peer.ChaincodeAction} decoded one level only; unlike {@link ChaincodeAction} it can hold an
     * action without response or chaincode id, which a validator must be able to refuse by name.
     *
     * @param results the encoded {@link TxReadWriteSet} (empty for an empty rw-set)
     * @param events the encoded {@link ChaincodeEvent}, empty when there is none
     * @param response the response, or {@code null} when absent
     * @param chaincodeId the chaincode id, or {@code null} when absent
     */
    public record ChaincodeActionParts(Bytes results, Bytes events, Response response, ChaincodeId chaincodeId) {
        /** Validates. */
        public ChaincodeActionParts {
            Objects.requireNonNull(results, "results");
            Objects.requireNonNull(events, "events");
        }
    }

    /** Encodings of blocks given to {@link #encodeAndRemember}, by block identity, held weakly. */
    private static final ConcurrentMap<ProtocolBlock, Bytes> REMEMBERED_BLOCKS =
            new MapMaker().weakKeys().makeMap();

    /** Writers kept per thread for reuse, so an encoding grows no buffer and copies once. */
    private static final ThreadLocal<java.util.ArrayDeque<WireWriter>> WRITERS =
            ThreadLocal.withInitial(java.util.ArrayDeque::new);
    /** The largest buffer a kept writer holds on to (bigger ones, for huge blocks, are dropped). */
    private static final int KEEP_AT_MOST = 8 << 20;

    private static Bytes encoded(Consumer<WireWriter> body) {
        java.util.ArrayDeque<WireWriter> pool = WRITERS.get();
        WireWriter w = pool.isEmpty() ? new WireWriter() : pool.pop();
        try {
            body.accept(w);
            return w.toBytes();
        } finally {
            w.reset(KEEP_AT_MOST);
            pool.push(w);
        }
    }

    /** Feeds the encoding {@code body} writes to {@code digest} without materialising it. */
    private static void digested(java.security.MessageDigest digest, Consumer<WireWriter> body) {
        java.util.ArrayDeque<WireWriter> pool = WRITERS.get();
        WireWriter w = pool.isEmpty() ? new WireWriter() : pool.pop();
        try {
            body.accept(w);
            w.digestInto(digest);
        } finally {
            w.reset(KEEP_AT_MOST);
            pool.push(w);
        }
    }

    /**
     * The SHA-256 of a proposal's channel header, signature header and payload without its transient map,
     * each in canonical encoding, concatenated: Fabric's proposal hash. Encodes into reused buffers.
     */
    public static Bytes proposalHash(ChannelHeader channelHeader, SignatureHeader signatureHeader,
                                     ChaincodeProposalPayload payload) {
        java.security.MessageDigest digest = Hashes.newSha256();
        digested(digest, w -> CommonProtos.write(w, channelHeader));
        digested(digest, w -> CommonProtos.write(w, signatureHeader));
        ChaincodeProposalPayload withoutTransient = payload.withoutTransient();
        digested(digest, w -> PeerProtos.write(w, withoutTransient));
        return Bytes.wrap(digest.digest());
    }

    // ---- common ----

    /** Encodes {@code common.Envelope}. */
    public static Bytes encode(Envelope value) {
        return encoded(w -> CommonProtos.write(w, value));
    }

    /** Decodes a canonical {@code common.Envelope}. */
    public static Envelope decodeEnvelope(Bytes bytes) {
        return WireReader.decode("Envelope", bytes, CommonProtos::readEnvelope);
    }

    /** Encodes {@code common.Payload}. */
    public static Bytes encode(Payload value) {
        return encoded(w -> CommonProtos.write(w, value));
    }

    /** Decodes a canonical {@code common.Payload}. */
    public static Payload decodePayload(Bytes bytes) {
        return WireReader.decode("Payload", bytes, CommonProtos::readPayload);
    }

    /** Encodes {@code common.Header} (channel and signature headers as encoded bytes fields). */
    public static Bytes encode(Header value) {
        return encoded(w -> CommonProtos.write(w, value));
    }

    /** Decodes a canonical {@code common.Header}. */
    public static Header decodeHeader(Bytes bytes) {
        return WireReader.decode("Header", bytes, CommonProtos::readHeader);
    }

    /** Encodes {@code common.ChannelHeader}; the chaincode id travels in {@code extension} as an encoded {@code peer.ChaincodeHeaderExtension}. */
    public static Bytes encode(ChannelHeader value) {
        return encoded(w -> CommonProtos.write(w, value));
    }

    /** Decodes a canonical {@code common.ChannelHeader}. */
    public static ChannelHeader decodeChannelHeader(Bytes bytes) {
        return WireReader.decode("ChannelHeader", bytes, CommonProtos::readChannelHeader);
    }

    /** Encodes {@code common.SignatureHeader}. */
    public static Bytes encode(SignatureHeader value) {
        return encoded(w -> CommonProtos.write(w, value));
    }

    /** Decodes a canonical {@code common.SignatureHeader}. */
    public static SignatureHeader decodeSignatureHeader(Bytes bytes) {
        return WireReader.decode("SignatureHeader", bytes, CommonProtos::readSignatureHeader);
    }

    /** Encodes {@code google.protobuf.Timestamp}. */
    public static Bytes encode(Timestamp value) {
        return encoded(w -> CommonProtos.write(w, value));
    }

    /** Decodes a canonical {@code google.protobuf.Timestamp}. */
    public static Timestamp decodeTimestamp(Bytes bytes) {
        return WireReader.decode("Timestamp", bytes, CommonProtos::readTimestamp);
    }

    /**
     * Encodes {@code common.Block}: header, {@code BlockData} and {@code BlockMetadata} are always present.
     * A block object given to {@link #encodeAndRemember} is not encoded again.
     */
    public static Bytes encode(ProtocolBlock value) {
        Bytes remembered = REMEMBERED_BLOCKS.get(value);
        return remembered != null ? remembered : encoded(w -> CommonProtos.write(w, value));
    }

    /**
     * {@link #encode(ProtocolBlock)}, remembered for as long as this block object is referenced: a block is
     * immutable, so a later {@code encode} of the same object returns these bytes instead of copying a block
     * of envelopes again. For a block that is known to be encoded twice, as an orderer's: once for its Raft
     * entry and once for its block store. Callers must not change the array behind the returned bytes.
     */
    public static Bytes encodeAndRemember(ProtocolBlock value) {
        return REMEMBERED_BLOCKS.computeIfAbsent(value, block -> encoded(w -> CommonProtos.write(w, block)));
    }

    /** Decodes a canonical {@code common.Block}. */
    public static ProtocolBlock decodeBlock(Bytes bytes) {
        return WireReader.decode("Block", bytes, CommonProtos::readBlock);
    }

    /** Encodes {@code common.BlockHeader} in protobuf form (the hash chain uses the ASN.1 form, {@link Hashes#blockHeaderBytes}). */
    public static Bytes encode(BlockHeader value) {
        return encoded(w -> CommonProtos.write(w, value));
    }

    /** Decodes a canonical {@code common.BlockHeader} in protobuf form. */
    public static BlockHeader decodeBlockHeader(Bytes bytes) {
        return WireReader.decode("BlockHeader", bytes, CommonProtos::readBlockHeader);
    }

    /** Encodes {@code common.Metadata}, the content of a block metadata slot. */
    public static Bytes encode(BlockMetadataValue value) {
        return encoded(w -> CommonProtos.write(w, value));
    }

    /** Decodes a canonical {@code common.Metadata}. */
    public static BlockMetadataValue decodeBlockMetadataValue(Bytes bytes) {
        return WireReader.decode("Metadata", bytes, CommonProtos::readMetadata);
    }

    /** Encodes {@code common.MetadataSignature}. */
    public static Bytes encode(BlockMetadataSignature value) {
        return encoded(w -> CommonProtos.write(w, value));
    }

    /** Decodes a canonical {@code common.MetadataSignature}. */
    public static BlockMetadataSignature decodeBlockMetadataSignature(Bytes bytes) {
        return WireReader.decode("MetadataSignature", bytes, CommonProtos::readMetadataSignature);
    }

    /** Encodes {@code common.OrdererBlockMetadata}. */
    public static Bytes encode(OrdererBlockMetadata value) {
        return encoded(w -> CommonProtos.write(w, value));
    }

    /** Decodes a canonical {@code common.OrdererBlockMetadata}. */
    public static OrdererBlockMetadata decodeOrdererBlockMetadata(Bytes bytes) {
        return WireReader.decode("OrdererBlockMetadata", bytes, CommonProtos::readOrdererBlockMetadata);
    }

    // ---- peer ----

    /** Encodes {@code peer.ChaincodeID} ({@code path} is never written). */
    public static Bytes encode(ChaincodeId value) {
        return encoded(w -> PeerProtos.write(w, value));
    }

    /** Decodes a canonical {@code peer.ChaincodeID}. */
    public static ChaincodeId decodeChaincodeId(Bytes bytes) {
        return WireReader.decode("ChaincodeID", bytes, PeerProtos::readChaincodeId);
    }

    /** Encodes {@code peer.ChaincodeInput} (no decorations). */
    public static Bytes encode(ChaincodeInput value) {
        return encoded(w -> PeerProtos.write(w, value));
    }

    /** Decodes a canonical {@code peer.ChaincodeInput}. */
    public static ChaincodeInput decodeChaincodeInput(Bytes bytes) {
        return WireReader.decode("ChaincodeInput", bytes, PeerProtos::readChaincodeInput);
    }

    /** Encodes {@code peer.ChaincodeProposalPayload}: {@code input} is an encoded {@code ChaincodeInvocationSpec{ChaincodeSpec{chaincode_id, input}}} (spec type unset), the transient map is written as entries sorted by key (UTF-8 byte order), each with both key and value. The map is written as given: use {@link ChaincodeProposalPayload#withoutTransient()} for hashing and transactions. */
    public static Bytes encode(ChaincodeProposalPayload value) {
        return encoded(w -> PeerProtos.write(w, value));
    }

    /** Decodes a canonical {@code peer.ChaincodeProposalPayload}. */
    public static ChaincodeProposalPayload decodeChaincodeProposalPayload(Bytes bytes) {
        return WireReader.decode("ChaincodeProposalPayload", bytes, PeerProtos::readChaincodeProposalPayload);
    }

    /** Encodes {@code peer.Proposal}: header and payload as encoded bytes fields. */
    public static Bytes encode(Proposal value) {
        return encoded(w -> PeerProtos.write(w, value));
    }

    /** Decodes a canonical {@code peer.Proposal}. */
    public static Proposal decodeProposal(Bytes bytes) {
        return WireReader.decode("Proposal", bytes, PeerProtos::readProposal);
    }

    /** Encodes {@code peer.SignedProposal}. */
    public static Bytes encode(SignedProposal value) {
        return encoded(w -> PeerProtos.write(w, value));
    }

    /** Decodes a canonical {@code peer.SignedProposal}. */
    public static SignedProposal decodeSignedProposal(Bytes bytes) {
        return WireReader.decode("SignedProposal", bytes, PeerProtos::readSignedProposal);
    }

    /** Encodes {@code peer.Response}. */
    public static Bytes encode(Response value) {
        return encoded(w -> PeerProtos.write(w, value));
    }

    /** Decodes a canonical {@code peer.Response}. */
    public static Response decodeResponse(Bytes bytes) {
        return WireReader.decode("Response", bytes, PeerProtos::readResponse);
    }

    /** Encodes {@code peer.ProposalResponsePayload}: the bytes endorsers sign (followed by their identity). */
    public static Bytes encode(ProposalResponsePayload value) {
        return encoded(w -> PeerProtos.write(w, value));
    }

    /** Decodes a canonical {@code peer.ProposalResponsePayload}. */
    public static ProposalResponsePayload decodeProposalResponsePayload(Bytes bytes) {
        return WireReader.decode("ProposalResponsePayload", bytes, PeerProtos::readProposalResponsePayload);
    }

    /** Encodes {@code peer.ChaincodeAction}: results and events as encoded bytes fields. An all-default event encodes to no bytes, so it cannot be told apart from no event: encoding one throws {@link CodecException}. */
    public static Bytes encode(ChaincodeAction value) {
        return encoded(w -> PeerProtos.write(w, value));
    }

    /** Decodes a canonical {@code peer.ChaincodeAction}. */
    public static ChaincodeAction decodeChaincodeAction(Bytes bytes) {
        return WireReader.decode("ChaincodeAction", bytes, PeerProtos::readChaincodeAction);
    }

    /** Encodes {@code peer.ChaincodeEvent}. */
    public static Bytes encode(ChaincodeEvent value) {
        return encoded(w -> PeerProtos.write(w, value));
    }

    /** Decodes a canonical {@code peer.ChaincodeEvent}. */
    public static ChaincodeEvent decodeChaincodeEvent(Bytes bytes) {
        return WireReader.decode("ChaincodeEvent", bytes, PeerProtos::readChaincodeEvent);
    }

    /** Encodes {@code peer.Endorsement}. */
    public static Bytes encode(Endorsement value) {
        return encoded(w -> PeerProtos.write(w, value));
    }

    /** Decodes a canonical {@code peer.Endorsement}. */
    public static Endorsement decodeEndorsement(Bytes bytes) {
        return WireReader.decode("Endorsement", bytes, PeerProtos::readEndorsement);
    }

    /** Encodes {@code peer.ProposalResponse}. */
    public static Bytes encode(ProposalResponse value) {
        return encoded(w -> PeerProtos.write(w, value));
    }

    /** Decodes a canonical {@code peer.ProposalResponse}. */
    public static ProposalResponse decodeProposalResponse(Bytes bytes) {
        return WireReader.decode("ProposalResponse", bytes, PeerProtos::readProposalResponse);
    }

    /** Encodes {@code peer.Transaction}. */
    public static Bytes encode(Transaction value) {
        return encoded(w -> PeerProtos.write(w, value));
    }

    /** Decodes a canonical {@code peer.Transaction}. */
    public static Transaction decodeTransaction(Bytes bytes) {
        return WireReader.decode("Transaction", bytes, PeerProtos::readTransaction);
    }

    /** Encodes {@code peer.TransactionAction}: header and payload as encoded bytes fields. */
    public static Bytes encode(TransactionAction value) {
        return encoded(w -> PeerProtos.write(w, value));
    }

    /** Decodes a canonical {@code peer.TransactionAction}. */
    public static TransactionAction decodeTransactionAction(Bytes bytes) {
        return WireReader.decode("TransactionAction", bytes, PeerProtos::readTransactionAction);
    }

    /** Encodes {@code peer.ChaincodeActionPayload}; the proposal payload is written as given (Fabric strips the transient map first). */
    public static Bytes encode(ChaincodeActionPayload value) {
        return encoded(w -> PeerProtos.write(w, value));
    }

    /** Decodes a canonical {@code peer.ChaincodeActionPayload}. */
    public static ChaincodeActionPayload decodeChaincodeActionPayload(Bytes bytes) {
        return WireReader.decode("ChaincodeActionPayload", bytes, PeerProtos::readChaincodeActionPayload);
    }

    /** Encodes {@code peer.ChaincodeEndorsedAction}. */
    public static Bytes encode(ChaincodeEndorsedAction value) {
        return encoded(w -> PeerProtos.write(w, value));
    }

    /** Decodes a canonical {@code peer.ChaincodeEndorsedAction}. */
    public static ChaincodeEndorsedAction decodeChaincodeEndorsedAction(Bytes bytes) {
        return WireReader.decode("ChaincodeEndorsedAction", bytes, PeerProtos::readChaincodeEndorsedAction);
    }

    // ---- rwset ----

    /** Encodes {@code rwset.TxReadWriteSet} (data model KV, never written). */
    public static Bytes encode(TxReadWriteSet value) {
        return encoded(w -> RwSetProtos.write(w, value));
    }

    /** Decodes a canonical {@code rwset.TxReadWriteSet}. */
    public static TxReadWriteSet decodeTxReadWriteSet(Bytes bytes) {
        return WireReader.decode("TxReadWriteSet", bytes, RwSetProtos::readTxReadWriteSet);
    }

    /** Encodes {@code rwset.NsReadWriteSet}. */
    public static Bytes encode(NsReadWriteSet value) {
        return encoded(w -> RwSetProtos.write(w, value));
    }

    /** Decodes a canonical {@code rwset.NsReadWriteSet}. */
    public static NsReadWriteSet decodeNsReadWriteSet(Bytes bytes) {
        return WireReader.decode("NsReadWriteSet", bytes, RwSetProtos::readNsReadWriteSet);
    }

    /** Encodes {@code rwset.CollectionHashedReadWriteSet}. */
    public static Bytes encode(CollectionHashedRwSet value) {
        return encoded(w -> RwSetProtos.write(w, value));
    }

    /** Decodes a canonical {@code rwset.CollectionHashedReadWriteSet}. */
    public static CollectionHashedRwSet decodeCollectionHashedRwSet(Bytes bytes) {
        return WireReader.decode("CollectionHashedReadWriteSet", bytes, RwSetProtos::readCollectionHashedRwSet);
    }

    /** Encodes {@code rwset.TxPvtReadWriteSet} (data model KV, never written). */
    public static Bytes encode(TxPvtReadWriteSet value) {
        return encoded(w -> RwSetProtos.write(w, value));
    }

    /** Decodes a canonical {@code rwset.TxPvtReadWriteSet}. */
    public static TxPvtReadWriteSet decodeTxPvtReadWriteSet(Bytes bytes) {
        return WireReader.decode("TxPvtReadWriteSet", bytes, RwSetProtos::readTxPvtReadWriteSet);
    }

    /** Encodes {@code rwset.NsPvtReadWriteSet}. */
    public static Bytes encode(NsPvtReadWriteSet value) {
        return encoded(w -> RwSetProtos.write(w, value));
    }

    /** Decodes a canonical {@code rwset.NsPvtReadWriteSet}. */
    public static NsPvtReadWriteSet decodeNsPvtReadWriteSet(Bytes bytes) {
        return WireReader.decode("NsPvtReadWriteSet", bytes, RwSetProtos::readNsPvtReadWriteSet);
    }

    /** Encodes {@code rwset.CollectionPvtReadWriteSet}. */
    public static Bytes encode(CollectionPvtReadWriteSet value) {
        return encoded(w -> RwSetProtos.write(w, value));
    }

    /** Decodes a canonical {@code rwset.CollectionPvtReadWriteSet}. */
    public static CollectionPvtReadWriteSet decodeCollectionPvtReadWriteSet(Bytes bytes) {
        return WireReader.decode("CollectionPvtReadWriteSet", bytes, RwSetProtos::readCollectionPvtReadWriteSet);
    }

    /** Encodes {@code kvrwset.KVRWSet}; SHA-256 of a collection's private KVRWSet encoding is its {@code pvt_rwset_hash}. */
    public static Bytes encode(KvRwSet value) {
        return encoded(w -> RwSetProtos.write(w, value));
    }

    /** Decodes a canonical {@code kvrwset.KVRWSet}. */
    public static KvRwSet decodeKvRwSet(Bytes bytes) {
        return WireReader.decode("KVRWSet", bytes, RwSetProtos::readKvRwSet);
    }

    /** Encodes {@code kvrwset.HashedRWSet}. */
    public static Bytes encode(HashedRwSet value) {
        return encoded(w -> RwSetProtos.write(w, value));
    }

    /** Decodes a canonical {@code kvrwset.HashedRWSet}. */
    public static HashedRwSet decodeHashedRwSet(Bytes bytes) {
        return WireReader.decode("HashedRWSet", bytes, RwSetProtos::readHashedRwSet);
    }

    /** Encodes {@code kvrwset.KVRead}: a null version is absent, {@code Version(0,0)} is present and empty ({@code 12 00}). */
    public static Bytes encode(KvRead value) {
        return encoded(w -> RwSetProtos.write(w, value));
    }

    /** Decodes a canonical {@code kvrwset.KVRead}. */
    public static KvRead decodeKvRead(Bytes bytes) {
        return WireReader.decode("KVRead", bytes, RwSetProtos::readKvRead);
    }

    /** Encodes {@code kvrwset.KVReadHash}. */
    public static Bytes encode(KvReadHash value) {
        return encoded(w -> RwSetProtos.write(w, value));
    }

    /** Decodes a canonical {@code kvrwset.KVReadHash}. */
    public static KvReadHash decodeKvReadHash(Bytes bytes) {
        return WireReader.decode("KVReadHash", bytes, RwSetProtos::readKvReadHash);
    }

    /** Encodes {@code kvrwset.KVWrite}. */
    public static Bytes encode(KvWrite value) {
        return encoded(w -> RwSetProtos.write(w, value));
    }

    /** Decodes a canonical {@code kvrwset.KVWrite}. */
    public static KvWrite decodeKvWrite(Bytes bytes) {
        return WireReader.decode("KVWrite", bytes, RwSetProtos::readKvWrite);
    }

    /** Encodes {@code kvrwset.KVWriteHash}. */
    public static Bytes encode(KvWriteHash value) {
        return encoded(w -> RwSetProtos.write(w, value));
    }

    /** Decodes a canonical {@code kvrwset.KVWriteHash}. */
    public static KvWriteHash decodeKvWriteHash(Bytes bytes) {
        return WireReader.decode("KVWriteHash", bytes, RwSetProtos::readKvWriteHash);
    }

    /** Encodes {@code kvrwset.KVMetadataWrite}. */
    public static Bytes encode(KvMetadataWrite value) {
        return encoded(w -> RwSetProtos.write(w, value));
    }

    /** Decodes a canonical {@code kvrwset.KVMetadataWrite}. */
    public static KvMetadataWrite decodeKvMetadataWrite(Bytes bytes) {
        return WireReader.decode("KVMetadataWrite", bytes, RwSetProtos::readKvMetadataWrite);
    }

    /** Encodes {@code kvrwset.KVMetadataWriteHash}. */
    public static Bytes encode(KvMetadataWriteHash value) {
        return encoded(w -> RwSetProtos.write(w, value));
    }

    /** Decodes a canonical {@code kvrwset.KVMetadataWriteHash}. */
    public static KvMetadataWriteHash decodeKvMetadataWriteHash(Bytes bytes) {
        return WireReader.decode("KVMetadataWriteHash", bytes, RwSetProtos::readKvMetadataWriteHash);
    }

    /** Encodes {@code kvrwset.KVMetadataEntry}. */
    public static Bytes encode(KvMetadataEntry value) {
        return encoded(w -> RwSetProtos.write(w, value));
    }

    /** Decodes a canonical {@code kvrwset.KVMetadataEntry}. */
    public static KvMetadataEntry decodeKvMetadataEntry(Bytes bytes) {
        return WireReader.decode("KVMetadataEntry", bytes, RwSetProtos::readKvMetadataEntry);
    }

    /** Encodes {@code kvrwset.Version}. */
    public static Bytes encode(Version value) {
        return encoded(w -> RwSetProtos.write(w, value));
    }

    /** Decodes a canonical {@code kvrwset.Version}. */
    public static Version decodeVersion(Bytes bytes) {
        return WireReader.decode("Version", bytes, RwSetProtos::readVersion);
    }

    /** Encodes {@code kvrwset.RangeQueryInfo}. The oneof member that is set is always written, even when empty, except that empty raw reads are written as an unset oneof, because that is what Fabric records for a range that returned nothing ({@code query_executor.go addRangeQueryInfo} sets raw reads only when there were results); an unset oneof decodes to empty raw reads. */
    public static Bytes encode(RangeQueryInfo value) {
        return encoded(w -> RwSetProtos.write(w, value));
    }

    /** Decodes a canonical {@code kvrwset.RangeQueryInfo}; an unset oneof gives empty raw reads. */
    public static RangeQueryInfo decodeRangeQueryInfo(Bytes bytes) {
        return WireReader.decode("RangeQueryInfo", bytes, RwSetProtos::readRangeQueryInfo);
    }

    /** Encodes {@code kvrwset.QueryReadsMerkleSummary}. */
    public static Bytes encode(QueryReadsMerkleSummary value) {
        return encoded(w -> RwSetProtos.write(w, value));
    }

    /** Decodes a canonical {@code kvrwset.QueryReadsMerkleSummary}. */
    public static QueryReadsMerkleSummary decodeQueryReadsMerkleSummary(Bytes bytes) {
        return WireReader.decode("QueryReadsMerkleSummary", bytes, RwSetProtos::readMerkleSummary);
    }

    /** Encodes {@code common.LastConfig{index}}, the value of the {@code LAST_CONFIG} metadata slot. */
    public static Bytes encodeLastConfig(long index) {
        return encoded(w -> CommonProtos.writeLastConfig(w, index));
    }

    /** Decodes a canonical {@code common.LastConfig} and returns its index (uint64). */
    public static long decodeLastConfig(Bytes bytes) {
        return WireReader.decode("LastConfig", bytes, CommonProtos::readLastConfig);
    }

    /** Encodes {@code kvrwset.QueryReads{kv_reads}}, whose SHA-256 is a leaf of the range query Merkle tree. */
    public static Bytes encodeQueryReads(List<KvRead> reads) {
        return encoded(w -> RwSetProtos.writeQueryReads(w, reads));
    }

    /** Decodes a canonical {@code kvrwset.QueryReads}. */
    public static List<KvRead> decodeQueryReads(Bytes bytes) {
        return WireReader.decode("QueryReads", bytes, RwSetProtos::readQueryReads);
    }
    /** Encodes {@code common.Payload} from its one-level parts (the header is always written). */
    public static Bytes encode(PayloadParts value) {
        return encoded(w -> CommonProtos.write(w, value));
    }

    /** Decodes a canonical {@code common.Payload} one level deep; the header must be present. */
    public static PayloadParts decodePayloadParts(Bytes bytes) {
        return WireReader.decode("Payload", bytes, CommonProtos::readPayloadParts);
    }

    /** Encodes {@code peer.ProposalResponsePayload} from its one-level parts. */
    public static Bytes encode(ProposalResponsePayloadParts value) {
        return encoded(w -> PeerProtos.write(w, value));
    }

    /** Decodes a canonical {@code peer.ProposalResponsePayload} one level deep. */
    public static ProposalResponsePayloadParts decodeProposalResponsePayloadParts(Bytes bytes) {
        return WireReader.decode("ProposalResponsePayload", bytes, PeerProtos::readProposalResponsePayloadParts);
    }

    /** Encodes {@code peer.ChaincodeAction} from its one-level parts. */
    public static Bytes encode(ChaincodeActionParts value) {
        return encoded(w -> PeerProtos.write(w, value));
    }

    /** Decodes a canonical {@code peer.ChaincodeAction} one level deep. */
    public static ChaincodeActionParts decodeChaincodeActionParts(Bytes bytes) {
        return WireReader.decode("ChaincodeAction", bytes, PeerProtos::readChaincodeActionParts);
    }
}
