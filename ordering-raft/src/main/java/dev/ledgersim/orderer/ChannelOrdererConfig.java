package dev.ledgersim.orderer;

import dev.ledgersim.ledger.protocol.ProtocolBlock;
import dev.ledgersim.msp.Identity;
import dev.ledgersim.msp.MspException;
import dev.ledgersim.msp.MspManager;
import dev.ledgersim.msp.Role;
import dev.ledgersim.msp.policy.Policy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * Everything one orderer needs to serve one channel, validated on construction.
 *
 * @param channelId the channel, as Fabric names channels: {@code [a-z][a-z0-9.-]*}, under 250 characters
 * @param nodeName this orderer's name; must be one of the consenters
 * @param signer this orderer's signing identity (role orderer): it signs the blocks it creates as leader
 * @param consenters the channel's Raft group, sorted by Raft id on construction; ids and names distinct
 * @param batch the channel's BatchSize and BatchTimeout
 * @param raft the channel's etcdraft options
 * @param msps the channel's MSPs: broadcast creators must deserialize and validate with them
 * @param writers the channel's {@code /Channel/Writers} policy, which a broadcast creator must satisfy
 * @param random this node's seeded source for Raft's randomised election timeouts (not shared with
 *     other nodes, for reproducible runs)
 * @param genesisBlock the channel's genesis block, appended to an empty block store on first start (so
 *     that ordered blocks chain to the genesis peers hold); without one, the first ordered block is 0
 * @param submitQueueCapacity how many accepted envelopes a leader holds while it cannot order them
 *     (back-pressure, or just elected); beyond it, broadcast answers SERVICE_UNAVAILABLE
 */
