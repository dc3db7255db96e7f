package dev.ledgersim.ledger.codec;

import static dev.ledgersim.ledger.codec.ProtoCodecGoldenTest.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.ledgersim.ledger.protocol.BlockHeader;
import dev.ledgersim.ledger.protocol.BlockMetadataIndex;
import dev.ledgersim.ledger.protocol.Bytes;
import dev.ledgersim.ledger.protocol.ProtocolBlock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link ProtoCodec#encodeAndRemember}: a block object is encoded once, and only that object. */
class RememberedBlockEncodingTest {

    private static ProtocolBlock block(long number) {
        return new ProtocolBlock(new BlockHeader(number, hex("01 02"), hex("03 04")),
                List.of(hex("0a 01 01"), hex("12 02 aa bb")), List.of());
    }

    @Test
    void aRememberedBlockIsNotEncodedAgainAndItsBytesAreTheEncoding() {
        ProtocolBlock block = block(7);
        Bytes fresh = ProtoCodec.encode(block(7));
        Bytes remembered = ProtoCodec.encodeAndRemember(block);
        assertEquals(fresh, remembered, "remembering does not change the encoding");
        assertSame(remembered, ProtoCodec.encode(block), "the same object is not encoded again");
        assertSame(remembered, ProtoCodec.encodeAndRemember(block));
        assertEquals(block, ProtoCodec.decodeBlock(remembered));
    }

    @Test
    void onlyTheRememberedObjectIsFoundNotAnEqualOneNorAVariant() {
        ProtocolBlock block = block(8);
        Bytes remembered = ProtoCodec.encodeAndRemember(block);

        ProtocolBlock equal = ProtoCodec.decodeBlock(remembered);
        Bytes again = ProtoCodec.encode(equal);
        assertEquals(remembered, again);
        assertNotSame(remembered, again, "an equal block decoded anew is encoded anew");

        ProtocolBlock filtered = block.withMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER, hex("00 00"));
        Bytes withFilter = ProtoCodec.encode(filtered);
        assertNotEquals(remembered, withFilter, "a block with other metadata has its own encoding");
        assertEquals(filtered, ProtoCodec.decodeBlock(withFilter));
    }
}
