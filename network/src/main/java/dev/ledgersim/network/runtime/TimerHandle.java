package dev.ledgersim.network.runtime;

/** A timer scheduled through {@link NodeContext}. */
public interface TimerHandle {

    /**
     * Cancels the timer: {@link Node#onTimer} will not be called for it. Idempotent; a no-op when it has
     * already fired. Call it from the node's own callbacks.
     */
    void cancel();

    /** Whether the timer was cancelled (explicitly, or because its node crashed) before it fired. */
    boolean isCancelled();
}