public record ChannelOrdererConfig(String channelId, String nodeName, Identity signer, List<Consenter> consenters,
                                   BatchConfig batch, RaftOptions raft, MspManager msps, Policy writers,
                                   RandomGenerator random, Optional<ProtocolBlock> genesisBlock,
                                   int submitQueueCapacity) {

    /** Fabric's channel name rule ({@code configtx.ValidateChannelID}). */
    private static final Pattern CHANNEL_ID = Pattern.compile("[a-z][a-z0-9.-]*");

    /** The default {@link #submitQueueCapacity}. */
    public static final int DEFAULT_SUBMIT_QUEUE_CAPACITY = 10_000;

    /** Validates and copies. */
    public ChannelOrdererConfig {
        Objects.requireNonNull(channelId, "channelId");
        Objects.requireNonNull(nodeName, "nodeName");
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(consenters, "consenters");
        Objects.requireNonNull(batch, "batch");
        Objects.requireNonNull(raft, "raft");
        Objects.requireNonNull(msps, "msps");
        Objects.requireNonNull(writers, "writers");
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(genesisBlock, "genesisBlock");
        if (!CHANNEL_ID.matcher(channelId).matches() || channelId.length() >= 250) {
            throw new IllegalArgumentException("invalid channel id '" + channelId
                    + "': use lower-case letters, digits, '.' and '-', starting with a letter, under 250 characters");
        }
        if (!signer.canSign()) {
            throw new IllegalArgumentException("the orderer identity " + signer + " cannot sign (no private key)");
        }
        Role role;
        try {
            role = signer.role();
        } catch (MspException e) {
            throw new IllegalArgumentException("the orderer identity has no single NodeOU role: " + e.getMessage(), e);
        }
        if (role != Role.ORDERER) {
            throw new IllegalArgumentException("the orderer identity " + signer + " has role " + role.label()
                    + ", an orderer signs blocks with an orderer identity");
        }
        if (consenters.isEmpty()) {
            throw new IllegalArgumentException("a channel needs at least one consenter");
        }
        List<Consenter> sorted = new ArrayList<>(consenters);
        sorted.sort(Comparator.comparingLong(Consenter::raftId));
        Set<Long> ids = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (Consenter c : sorted) {
            if (!ids.add(c.raftId())) {
                throw new IllegalArgumentException("consenter raft id " + c.raftId() + " is given twice");
            }
            if (!names.add(c.name())) {
                throw new IllegalArgumentException("consenter " + c.name() + " is given twice");
            }
        }
        consenters = List.copyOf(sorted);
        if (!names.contains(nodeName)) {
            throw new IllegalArgumentException("orderer " + nodeName + " is not a consenter of channel " + channelId
                    + " (consenters: " + consenters + ")");
        }
        if (submitQueueCapacity < 1) {
            throw new IllegalArgumentException("submitQueueCapacity must be >= 1, was " + submitQueueCapacity);
        }
        if (genesisBlock.isPresent() && genesisBlock.get().number() != 0) {
            throw new IllegalArgumentException("the genesis block must be block 0, was " + genesisBlock.get().number());
        }
    }

    /**
     * Fabric's defaults ({@link BatchConfig#defaults()}, {@link RaftOptions#defaults()}), no genesis block,
     * a submit queue of {@value #DEFAULT_SUBMIT_QUEUE_CAPACITY} envelopes.
     */
    public static ChannelOrdererConfig defaults(String channelId, String nodeName, Identity signer,
                                                List<Consenter> consenters, MspManager msps, Policy writers,
                                                RandomGenerator random) {
        return new ChannelOrdererConfig(channelId, nodeName, signer, consenters, BatchConfig.defaults(),
                RaftOptions.defaults(), msps, writers, random, Optional.empty(), DEFAULT_SUBMIT_QUEUE_CAPACITY);
    }

    /** This configuration with other batch settings. */
    public ChannelOrdererConfig withBatch(BatchConfig newBatch) {
        return new ChannelOrdererConfig(channelId, nodeName, signer, consenters, newBatch, raft, msps, writers, random,
                genesisBlock, submitQueueCapacity);
    }

    /** This configuration with other Raft options. */
    public ChannelOrdererConfig withRaft(RaftOptions newRaft) {
        return new ChannelOrdererConfig(channelId, nodeName, signer, consenters, batch, newRaft, msps, writers, random,
                genesisBlock, submitQueueCapacity);
    }

    /** This configuration with a genesis block. */
    public ChannelOrdererConfig withGenesisBlock(ProtocolBlock genesis) {
        return new ChannelOrdererConfig(channelId, nodeName, signer, consenters, batch, raft, msps, writers, random,
                Optional.of(genesis), submitQueueCapacity);
    }

    /** This configuration with another submit queue capacity. */
    public ChannelOrdererConfig withSubmitQueueCapacity(int capacity) {
        return new ChannelOrdererConfig(channelId, nodeName, signer, consenters, batch, raft, msps, writers, random,
                genesisBlock, capacity);
    }

    /** This configuration with other MSPs and Writers policy (e.g. after a CRL update). */
    public ChannelOrdererConfig withMembership(MspManager newMsps, Policy newWriters) {
        return new ChannelOrdererConfig(channelId, nodeName, signer, consenters, batch, raft, newMsps, newWriters, random,
                genesisBlock, submitQueueCapacity);
    }

    /** This node's Raft id. */
    public long raftId() {
        return consenters.stream().filter(c -> c.name().equals(nodeName)).findFirst().orElseThrow().raftId();
    }

    /** The Raft ids of the consenters, sorted. */
    public SortedSet<Long> raftIds() {
        TreeSet<Long> ids = new TreeSet<>();
        consenters.forEach(c -> ids.add(c.raftId()));
        return ids;
    }

    /** The name of the consenter with Raft id {@code raftId}, if any. */
    public Optional<String> consenterName(long raftId) {
        return consenters.stream().filter(c -> c.raftId() == raftId).map(Consenter::name).findFirst();
    }

    /** The Raft id of the consenter named {@code name}, if any. */
    public Optional<Long> consenterId(String name) {
        return consenters.stream().filter(c -> c.name().equals(name)).map(Consenter::raftId).findFirst();
    }
}
