package dev.ledgersim.bench.workload;

import java.util.List;
import java.util.Objects;

/**
 * What a workload needs to know about the network it runs on.
 *
 * @param organizations the member organisations' MSP ids
 * @param peers the total number of peers of those organisations
 * @param clients the number of clients that will submit
 */
public record WorkloadSetting(List<String> organizations, int peers, int clients) {
    /** Validates and copies. */
    public WorkloadSetting {
        organizations = List.copyOf(organizations);
        if (organizations.isEmpty()) {
            throw new IllegalArgumentException("at least one organisation");
        }
        if (peers < 1 || clients < 1) {
            throw new IllegalArgumentException("peers and clients must be positive: " + peers + ", " + clients);
        }
        Objects.requireNonNull(organizations, "organizations");
    }

    /** {@code OR('Org1MSP.member', ...)}: every organisation, the members of a private collection. */
    public String allMembersPolicy() {
        return "OR(" + String.join(", ", organizations.stream().map(o -> "'" + o + ".member'").toList()) + ")";
    }
}
