package dev.ledgersim.network.runtime;

import dev.ledgersim.network.Runtime;
import java.util.Objects;

/** Builds the {@link Engine} a {@link Runtime} describes. */
public final class Engines {

    private Engines() {
    }

    /**
     * A {@link SimulatedEngine} for {@link Runtime.Simulated}, a {@link ConcurrentEngine} with the
     * runtime's thread count for {@link Runtime.Concurrent}.
     */
    public static Engine create(Runtime runtime, EngineConfig config) {
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(config, "config");
        if (runtime instanceof Runtime.Concurrent c) {
            return new ConcurrentEngine(config, c.threads());
        }
        return new SimulatedEngine(config);
    }

    /** {@link #create(Runtime, EngineConfig)} with {@link EngineConfig#defaults()} and this seed. */
    public static Engine create(Runtime runtime, long seed) {
        return create(runtime, EngineConfig.defaults().withSeed(seed));
    }
}
