package dev.ledgersim.ledger.validation;

import dev.ledgersim.ledger.TxValidationCode;
import dev.ledgersim.ledger.codec.CodecException;
import dev.ledgersim.ledger.codec.Hashes;
import dev.ledgersim.ledger.codec.ProtoCodec;
import dev.ledgersim.ledger.codec.ProtoCodec.ChaincodeActionParts;
import dev.ledgersim.ledger.codec.ProtoCodec.PayloadParts;
import dev.ledgersim.ledger.codec.ProtoCodec.ProposalResponsePayloadParts;
import dev.ledgersim.ledger.protocol.Bytes;
import dev.ledgersim.ledger.protocol.ChaincodeEvent;
import dev.ledgersim.ledger.protocol.ChaincodeId;
import dev.ledgersim.ledger.protocol.ChannelHeader;
import dev.ledgersim.ledger.protocol.Endorsement;
import dev.ledgersim.ledger.protocol.Envelope;
import dev.ledgersim.ledger.protocol.HeaderType;
import dev.ledgersim.ledger.protocol.NsReadWriteSet;
import dev.ledgersim.ledger.protocol.ProtocolBlock;
import dev.ledgersim.ledger.protocol.SignatureHeader;
import dev.ledgersim.ledger.protocol.Timestamp;
import dev.ledgersim.ledger.protocol.Transaction;
import dev.ledgersim.ledger.protocol.TransactionAction;
import dev.ledgersim.ledger.protocol.TxReadWriteSet;
import dev.ledgersim.ledger.tx.Transactions;
import dev.ledgersim.msp.Identity;
import dev.ledgersim.msp.MspException;
import dev.ledgersim.msp.MspManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Validates the transactions of a block with Fabric's v2 committer stages (FABRIC.md §1.3), the first
 * failing stage deciding each transaction's code:
 * <ol>
 *   <li><b>A — per transaction, in parallel</b> on the given executor: envelope and payload decoding,
 *       common header checks (type, epoch, nonce, creator), creator deserialization, MSP validation and
 *       signature, txid = hex(SHA-256(nonce || creator)), endorser-transaction structure and proposal
 *       hash, channel, duplicate txid in the ledger, then the dispatcher's checks (response payload,
 *       rw-set, chaincode ids, event, duplicate namespaces) and the verification of every endorsement
 *       signature over {@code proposalResponsePayload || endorser};</li>
 *   <li><b>B — in block order</b>: endorsement policies per written namespace, collection and key
 *       ({@link EndorsementPolicyValidator}, with the in-block dependency rule of key-level policies);</li>
 *   <li>duplicate txids within the block: among valid transactions, every copy after the first;</li>
 *   <li><b>C — in block order</b>: MVCC and phantom validation ({@link MvccValidator}).</li>
 * </ol>
 * Stage A is a pure function of the transaction bytes, the channel's MSPs and the ledger's txid index,
 * so running it on several threads gives exactly the result of running it on one; results are merged in
 * block order. Configuration transactions are checked for shape and left to the channel's owner.
 *
 * <p>Deviations from Fabric, all in how a malformed transaction is classified, never in whether it is
 * valid: an empty envelope is {@code NIL_ENVELOPE} (Fabric marks it valid and then fails on it), and a
 * malformed chaincode header extension is {@code BAD_COMMON_HEADER} (LedgerSim decodes the extension
 * with the channel header).
 */
public final class BlockValidator {

    private final String channelId;
    private final MspManager msps;
    private final NamespacePolicies policies;
    /** Transactions per stage-A task: enough to make a task's hand-over cost small beside its work. */
    private static final int SCREENING_CHUNK = 8;

    private final Executor executor;
    private final int rank;
    private final int validators;

    /**
     * A validator for {@code channelId}.
     *
     * @param msps the channel's MSPs
     * @param policies the committed chaincode definitions
     * @param executor runs stage A, in tasks of a few transactions each; {@code Runnable::run} for one thread
     */
    public BlockValidator(String channelId, MspManager msps, NamespacePolicies policies, Executor executor) {
        this(channelId, msps, policies, executor, 0, 1);
    }

