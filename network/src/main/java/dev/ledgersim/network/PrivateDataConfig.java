package dev.ledgersim.network;

import java.time.Duration;
import java.util.Objects;

/**
 * How peers move private data (Fabric's {@code peer.gossip.pvtData} settings, FABRIC.md §6.2–6.3):
 * dissemination at endorsement, pulling at commit, reconciliation afterwards and transient store
 * retention. Set with {@code LedgerSim.builder().privateData(PrivateDataConfig.defaults().with...)}.
 *
 * @param pushAckTimeout how long an endorser waits for the acknowledgements of the required pushes
 *     (Fabric {@code pushAckTimeout}, 3 s)
 * @param pullRetryThreshold how long a committing member peer keeps pulling private data it lacks
 *     before it commits the block without it and records it as missing (Fabric
 *     {@code pullRetryThreshold} is 60 s; the default here is 5 s of simulated time)
 * @param pullRetryInterval how often the pull is retried within {@code pullRetryThreshold}
 * @param reconciliationEnabled whether peers fetch missing private data in the background
 *     (Fabric {@code reconciliationEnabled}, true)
 * @param reconcileInterval how often the reconciler runs (Fabric {@code reconcileSleepInterval} is
 *     1 min; the default here is 5 s)
 * @param reconcileBatchSize how many missing entries one reconciliation round asks for (Fabric 10)
 * @param transientBlockRetention blocks after which uncommitted transient data is dropped (Fabric
 *     {@code transientstoreMaxBlockRetention}, 1000)
 * @param implicitCollectionRequiredPeerCount the requiredPeerCount of a peer's own organisation's
 *     implicit collection (Fabric {@code implicitCollectionDisseminationPolicy}, 0)
 * @param implicitCollectionMaxPeerCount its maxPeerCount (Fabric 1)
 */
public record PrivateDataConfig(Duration pushAckTimeout, Duration pullRetryThreshold, Duration pullRetryInterval,
                                boolean reconciliationEnabled, Duration reconcileInterval, int reconcileBatchSize,
                                long transientBlockRetention, int implicitCollectionRequiredPeerCount,
                                int implicitCollectionMaxPeerCount) {

    /**
     * Validates.
     *
     * @throws IllegalArgumentException naming the setting that is out of range
     */
    public PrivateDataConfig {
        positive(pushAckTimeout, "pushAckTimeout");
        Objects.requireNonNull(pullRetryThreshold, "pullRetryThreshold");
        if (pullRetryThreshold.isNegative()) {
            throw new IllegalArgumentException("pullRetryThreshold must not be negative, got " + pullRetryThreshold);
        }
        positive(pullRetryInterval, "pullRetryInterval");
        positive(reconcileInterval, "reconcileInterval");
        if (reconcileBatchSize < 1) {
            throw new IllegalArgumentException("reconcileBatchSize must be at least 1, got " + reconcileBatchSize);
        }
        if (transientBlockRetention < 1) {
            throw new IllegalArgumentException("transientBlockRetention must be at least 1 block, got " + transientBlockRetention);
        }
        if (implicitCollectionRequiredPeerCount < 0) {
            throw new IllegalArgumentException("implicitCollectionRequiredPeerCount (" + implicitCollectionRequiredPeerCount
                    + ") cannot be less than zero");
        }
        if (implicitCollectionMaxPeerCount < implicitCollectionRequiredPeerCount) {
            throw new IllegalArgumentException("implicitCollectionMaxPeerCount (" + implicitCollectionMaxPeerCount
                    + ") cannot be less than implicitCollectionRequiredPeerCount (" + implicitCollectionRequiredPeerCount + ")");
        }
    }

    /** Fabric's sampleconfig values, except the shorter pull threshold and reconcile interval noted above. */
    public static PrivateDataConfig defaults() {
        return new PrivateDataConfig(Duration.ofSeconds(3), Duration.ofSeconds(5), Duration.ofSeconds(1), true,
                Duration.ofSeconds(5), 10, 1000, 0, 1);
    }

    /** With {@code pushAckTimeout}. */
    public PrivateDataConfig withPushAckTimeout(Duration value) {
        return new PrivateDataConfig(value, pullRetryThreshold, pullRetryInterval, reconciliationEnabled, reconcileInterval,
                reconcileBatchSize, transientBlockRetention, implicitCollectionRequiredPeerCount, implicitCollectionMaxPeerCount);
    }

    /** With {@code pullRetryThreshold} (zero: never wait, commit at once and reconcile later). */
    public PrivateDataConfig withPullRetryThreshold(Duration value) {
        return new PrivateDataConfig(pushAckTimeout, value, pullRetryInterval, reconciliationEnabled, reconcileInterval,
                reconcileBatchSize, transientBlockRetention, implicitCollectionRequiredPeerCount, implicitCollectionMaxPeerCount);
    }

    /** With {@code pullRetryInterval}. */
    public PrivateDataConfig withPullRetryInterval(Duration value) {
        return new PrivateDataConfig(pushAckTimeout, pullRetryThreshold, value, reconciliationEnabled, reconcileInterval,
                reconcileBatchSize, transientBlockRetention, implicitCollectionRequiredPeerCount, implicitCollectionMaxPeerCount);
    }

    /** With reconciliation on or off. */
    public PrivateDataConfig withReconciliationEnabled(boolean value) {
        return new PrivateDataConfig(pushAckTimeout, pullRetryThreshold, pullRetryInterval, value, reconcileInterval,
                reconcileBatchSize, transientBlockRetention, implicitCollectionRequiredPeerCount, implicitCollectionMaxPeerCount);
    }

    /** With {@code reconcileInterval}. */
    public PrivateDataConfig withReconcileInterval(Duration value) {
        return new PrivateDataConfig(pushAckTimeout, pullRetryThreshold, pullRetryInterval, reconciliationEnabled, value,
                reconcileBatchSize, transientBlockRetention, implicitCollectionRequiredPeerCount, implicitCollectionMaxPeerCount);
    }

    /** With {@code reconcileBatchSize}. */
    public PrivateDataConfig withReconcileBatchSize(int value) {
        return new PrivateDataConfig(pushAckTimeout, pullRetryThreshold, pullRetryInterval, reconciliationEnabled, reconcileInterval,
                value, transientBlockRetention, implicitCollectionRequiredPeerCount, implicitCollectionMaxPeerCount);
    }

    /** With {@code transientBlockRetention} ({@code transientstoreMaxBlockRetention}). */
    public PrivateDataConfig withTransientBlockRetention(long blocks) {
        return new PrivateDataConfig(pushAckTimeout, pullRetryThreshold, pullRetryInterval, reconciliationEnabled, reconcileInterval,
                reconcileBatchSize, blocks, implicitCollectionRequiredPeerCount, implicitCollectionMaxPeerCount);
    }

    /** With the dissemination counts of a peer's own implicit collection. */
    public PrivateDataConfig withImplicitCollectionDissemination(int requiredPeerCount, int maxPeerCount) {
        return new PrivateDataConfig(pushAckTimeout, pullRetryThreshold, pullRetryInterval, reconciliationEnabled, reconcileInterval,
                reconcileBatchSize, transientBlockRetention, requiredPeerCount, maxPeerCount);
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + d);
        }
    }
}
