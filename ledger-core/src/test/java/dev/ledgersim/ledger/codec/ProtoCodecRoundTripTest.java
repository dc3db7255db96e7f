package dev.ledgersim.ledger.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ledgersim.ledger.protocol.Bytes;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Property tests over every message type: generated records round-trip exactly, and randomly mutated
 * encodings either fail with {@link CodecException} or decode to a record that re-encodes to exactly the
 * mutated bytes (decoding never accepts a non-canonical form, and never throws anything else). Run
 * longer with {@code -Dledgersim.codec.fuzzRecords=5000}.
 */
class ProtoCodecRoundTripTest {
    private static final long SEED = 20_240_611L;

    /** One message type: how to generate, encode and decode it. */
    private record Case<T>(String name, Function<Gen, T> gen, Function<T, Bytes> enc, Function<Bytes, T> dec) {
        void roundTrips(Gen g, int count) {
            for (int i = 0; i < count; i++) {
                T value = gen.apply(g);
                Bytes bytes = enc.apply(value);
                T decoded = dec.apply(bytes);
                assertEquals(value, decoded, () -> name + " did not round-trip from " + bytes.toHex());
                assertEquals(bytes, enc.apply(decoded), name + " re-encoded differently");
            }
        }

        void refusesOrReencodesMutations(Gen g, int count, int mutationsEach) {
            for (int i = 0; i < count; i++) {
                byte[] original = enc.apply(gen.apply(g)).toByteArray();
                for (int j = 0; j < mutationsEach; j++) {
                    byte[] mutated = mutate(g.r, original);
                    T decoded;
                    try {
                        decoded = dec.apply(Bytes.of(mutated));
                    } catch (CodecException expected) {
                        continue;
                    }
                    assertArrayEquals(mutated, enc.apply(decoded).toByteArray(),
                            () -> name + " accepted non-canonical bytes " + Bytes.of(mutated).toHex());
                }
            }
        }
    }

    private static <T> Case<T> c(String name, Function<Gen, T> gen, Function<T, Bytes> enc, Function<Bytes, T> dec) {
        return new Case<>(name, gen, enc, dec);
    }

    private static List<Case<?>> cases() {
        return List.of(
                c("Envelope", Gen::envelope, ProtoCodec::encode, ProtoCodec::decodeEnvelope),
                c("Payload", Gen::payload, ProtoCodec::encode, ProtoCodec::decodePayload),
                c("Header", Gen::header, ProtoCodec::encode, ProtoCodec::decodeHeader),
                c("ChannelHeader", Gen::channelHeader, ProtoCodec::encode, ProtoCodec::decodeChannelHeader),
                c("SignatureHeader", Gen::signatureHeader, ProtoCodec::encode, ProtoCodec::decodeSignatureHeader),
                c("Timestamp", Gen::timestamp, ProtoCodec::encode, ProtoCodec::decodeTimestamp),
                c("Block", Gen::block, ProtoCodec::encode, ProtoCodec::decodeBlock),
                c("BlockHeader", Gen::blockHeader, ProtoCodec::encode, ProtoCodec::decodeBlockHeader),
                c("Metadata", Gen::metadataValue, ProtoCodec::encode, ProtoCodec::decodeBlockMetadataValue),
                c("MetadataSignature", Gen::metadataSignature, ProtoCodec::encode, ProtoCodec::decodeBlockMetadataSignature),
                c("OrdererBlockMetadata", Gen::ordererBlockMetadata, ProtoCodec::encode, ProtoCodec::decodeOrdererBlockMetadata),
                c("LastConfig", Gen::u64, ProtoCodec::encodeLastConfig, ProtoCodec::decodeLastConfig),
                c("ChaincodeID", Gen::chaincodeId, ProtoCodec::encode, ProtoCodec::decodeChaincodeId),
                c("ChaincodeInput", Gen::chaincodeInput, ProtoCodec::encode, ProtoCodec::decodeChaincodeInput),
                c("ChaincodeProposalPayload", Gen::proposalPayload, ProtoCodec::encode, ProtoCodec::decodeChaincodeProposalPayload),
                c("Proposal", Gen::proposal, ProtoCodec::encode, ProtoCodec::decodeProposal),
                c("SignedProposal", Gen::signedProposal, ProtoCodec::encode, ProtoCodec::decodeSignedProposal),
                c("Response", Gen::response, ProtoCodec::encode, ProtoCodec::decodeResponse),
                c("ProposalResponsePayload", Gen::proposalResponsePayload, ProtoCodec::encode, ProtoCodec::decodeProposalResponsePayload),
                c("ChaincodeAction", Gen::chaincodeAction, ProtoCodec::encode, ProtoCodec::decodeChaincodeAction),
                c("ChaincodeEvent", Gen::event, ProtoCodec::encode, ProtoCodec::decodeChaincodeEvent),
                c("Endorsement", Gen::endorsement, ProtoCodec::encode, ProtoCodec::decodeEndorsement),
                c("ProposalResponse", Gen::proposalResponse, ProtoCodec::encode, ProtoCodec::decodeProposalResponse),
                c("Transaction", Gen::transaction, ProtoCodec::encode, ProtoCodec::decodeTransaction),
                c("TransactionAction", Gen::transactionAction, ProtoCodec::encode, ProtoCodec::decodeTransactionAction),
                c("ChaincodeActionPayload", Gen::actionPayload, ProtoCodec::encode, ProtoCodec::decodeChaincodeActionPayload),
                c("ChaincodeEndorsedAction", Gen::endorsedAction, ProtoCodec::encode, ProtoCodec::decodeChaincodeEndorsedAction),
                c("TxReadWriteSet", Gen::txRwSet, ProtoCodec::encode, ProtoCodec::decodeTxReadWriteSet),
                c("NsReadWriteSet", Gen::nsRwSet, ProtoCodec::encode, ProtoCodec::decodeNsReadWriteSet),
                c("CollectionHashedReadWriteSet", Gen::collectionHashedRwSet, ProtoCodec::encode, ProtoCodec::decodeCollectionHashedRwSet),
                c("TxPvtReadWriteSet", Gen::txPvtRwSet, ProtoCodec::encode, ProtoCodec::decodeTxPvtReadWriteSet),
                c("NsPvtReadWriteSet", Gen::nsPvtRwSet, ProtoCodec::encode, ProtoCodec::decodeNsPvtReadWriteSet),
                c("CollectionPvtReadWriteSet", Gen::collectionPvtRwSet, ProtoCodec::encode, ProtoCodec::decodeCollectionPvtReadWriteSet),
                c("KVRWSet", Gen::kvRwSet, ProtoCodec::encode, ProtoCodec::decodeKvRwSet),
                c("HashedRWSet", Gen::hashedRwSet, ProtoCodec::encode, ProtoCodec::decodeHashedRwSet),
                c("KVRead", Gen::kvRead, ProtoCodec::encode, ProtoCodec::decodeKvRead),
                c("KVReadHash", Gen::kvReadHash, ProtoCodec::encode, ProtoCodec::decodeKvReadHash),
                c("KVWrite", Gen::kvWrite, ProtoCodec::encode, ProtoCodec::decodeKvWrite),
                c("KVWriteHash", Gen::kvWriteHash, ProtoCodec::encode, ProtoCodec::decodeKvWriteHash),
                c("KVMetadataWrite", Gen::metadataWrite, ProtoCodec::encode, ProtoCodec::decodeKvMetadataWrite),
                c("KVMetadataWriteHash", Gen::metadataWriteHash, ProtoCodec::encode, ProtoCodec::decodeKvMetadataWriteHash),
                c("KVMetadataEntry", Gen::metadataEntry, ProtoCodec::encode, ProtoCodec::decodeKvMetadataEntry),
                c("Version", Gen::version, ProtoCodec::encode, ProtoCodec::decodeVersion),
                c("RangeQueryInfo", Gen::rangeQueryInfo, ProtoCodec::encode, ProtoCodec::decodeRangeQueryInfo),
                c("QueryReadsMerkleSummary", Gen::merkleSummary, ProtoCodec::encode, ProtoCodec::decodeQueryReadsMerkleSummary),
                c("QueryReads", g -> g.list(g::kvRead, 5), ProtoCodec::encodeQueryReads, ProtoCodec::decodeQueryReads),
                c("PayloadParts", Gen::payloadParts, ProtoCodec::encode, ProtoCodec::decodePayloadParts),
                c("ProposalResponsePayloadParts", Gen::proposalResponsePayloadParts, ProtoCodec::encode,
                        ProtoCodec::decodeProposalResponsePayloadParts),
                c("ChaincodeActionParts", Gen::chaincodeActionParts, ProtoCodec::encode, ProtoCodec::decodeChaincodeActionParts));
    }