    /**
     * A validator that is number {@code rank} of {@code validators} validating the same blocks at the same
     * time (the peers of one simulated network), and starts stage A at transaction
     * {@code rank * size / validators}, wrapping around. Results are the same from any start; when the
     * network verifies each distinct signature once ({@code Crypto.withSharedVerification}), peers that
     * start at different transactions verify different signatures and then find each other's results,
     * instead of all waiting on the same verification.
     *
     * @throws IllegalArgumentException unless {@code 0 <= rank < validators}
     */
    public BlockValidator(String channelId, MspManager msps, NamespacePolicies policies, Executor executor,
                          int rank, int validators) {
        this.channelId = Objects.requireNonNull(channelId, "channelId");
        this.msps = Objects.requireNonNull(msps, "msps");
        this.policies = Objects.requireNonNull(policies, "policies");
        this.executor = Objects.requireNonNull(executor, "executor");
        if (validators < 1 || rank < 0 || rank >= validators) {
            throw new IllegalArgumentException("validator rank must be in [0, " + validators + "), got " + rank);
        }
        this.rank = rank;
        this.validators = validators;
    }

    /** The outcome of stage A for one transaction: a final failure, or what the later stages need. */
    private record Screened(int txNum, String txId, TxValidationResult failure, HeaderType type,
                            String invokedChaincode, TxReadWriteSet rwset, Timestamp timestamp,
                            List<Identity> endorsers) {
    }

    /** Validates {@code block} against {@code state}, the committed ledger before this block. */
    public BlockValidation validate(ProtocolBlock block, CommittedState state) {
        List<Bytes> data = block.data();
        int size = data.size();
        Screened[] screenedByTxNum = new Screened[size];
        int start = (int) ((long) rank * size / validators);
        List<CompletableFuture<Void>> parts = new ArrayList<>(size / SCREENING_CHUNK + 1);
        for (int from = 0; from < size; from += SCREENING_CHUNK) {
            int first = from;
            int end = Math.min(size, from + SCREENING_CHUNK);
            parts.add(CompletableFuture.runAsync(() -> {
                for (int i = first; i < end; i++) {
                    int txNum = (start + i) % size;
                    screenedByTxNum[txNum] = screen(txNum, data.get(txNum), state);
                }
            }, executor));
        }
        for (CompletableFuture<Void> part : parts) {
            part.join(); // also makes the part's writes to screenedByTxNum visible here
        }
        List<Screened> screened = Arrays.asList(screenedByTxNum);

        TxValidationResult[] results = new TxValidationResult[data.size()];
        EndorsementPolicyValidator policyStage = new EndorsementPolicyValidator(policies, state);
        for (Screened tx : screened) {
            if (tx.failure() != null) {
                results[tx.txNum()] = tx.failure();
            } else if (tx.type() == HeaderType.ENDORSER_TRANSACTION) {
                results[tx.txNum()] = policyStage.validate(tx.txNum(), tx.txId(), tx.invokedChaincode(), tx.rwset(),
                        tx.endorsers());
            } else {
                results[tx.txNum()] = new TxValidationResult(tx.txNum(), tx.txId(), TxValidationCode.VALID, "");
            }
        }

        Map<String, Integer> firstValid = new HashMap<>();
        for (TxValidationResult result : results) {
            if (result.isValid() && !result.txId().isEmpty()) {
                Integer first = firstValid.putIfAbsent(result.txId(), result.txNum());
                if (first != null) {
                    results[result.txNum()] = new TxValidationResult(result.txNum(), result.txId(),
                            TxValidationCode.DUPLICATE_TXID, "txid " + result.txId()
                            + " is also used by transaction " + first + " earlier in this block");
                }
            }
        }

        MvccValidator mvcc = new MvccValidator(state, block.number());
        List<BlockValidation.ValidTx> valid = new ArrayList<>(data.size());
        for (Screened tx : screened) {
            TxValidationResult result = results[tx.txNum()];
            if (result.isValid() && tx.rwset() != null) {
                result = mvcc.validate(tx.txNum(), tx.txId(), tx.rwset());
                results[tx.txNum()] = result;
            }
            valid.add(result.isValid() && tx.rwset() != null
                    ? new BlockValidation.ValidTx(tx.txId(), tx.rwset(), tx.timestamp()) : null);
        }
        return new BlockValidation(block.number(), List.of(results), valid);
    }

