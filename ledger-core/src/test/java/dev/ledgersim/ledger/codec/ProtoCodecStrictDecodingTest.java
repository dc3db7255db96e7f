package dev.ledgersim.ledger.codec;

import static dev.ledgersim.ledger.codec.ProtoCodecGoldenTest.hex;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledgersim.ledger.protocol.Bytes;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Decoding accepts only canonical bytes, and says which message and what is wrong. */
class ProtoCodecStrictDecodingTest {

    private static void refused(String expectedFragment, Executable decode) {
        CodecException e = assertThrows(CodecException.class, decode);
        assertTrue(e.getMessage().contains(expectedFragment),
                () -> "expected \"" + expectedFragment + "\" in \"" + e.getMessage() + "\"");
    }

    private static <T> void refused(String expectedFragment, Function<Bytes, T> decoder, String spacedHex) {
        refused(expectedFragment, () -> decoder.apply(hex(spacedHex)));
    }

    @Test
    void unknownField() {
        refused("Envelope: unknown field 3 (wire type 0)", ProtoCodec::decodeEnvelope, "0a 01 01 18 05");
        refused("Envelope: unknown field 5 (wire type 7)", ProtoCodec::decodeEnvelope, "2f");
        // Fields Fabric has but LedgerSim never writes are refused too.
        refused("ChaincodeID: unknown field 1", ProtoCodec::decodeChaincodeId, "0a 01 70 12 01 63");
        refused("ChaincodeProposalPayload > ChaincodeInvocationSpec > ChaincodeSpec: unknown field 1",
                ProtoCodec::decodeChaincodeProposalPayload, "0a 08 0a 06 08 01 12 00 1a 00");
        refused("TxReadWriteSet: unknown field 1", ProtoCodec::decodeTxReadWriteSet, "08 01");
    }

    @Test
    void wrongWireType() {
        refused("Envelope: field 2 has wire type 0, expected 2", ProtoCodec::decodeEnvelope, "0a 01 01 10 05");
        refused("Version: field 1 has wire type 2, expected 0", ProtoCodec::decodeVersion, "0a 01 01");
        refused("Payload > Header > ChannelHeader: field 4 has wire type 0, expected 2",
                ProtoCodec::decodePayload, "0a 04 0a 02 20 01");
    }

    @Test
    void truncated() {
        refused("Envelope: truncated: field 1 at byte 1 claims 5 bytes but only 2 remain",
                ProtoCodec::decodeEnvelope, "0a 05 01 02");
        refused("Version: truncated varint at byte 1", ProtoCodec::decodeVersion, "08 80");
        refused("Envelope: truncated varint at byte 0", ProtoCodec::decodeEnvelope, "8a");
        refused("KVRWSet > KVRead: truncated", ProtoCodec::decodeKvRwSet, "0a 03 0a 05 61");
        refused("claims 18446744073709551615 bytes", ProtoCodec::decodeEnvelope, "0a ff ff ff ff ff ff ff ff ff 01");
    }

    @Test
    void trailingBytes() {
        refused("Envelope: invalid tag 0 at byte 3", ProtoCodec::decodeEnvelope, "0a 01 01 00");
        refused("Envelope: truncated varint at byte 3", ProtoCodec::decodeEnvelope, "0a 01 01 ff");
        refused("Envelope: invalid tag 9223372036854775808 at byte 3", ProtoCodec::decodeEnvelope,
                "0a 01 01 80 80 80 80 80 80 80 80 80 01");
        refused("Envelope: invalid tag 34359738376 at byte 0", ProtoCodec::decodeEnvelope, "88 80 80 80 80 01");
        refused("Envelope: field 1 appears more than once", ProtoCodec::decodeEnvelope, "0a 01 01 0a 01 01");
    }

    @Test
    void nonCanonicalFieldOrder() {
        refused("Envelope: field 1 after field 2: fields must be in ascending field-number order",
                ProtoCodec::decodeEnvelope, "12 01 bb 0a 01 aa");
        refused("KVRWSet: field 1 after field 3", ProtoCodec::decodeKvRwSet, "0a 00 1a 00 0a 00");
    }

    @Test
    void nonMinimalVarint() {
        refused("Version: non-minimal varint at byte 1", ProtoCodec::decodeVersion, "08 81 00");
        refused("Envelope: non-minimal varint at byte 1", ProtoCodec::decodeEnvelope, "0a 81 00 aa");
        refused("Envelope: non-minimal varint at byte 0", ProtoCodec::decodeEnvelope, "8a 00 01 aa");
        refused("Version: varint at byte 1 overflows 64 bits", ProtoCodec::decodeVersion, "08 ff ff ff ff ff ff ff ff ff 02");
    }

