package dev.ledgersim.ledger.protocol;

import java.util.List;

/**
 * {@code kvrwset.QueryReadsMerkleSummary}: the top of the Merkle tree over a range query's results when
 * there were more than {@code maxDegree} of them.
 *
 * @param maxDegree children per node (50 in Fabric)
 * @param maxLevel the level the hashes are from (leaves are level 1)
 * @param maxLevelHashes the hashes at {@code maxLevel}
 */
public record QueryReadsMerkleSummary(int maxDegree, int maxLevel, List<Bytes> maxLevelHashes) {
    /** Validates and copies. */
    public QueryReadsMerkleSummary {
        maxLevelHashes = List.copyOf(maxLevelHashes);
    }
}