    @TestFactory
    Stream<DynamicTest> generatedRecordsRoundTripExactly() {
        return cases().stream().map(k -> DynamicTest.dynamicTest(k.name(),
                () -> k.roundTrips(new Gen(SEED + k.name().hashCode()), 300)));
    }

    @TestFactory
    Stream<DynamicTest> mutatedEncodingsAreRefusedOrCanonical() {
        return cases().stream().map(k -> DynamicTest.dynamicTest(k.name(),
                () -> k.refusesOrReencodesMutations(new Gen(SEED ^ k.name().hashCode()),
                        Integer.getInteger("ledgersim.codec.fuzzRecords", 150), 25)));
    }

    private static byte[] mutate(Random r, byte[] in) {
        int n = in.length;
        switch (r.nextInt(7)) {
            case 0 -> { // flip one bit
                if (n == 0) {
                    return new byte[] {(byte) r.nextInt(256)};
                }
                byte[] out = in.clone();
                out[r.nextInt(n)] ^= (byte) (1 << r.nextInt(8));
                return out;
            }
            case 1 -> { // overwrite one byte
                if (n == 0) {
                    return new byte[] {(byte) r.nextInt(256)};
                }
                byte[] out = in.clone();
                out[r.nextInt(n)] = (byte) r.nextInt(256);
                return out;
            }
            case 2 -> { // insert one byte
                int at = r.nextInt(n + 1);
                byte[] out = new byte[n + 1];
                System.arraycopy(in, 0, out, 0, at);
                out[at] = (byte) r.nextInt(256);
                System.arraycopy(in, at, out, at + 1, n - at);
                return out;
            }
            case 3 -> { // delete one byte
                if (n == 0) {
                    return in;
                }
                int at = r.nextInt(n);
                byte[] out = new byte[n - 1];
                System.arraycopy(in, 0, out, 0, at);
                System.arraycopy(in, at + 1, out, at, n - 1 - at);
                return out;
            }
            case 4 -> { // truncate
                return Arrays.copyOf(in, n == 0 ? 0 : r.nextInt(n));
            }
            case 5 -> { // append garbage
                byte[] out = Arrays.copyOf(in, n + 1 + r.nextInt(3));
                for (int i = n; i < out.length; i++) {
                    out[i] = (byte) r.nextInt(256);
                }
                return out;
            }
            default -> { // duplicate a slice (repeats fields, breaks order)
                if (n == 0) {
                    return in;
                }
                int from = r.nextInt(n);
                int to = from + 1 + r.nextInt(n - from);
                byte[] out = new byte[n + to - from];
                System.arraycopy(in, 0, out, 0, to);
                System.arraycopy(in, from, out, to, n - from);
                return out;
            }
        }
    }
}
