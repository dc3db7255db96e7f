package dev.ledgersim.bench;

import dev.ledgersim.network.LedgerSim;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Network settings for benchmarks that compare with software running on one machine. */
final class OneMachine {

    private OneMachine() {
    }

    /** Gives every link between two nodes of {@code sim} (peers and orderers) zero latency. */
    static void zeroLatencyLinks(LedgerSim sim) {
        List<String> nodes = new ArrayList<>(sim.peers());
        nodes.addAll(sim.orderers());
        for (String a : nodes) {
            for (String b : nodes) {
                if (!a.equals(b)) {
                    sim.faults().link(a, b).latency(Duration.ZERO);
                }
            }
        }
    }
}