    private Screened screen(int txNum, Bytes envelopeBytes, CommittedState state) {
        if (envelopeBytes.isEmpty()) {
            return fail(txNum, "", TxValidationCode.NIL_ENVELOPE, "the envelope is empty");
        }
        Envelope envelope;
        try {
            envelope = ProtoCodec.decodeEnvelope(envelopeBytes);
        } catch (CodecException e) {
            return fail(txNum, "", TxValidationCode.INVALID_OTHER_REASON, "the envelope cannot be decoded: " + e.getMessage());
        }
        PayloadParts payload;
        try {
            payload = ProtoCodec.decodePayloadParts(envelope.payload());
        } catch (CodecException e) {
            return fail(txNum, "", TxValidationCode.BAD_PAYLOAD, "the payload cannot be decoded: " + e.getMessage());
        }
        ChannelHeader chdr;
        SignatureHeader shdr;
        try {
            chdr = ProtoCodec.decodeChannelHeader(payload.channelHeader());
            shdr = ProtoCodec.decodeSignatureHeader(payload.signatureHeader());
        } catch (CodecException e) {
            return fail(txNum, "", TxValidationCode.BAD_COMMON_HEADER, "the header cannot be decoded: " + e.getMessage());
        }
        String txId = chdr.txId();
        HeaderType type = chdr.headerType();
        if (type != HeaderType.ENDORSER_TRANSACTION && type != HeaderType.CONFIG && type != HeaderType.CONFIG_UPDATE) {
            return fail(txNum, txId, TxValidationCode.BAD_COMMON_HEADER, "header type " + chdr.type()
                    + " is not ENDORSER_TRANSACTION, CONFIG or CONFIG_UPDATE");
        }
        if (chdr.epoch() != 0) {
            return fail(txNum, txId, TxValidationCode.BAD_COMMON_HEADER, "epoch is " + chdr.epoch() + ", must be 0");
        }
        if (shdr.nonce().isEmpty()) {
            return fail(txNum, txId, TxValidationCode.BAD_COMMON_HEADER, "the nonce is empty");
        }
        if (shdr.creator().isEmpty()) {
            return fail(txNum, txId, TxValidationCode.BAD_COMMON_HEADER, "the creator is empty");
        }
        Identity creator;
        try {
            Bytes who = shdr.creator();
            creator = msps.deserialize(who.unsafeBackingArray(), who.backingOffset(), who.size());
            msps.validate(creator);
        } catch (MspException e) {
            return fail(txNum, txId, TxValidationCode.BAD_CREATOR_SIGNATURE, "creator refused: " + e.getMessage());
        }
        if (!Transactions.signatureVerifies(creator, envelope.payload(), envelope.signature())) {
            return fail(txNum, txId, TxValidationCode.BAD_CREATOR_SIGNATURE,
                    "the signature of " + creator + " over the payload does not verify");
        }
        return switch (type) {
            case ENDORSER_TRANSACTION -> screenEndorserTransaction(txNum, chdr, shdr, payload.data(), state);
            case CONFIG -> payload.data().isEmpty()
                    ? fail(txNum, txId, TxValidationCode.INVALID_CONFIG_TRANSACTION, "the config transaction has no data")
                    : channelCheck(txNum, chdr, new Screened(txNum, txId, null, type, null, null, chdr.timestamp(), List.of()));
            default -> fail(txNum, txId, TxValidationCode.UNSUPPORTED_TX_PAYLOAD,
                    "payload type " + type + " cannot be committed");
        };
    }

    private Screened channelCheck(int txNum, ChannelHeader chdr, Screened ok) {
        if (!chdr.channelId().equals(channelId)) {
            return fail(txNum, chdr.txId(), TxValidationCode.TARGET_CHAIN_NOT_FOUND,
                    "channel '" + chdr.channelId() + "' is not this ledger's channel '" + channelId + "'");
        }
        return ok;
    }

