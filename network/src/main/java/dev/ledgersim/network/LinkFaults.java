package dev.ledgersim.network;

import dev.ledgersim.network.runtime.Engine;
import dev.ledgersim.network.runtime.Latency;
import dev.ledgersim.network.runtime.LinkConfig;
import java.time.Duration;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The link between two nodes, both directions, from {@link Faults#link(String, String)}. Each setter
 * applies at once (to messages sent afterwards) and returns this link for chaining; settings last until
 * {@link Faults#heal()}. Random draws come from the run's seed. A link not configured otherwise is
 * reliable and FIFO with the default latency (1 ms).
 *
 * <pre>{@code
 * faults.link("peer0.org1msp", "orderer1.orderermsp").latency(Duration.ofMillis(30)).dropRate(0.1);
 * }</pre>
 */
public final class LinkFaults {

    private final Engine engine;
    private final String a;
    private final String b;

    LinkFaults(Engine engine, String a, String b) {
        this.engine = engine;
        this.a = a;
        this.b = b;
    }

    /**
     * Every message takes exactly {@code latency}.
     *
     * @throws IllegalArgumentException if negative
     */
    public LinkFaults latency(Duration latency) {
        Latency l = Latency.fixed(requireNonNegative(latency, "latency"));
        return update(c -> c.withLatency(l));
    }

    /**
     * Each message takes {@code min} plus an exponentially distributed extra delay of mean
     * {@code mean - min} (capped at 20 times that mean), drawn from the seed. The link stays FIFO unless
     * {@link #reorder(boolean)} is on.
     *
     * @throws IllegalArgumentException if negative, or if {@code mean < min}
     */
    public LinkFaults latency(Duration min, Duration mean) {
        requireNonNegative(min, "min");
        requireNonNegative(mean, "mean");
        if (mean.compareTo(min) < 0) {
            throw new IllegalArgumentException("mean latency " + mean + " is below min latency " + min);
        }
        Latency l = Latency.exponential(min, mean);
        return update(c -> c.withLatency(l));
    }

    /**
     * Each message is lost with this probability.
     *
     * @throws IllegalArgumentException if outside [0, 1]
     */
    public LinkFaults dropRate(double rate) {
        double r = requireRate(rate, "dropRate");
        return update(c -> c.withDropRate(r));
    }

    /**
     * Each message that is not lost is delivered twice with this probability.
     *
     * @throws IllegalArgumentException if outside [0, 1]
     */
    public LinkFaults duplicateRate(double rate) {
        double r = requireRate(rate, "duplicateRate");
        return update(c -> c.withDuplicateRate(r));
    }

    /**
     * On: each message gets an extra random delay of up to {@link LinkConfig#DEFAULT_REORDER_JITTER}
     * (10 ms), so messages may overtake each other. Off: FIFO again.
     */
    public LinkFaults reorder(boolean reorder) {
        return update(c -> c.withReorder(reorder));
    }

    /**
     * Reordering with extra random delays of up to {@code maxExtraDelay} (zero: FIFO).
     *
     * @throws IllegalArgumentException if negative
     */
    public LinkFaults reorder(Duration maxExtraDelay) {
        Duration d = requireNonNegative(maxExtraDelay, "maxExtraDelay");
        return update(c -> c.withReorderJitter(d));
    }

    /** The configuration in force from the first node to the second. */
    public LinkConfig config() {
        return engine.faults().link(a, b);
    }

    private LinkFaults update(UnaryOperator<LinkConfig> change) {
        // Both directions, each from its own current setting.
        engine.faults().configureLink(a, b, change.apply(engine.faults().link(a, b)));
        if (!a.equals(b)) {
            engine.faults().configureLink(b, a, change.apply(engine.faults().link(b, a)));
        }
        return this;
    }

    private static Duration requireNonNegative(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative: " + d);
        }
        return d;
    }

    private static double requireRate(double rate, String name) {
        if (!(rate >= 0.0 && rate <= 1.0)) {
            throw new IllegalArgumentException(name + " must be in [0, 1]: " + rate);
        }
        return rate;
    }

    @Override
    public String toString() {
        return "LinkFaults[" + a + " <-> " + b + ": " + config() + "]";
    }
}
