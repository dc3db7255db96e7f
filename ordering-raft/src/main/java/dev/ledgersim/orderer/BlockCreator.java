package dev.ledgersim.orderer;

import dev.ledgersim.ledger.codec.Hashes;
import dev.ledgersim.ledger.protocol.Bytes;
import dev.ledgersim.ledger.protocol.Envelope;
import dev.ledgersim.ledger.protocol.ProtocolBlock;
import dev.ledgersim.msp.Identity;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The leader's block creator (etcdraft {@code blockcreator.go}): remembers the number and header hash
 * of the last block it <em>created</em>, which runs ahead of the last block committed while blocks are
 * in flight, so consecutive proposals chain to each other. Made afresh, from the last committed block,
 * each time a node starts serving as leader; dropped when it stops. Package-private, not thread-safe.
 */
final class BlockCreator {

    private static final Bytes NONCE_LABEL = Bytes.utf8("ledgersim/orderer/block-signature-nonce");
    private static final int NONCE_BYTES = 24;

    private final String channelId;
    private final Identity signer;
    private long nextNumber;
    private Bytes previousHash;
    private long lastConfigIndex;

    BlockCreator(String channelId, Identity signer, long nextNumber, Bytes previousHash, long lastConfigIndex) {
        this.channelId = channelId;
        this.signer = signer;
        this.nextNumber = nextNumber;
        this.previousHash = previousHash;
        this.lastConfigIndex = lastConfigIndex;
    }

    long nextNumber() {
        return nextNumber;
    }

    /** The next block holding {@code batch}; call {@link #created} once it is proposed. */
    ProtocolBlock create(List<Envelope> batch, boolean config, Bytes consenterMetadata) {
        long lastConfig = config ? nextNumber : lastConfigIndex;
        return OrdererBlocks.create(nextNumber, previousHash, batch, lastConfig, consenterMetadata, signer,
                nonce(nextNumber));
    }

    /** {@code block} was proposed: the next one chains to it. */
    void created(ProtocolBlock block, boolean config) {
        previousHash = Hashes.blockHeaderHash(block.header());
        if (config) {
            lastConfigIndex = block.number();
        }
        nextNumber = block.number() + 1;
    }

    /**
     * The signature header nonce: derived, not drawn, so that block bytes depend only on the seed and the
     * order of events: the first 24 bytes of SHA-256(label || channel || signer || number). (Fabric draws
     * 24 random bytes; a nonce only has to make the signed header unique, which the number does.)
     */
    private Bytes nonce(long number) {
        Bytes digest = Hashes.sha256(NONCE_LABEL, Bytes.wrap(channelId.getBytes(StandardCharsets.UTF_8)),
                Bytes.wrap(signer.serialize()), Bytes.wrap(ByteBuffer.allocate(8).putLong(number).array()));
        return Bytes.wrap(Arrays.copyOf(digest.unsafeArray(), NONCE_BYTES));
    }
}
