package dev.ledgersim.ledger.blocks;

import dev.ledgersim.ledger.codec.CodecException;
import dev.ledgersim.ledger.codec.ProtoCodec;
import dev.ledgersim.ledger.protocol.Bytes;
import dev.ledgersim.ledger.protocol.ChannelHeader;
import dev.ledgersim.ledger.protocol.HeaderType;
import dev.ledgersim.ledger.protocol.SignatureHeader;
import dev.ledgersim.ledger.protocol.Transaction;
import dev.ledgersim.ledger.protocol.TransactionAction;
import dev.ledgersim.ledger.protocol.TxReadWriteSet;
import dev.ledgersim.ledger.validation.BlockValidation.ValidTx;
import dev.ledgersim.msp.MspException;
import dev.ledgersim.msp.SerializedIdentity;
import java.util.Optional;

/**
 * Reads back what a committed envelope says: its txid, creator MSP, chaincode and function for
 * display, and, for a transaction that was committed valid, its rw-set and timestamp for replay.
 * Tolerant: a malformed envelope yields empty fields rather than an exception.
 *
 * @param txId the txid, or empty
 * @param creatorMspId the creator's MSP id, or empty
 * @param chaincode the invoked chaincode, or empty
 * @param function the invoked function ({@code args[0]}), or empty
 * @param headerType the header type, or {@code null} when unreadable
 */
public record StoredTransaction(String txId, String creatorMspId, String chaincode, String function, HeaderType headerType) {

    private static final StoredTransaction UNREADABLE = new StoredTransaction("", "", "", "", null);

    /** The txid of {@code envelopeBytes} (its channel header's), or empty when unreadable; decodes nothing else. */
    public static String txIdOf(Bytes envelopeBytes) {
        ChannelHeader chdr = channelHeader(envelopeBytes);
        return chdr == null ? "" : chdr.txId();
    }

    /** The header type of {@code envelopeBytes}, or {@code null} when unreadable; decodes nothing else. */
    public static HeaderType headerTypeOf(Bytes envelopeBytes) {
        ChannelHeader chdr = channelHeader(envelopeBytes);
        return chdr == null ? null : chdr.headerType();
    }

    private static ChannelHeader channelHeader(Bytes envelopeBytes) {
        try {
            return ProtoCodec.decodeChannelHeader(
                    ProtoCodec.decodePayloadParts(ProtoCodec.decodeEnvelope(envelopeBytes).payload()).channelHeader());
        } catch (CodecException e) {
            return null;
        }
    }

    /** What {@code envelopeBytes} says, as far as it can be read. */
    public static StoredTransaction read(Bytes envelopeBytes) {
        try {
            ProtoCodec.PayloadParts payload = ProtoCodec.decodePayloadParts(ProtoCodec.decodeEnvelope(envelopeBytes).payload());
            ChannelHeader chdr = ProtoCodec.decodeChannelHeader(payload.channelHeader());
            SignatureHeader shdr = ProtoCodec.decodeSignatureHeader(payload.signatureHeader());
            String msp = "";
            try {
                msp = SerializedIdentity.fromBytes(shdr.creator().unsafeArray()).mspId();
            } catch (MspException e) {
                // an unreadable creator shows as no MSP
            }
            String chaincode = chdr.chaincodeId() == null ? "" : chdr.chaincodeId().name();
            String function = "";
            if (chdr.headerType() == HeaderType.ENDORSER_TRANSACTION) {
                try {
                    Transaction tx = ProtoCodec.decodeTransaction(payload.data());
                    if (!tx.actions().isEmpty()) {
                        var args = tx.actions().get(0).payload().chaincodeProposalPayload().input().args();
                        function = args.isEmpty() ? "" : args.get(0).toUtf8();
                    }
                } catch (CodecException e) {
                    // no function to show
                }
            }
            return new StoredTransaction(chdr.txId(), msp, chaincode, function, chdr.headerType());
        } catch (CodecException e) {
            return UNREADABLE;
        }
    }

    /**
     * The effects of a transaction that was committed valid: its rw-set and timestamp. Empty for
     * configuration transactions, which change no state.
     *
     * @throws IllegalStateException when a transaction marked valid cannot be decoded (the store is corrupt)
     */
    public static Optional<ValidTx> effects(long blockNumber, int txNum, Bytes envelopeBytes) {
        try {
            ProtoCodec.PayloadParts payload = ProtoCodec.decodePayloadParts(ProtoCodec.decodeEnvelope(envelopeBytes).payload());
            ChannelHeader chdr = ProtoCodec.decodeChannelHeader(payload.channelHeader());
            if (chdr.headerType() != HeaderType.ENDORSER_TRANSACTION) {
                return Optional.empty();
            }
            TransactionAction action = ProtoCodec.decodeTransaction(payload.data()).actions().get(0);
            Bytes prp = action.payload().action().proposalResponsePayload();
            Bytes results = ProtoCodec.decodeChaincodeActionParts(
                    ProtoCodec.decodeProposalResponsePayloadParts(prp).extension()).results();
            TxReadWriteSet rwset = ProtoCodec.decodeTxReadWriteSet(results);
            return Optional.of(new ValidTx(chdr.txId(), rwset, chdr.timestamp()));
        } catch (CodecException | IndexOutOfBoundsException e) {
            throw new IllegalStateException("transaction " + txNum + " of block " + blockNumber
                    + " is marked valid but cannot be decoded: " + e.getMessage(), e);
        }
    }
}