    @Test
    void explicitDefaultValues() {
        refused("Version: field 1 holds the default value", ProtoCodec::decodeVersion, "08 00");
        refused("Envelope: field 1 holds the default value", ProtoCodec::decodeEnvelope, "0a 00");
        refused("KVWrite: field 2 holds the default value", ProtoCodec::decodeKvWrite, "0a 01 6b 10 00");
        refused("Header: field 1 holds the default value", ProtoCodec::decodeHeader, "0a 00");
        refused("ChaincodeAction: field 2 holds the default value", ProtoCodec::decodeChaincodeAction,
                "12 00 1a 00 22 00");
    }

    @Test
    void outOfRangeScalars() {
        refused("KVWrite: bool field 2 holds 2, expected 1", ProtoCodec::decodeKvWrite, "0a 01 6b 10 02");
        refused("Response: field 1 holds 4294967295, which is not a sign-extended int32",
                ProtoCodec::decodeResponse, "08 ff ff ff ff 0f");
        refused("QueryReadsMerkleSummary: field 1 holds 4294967296, which exceeds uint32",
                ProtoCodec::decodeQueryReadsMerkleSummary, "08 80 80 80 80 10");
        refused("Version: version numbers must be non-negative", ProtoCodec::decodeVersion, "08 ff ff ff ff ff ff ff ff ff 01");
        refused("Timestamp: nanos must be within", ProtoCodec::decodeTimestamp, "10 ff ff ff ff ff ff ff ff ff 01");
    }

    @Test
    void invalidUtf8() {
        refused("KVRead: field 1 at byte 2 is not valid UTF-8", ProtoCodec::decodeKvRead, "0a 01 ff");
        refused("KVRead: field 1 at byte 2 is not valid UTF-8", ProtoCodec::decodeKvRead, "0a 02 c0 80");
        refused("KVRead: field 1 at byte 2 is not valid UTF-8", ProtoCodec::decodeKvRead, "0a 03 ed a0 80");
    }

    @Test
    void missingMessagesThatCanonicalEncodingAlwaysWrites() {
        refused("Payload: field 1 (Header) is missing", ProtoCodec::decodePayload, "12 01 aa");
        refused("Block: field 2 (BlockData) is missing", ProtoCodec::decodeBlock, "0a 00 1a 00");
        refused("ChaincodeAction: field 3 (Response) is missing", ProtoCodec::decodeChaincodeAction, "22 00");
        refused("OrdererBlockMetadata: field 1 (LastConfig) is missing", ProtoCodec::decodeOrdererBlockMetadata, "12 01 78");
        refused("ChaincodeProposalPayload > ChaincodeInvocationSpec: field 1 (ChaincodeSpec) is missing",
                ProtoCodec::decodeChaincodeProposalPayload, "");
    }

    @Test
    void transientMapMustBeSortedUniqueAndComplete() {
        String input = "0a 06 0a 04 12 00 1a 00";
        refused("ChaincodeProposalPayload: transient map key \"a\" after \"b\"", ProtoCodec::decodeChaincodeProposalPayload,
                input + " 12 06 0a 01 62 12 01 02 12 06 0a 01 61 12 01 01");
        refused("transient map key \"a\" after \"a\"", ProtoCodec::decodeChaincodeProposalPayload,
                input + " 12 06 0a 01 61 12 01 02 12 06 0a 01 61 12 01 01");
        refused("ChaincodeProposalPayload > TransientMapEntry: field 2 (value) is missing",
                ProtoCodec::decodeChaincodeProposalPayload, input + " 12 03 0a 01 61");
        refused("ChaincodeProposalPayload > TransientMapEntry: field 1 (key) is missing",
                ProtoCodec::decodeChaincodeProposalPayload, input + " 12 03 12 01 01");
    }

    @Test
    void rangeQueryOneof() {
        refused("RangeQueryInfo: both members of oneof reads_info are set", ProtoCodec::decodeRangeQueryInfo,
                "22 02 0a 00 2a 00");
        refused("RangeQueryInfo: field 4 (raw_reads) is set but empty", ProtoCodec::decodeRangeQueryInfo, "22 00");
    }
}