    private Screened screenEndorserTransaction(int txNum, ChannelHeader chdr, SignatureHeader shdr, Bytes data,
                                               CommittedState state) {
        String txId = chdr.txId();
        String expected = Hashes.txId(shdr.nonce(), shdr.creator());
        if (!expected.equals(txId)) {
            return fail(txNum, txId, TxValidationCode.BAD_PROPOSAL_TXID,
                    "txid " + txId + " is not hex(SHA-256(nonce || creator)) = " + expected);
        }
        TransactionAction action;
        ProposalResponsePayloadParts prp;
        Bytes prpBytes;
        try {
            Transaction transaction = ProtoCodec.decodeTransaction(data);
            if (transaction.actions().size() != 1) {
                return fail(txNum, txId, TxValidationCode.INVALID_ENDORSER_TRANSACTION,
                        "an endorser transaction needs exactly 1 action, found " + transaction.actions().size());
            }
            action = transaction.actions().get(0);
            if (action.header().nonce().isEmpty() || action.header().creator().isEmpty()) {
                return fail(txNum, txId, TxValidationCode.INVALID_ENDORSER_TRANSACTION,
                        "the action's signature header lacks a nonce or a creator");
            }
            prpBytes = action.payload().action().proposalResponsePayload();
            prp = ProtoCodec.decodeProposalResponsePayloadParts(prpBytes);
        } catch (CodecException e) {
            return fail(txNum, txId, TxValidationCode.INVALID_ENDORSER_TRANSACTION,
                    "the transaction cannot be decoded: " + e.getMessage());
        }
        Bytes proposalHash = Hashes.proposalHash(chdr, action.header(), action.payload().chaincodeProposalPayload());
        if (!proposalHash.equals(prp.proposalHash())) {
            return fail(txNum, txId, TxValidationCode.INVALID_ENDORSER_TRANSACTION,
                    "the endorsed proposal hash does not match this transaction's proposal");
        }
        if (!chdr.channelId().equals(channelId)) {
            return fail(txNum, txId, TxValidationCode.TARGET_CHAIN_NOT_FOUND,
                    "channel '" + chdr.channelId() + "' is not this ledger's channel '" + channelId + "'");
        }
        if (state.txIdExists(txId)) {
            return fail(txNum, txId, TxValidationCode.DUPLICATE_TXID, "txid " + txId + " is already in the ledger");
        }

        // The plugin dispatcher's checks.
        ChaincodeActionParts ccAction;
        try {
            ccAction = ProtoCodec.decodeChaincodeActionParts(prp.extension());
        } catch (CodecException e) {
            return fail(txNum, txId, TxValidationCode.BAD_RESPONSE_PAYLOAD,
                    "the chaincode action cannot be decoded: " + e.getMessage());
        }
        TxReadWriteSet rwset;
        try {
            rwset = ProtoCodec.decodeTxReadWriteSet(ccAction.results());
        } catch (CodecException e) {
            return fail(txNum, txId, TxValidationCode.BAD_RWSET, "the read-write set cannot be decoded: " + e.getMessage());
        }
        ChaincodeId headerCc = chdr.chaincodeId();
        if (headerCc == null || ccAction.chaincodeId() == null) {
            return fail(txNum, txId, TxValidationCode.INVALID_OTHER_REASON, "the chaincode id is missing");
        }
        String invoked = headerCc.name();
        if (invoked.isEmpty() || !invoked.equals(ccAction.chaincodeId().name())
                || ccAction.chaincodeId().version().isEmpty()) {
            return fail(txNum, txId, TxValidationCode.INVALID_CHAINCODE, "chaincode '" + invoked
                    + "' of the header does not match the endorsed chaincode '" + ccAction.chaincodeId().name()
                    + "' version '" + ccAction.chaincodeId().version() + "'");
        }
        if (!ccAction.events().isEmpty()) {
            try {
                ChaincodeEvent event = ProtoCodec.decodeChaincodeEvent(ccAction.events());
                if (!event.chaincodeId().equals(invoked)) {
                    return fail(txNum, txId, TxValidationCode.INVALID_OTHER_REASON,
                            "the event names chaincode '" + event.chaincodeId() + "', not the invoked '" + invoked + "'");
                }
            } catch (CodecException e) {
                return fail(txNum, txId, TxValidationCode.INVALID_OTHER_REASON,
                        "the chaincode event cannot be decoded: " + e.getMessage());
            }
        }
        Set<String> namespaces = new HashSet<>();
        for (NsReadWriteSet ns : rwset.nsRwSets()) {
            if (!namespaces.add(ns.namespace())) {
                return fail(txNum, txId, TxValidationCode.ILLEGAL_WRITESET,
                        "namespace '" + ns.namespace() + "' appears twice in the read-write set");
            }
        }
        List<Identity> endorsers = verifiedEndorsers(prpBytes, action.payload().action().endorsements());
        return new Screened(txNum, txId, null, HeaderType.ENDORSER_TRANSACTION, invoked, rwset, chdr.timestamp(), endorsers);
    }

    /**
     * The endorsers whose identity deserializes, is valid, and whose signature over
     * {@code prp || endorser} verifies; an identity is kept once (Fabric de-duplicates before verifying).
     */
    private List<Identity> verifiedEndorsers(Bytes prpBytes, List<Endorsement> endorsements) {
        Set<Identity> seen = new LinkedHashSet<>();
        List<Identity> verified = new ArrayList<>(endorsements.size());
        for (Endorsement endorsement : endorsements) {
            Identity endorser;
            try {
                endorser = msps.deserialize(endorsement.endorser().unsafeBackingArray(), endorsement.endorser().backingOffset(),
                        endorsement.endorser().size());
            } catch (MspException e) {
                continue;
            }
            if (!seen.add(endorser)) {
                continue;
            }
            if (!Transactions.endorsementVerifies(endorser, prpBytes, endorsement)) {
                continue;
            }
            try {
                msps.validate(endorser);
            } catch (MspException e) {
                continue;
            }
            verified.add(endorser);
        }
        return verified;
    }


    private static Screened fail(int txNum, String txId, TxValidationCode code, String detail) {
        return new Screened(txNum, txId, new TxValidationResult(txNum, txId, code, detail), null, null, null, null, List.of());
    }
}
