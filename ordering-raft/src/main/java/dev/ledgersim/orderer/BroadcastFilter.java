package dev.ledgersim.orderer;

import dev.ledgersim.ledger.codec.CodecException;
import dev.ledgersim.ledger.codec.ProtoCodec;
import dev.ledgersim.ledger.protocol.Bytes;
import dev.ledgersim.ledger.protocol.ChannelHeader;
import dev.ledgersim.ledger.protocol.Envelope;
import dev.ledgersim.ledger.protocol.HeaderType;
import dev.ledgersim.ledger.protocol.SignatureHeader;
import dev.ledgersim.ledger.tx.Transactions;
import dev.ledgersim.msp.Identity;
import dev.ledgersim.msp.Msp;
import dev.ledgersim.msp.MspException;
import dev.ledgersim.msp.MspManager;
import dev.ledgersim.msp.policy.Policy;
import java.time.Instant;
import java.util.List;

/**
 * The checks an orderer runs on a broadcast envelope before ordering it (Fabric's broadcast handler and
 * {@code msgprocessor} standard channel filters, FABRIC.md §7.2), in this order:
 * <ol>
 *   <li>{@code EmptyRejectRule}: empty payload → 400;</li>
 *   <li>{@code MaxBytesRule}: {@code len(payload) + len(signature) > AbsoluteMaxBytes} → 400;</li>
 *   <li>payload, channel header and signature header decode → else 400; a CONFIG_UPDATE → 400 (LedgerSim
 *       orders CONFIG envelopes but has no config-update processor);</li>
 *   <li>channel id is this channel → else 404;</li>
 *   <li>{@code expirationRejectRule}: the creator's certificate has not expired at {@code now} → else 400
 *       "broadcast client identity expired";</li>
 *   <li>{@code SigFilter}: the creator deserializes and validates with the channel's MSPs (chain,
 *       revocation, NodeOU), the envelope signature verifies, and the creator satisfies the channel's
 *       Writers policy → else 403 (Fabric evaluates all three inside the policy and reports any failure
 *       as permission denied).</li>
 * </ol>
 * No txid, endorsement or rw-set check, as in Fabric. Package-private; stateless.
 */
final class BroadcastFilter {

    /** Fabric's {@code msgprocessor.ErrEmptyMessage}. */
    static final String EMPTY_MESSAGE = "Message was empty";
    /** Fabric's expiration rule message. */
    static final String EXPIRED = "broadcast client identity expired";

    /** The outcome: a refusal, or acceptance with the envelope's classification. */
    sealed interface Verdict {
        /** Accepted; {@code config} when it is a CONFIG envelope (ordered alone in a block). */
        record Accept(boolean config) implements Verdict {
        }

        /** Refused with {@code response}. */
        record Refuse(BroadcastResponse response) implements Verdict {
        }
    }

    private BroadcastFilter() {
    }

    static Verdict check(Envelope env, String channelId, BatchConfig batch, MspManager msps, Policy writers, Instant now) {
        if (env.payload().isEmpty()) {
            return bad(EMPTY_MESSAGE);
        }
        long size = BlockCutter.messageSize(env);
        if (size > batch.absoluteMaxBytes()) {
            return bad(String.format("message payload is %d bytes and exceeds maximum allowed %d bytes",
                    size, batch.absoluteMaxBytes()));
        }
        ChannelHeader chdr;
        SignatureHeader shdr;
        try {
            ProtoCodec.PayloadParts parts = ProtoCodec.decodePayloadParts(env.payload());
            chdr = ProtoCodec.decodeChannelHeader(parts.channelHeader());
            shdr = ProtoCodec.decodeSignatureHeader(parts.signatureHeader());
        } catch (CodecException e) {
            return bad("bad header: " + e.getMessage());
        }
        if (chdr.headerType() == HeaderType.CONFIG_UPDATE) {
            return bad("CONFIG_UPDATE messages are not supported: this orderer has no config update processor; "
                    + "submit the resulting CONFIG envelope");
        }
        if (!chdr.channelId().equals(channelId)) {
            return new Verdict.Refuse(BroadcastResponse.refused(BroadcastResponse.Status.NOT_FOUND,
                    "channel '" + chdr.channelId() + "' does not exist (this orderer serves '" + channelId + "' here)"));
        }
        Identity creator;
        MspException unreadable = null;
        try {
            Bytes who = shdr.creator();
            creator = msps.deserialize(who.unsafeBackingArray(), who.backingOffset(), who.size());
        } catch (MspException e) {
            creator = null;
            unreadable = e;
        }
        if (creator != null) {
            try {
                Msp.checkNotExpired(creator, now);
            } catch (MspException e) {
                return bad(EXPIRED + ": " + e.getMessage());
            }
        }
        if (creator == null) {
            return forbidden("the creator cannot be deserialized: " + unreadable.getMessage());
        }
        try {
            msps.validate(creator);
        } catch (MspException e) {
            return forbidden("the creator is not a valid identity of the channel: " + e.getMessage());
        }
        if (!Transactions.signatureVerifies(creator, env.payload(), env.signature())) {
            return forbidden("the envelope signature does not verify with the certificate of " + creator);
        }
        if (!writers.isSatisfiedBy(List.of(creator))) {
            return forbidden("the creator " + creator + " does not satisfy the channel Writers policy: "
                    + writers.evaluate(List.of(creator)).explain());
        }
        return new Verdict.Accept(chdr.headerType() == HeaderType.CONFIG);
    }

    /** Whether an (already accepted) envelope is a CONFIG envelope; false if it cannot be read. */
    static boolean isConfig(Envelope env) {
        try {
            ProtoCodec.PayloadParts parts = ProtoCodec.decodePayloadParts(env.payload());
            return ProtoCodec.decodeChannelHeader(parts.channelHeader()).headerType() == HeaderType.CONFIG;
        } catch (CodecException e) {
            return false;
        }
    }

    /** The channel an envelope names, or {@code null} when its payload cannot be read that far. */
    static String channelOf(Envelope env) {
        try {
            ProtoCodec.PayloadParts parts = ProtoCodec.decodePayloadParts(env.payload());
            return ProtoCodec.decodeChannelHeader(parts.channelHeader()).channelId();
        } catch (CodecException e) {
            return null;
        }
    }

    private static Verdict bad(String info) {
        return new Verdict.Refuse(BroadcastResponse.refused(BroadcastResponse.Status.BAD_REQUEST, info));
    }

    private static Verdict forbidden(String detail) {
        return new Verdict.Refuse(BroadcastResponse.refused(BroadcastResponse.Status.FORBIDDEN,
                "permission denied: " + detail));
    }
}
