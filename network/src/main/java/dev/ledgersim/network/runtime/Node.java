package dev.ledgersim.network.runtime;

/**
 * A node driven by an {@link Engine}: a peer, an orderer, a client, a test actor.
 *
 * <p><b>Threading and time.</b> A node never blocks, never sleeps and never reads the wall clock or a
 * global random source. It reacts to one event at a time and says, through its {@link NodeContext},
 * what it wants sent and which timers it wants. The engine calls the methods of one node instance one at
 * a time, never concurrently, with a happens-before edge between successive calls (so a node needs no
 * locks for its own state), possibly from different threads in the concurrent engine. The same node code
 * runs unchanged in the deterministic {@link SimulatedEngine} and the wall-clock {@link ConcurrentEngine}.
 *
 * <p><b>Lifecycle.</b> The engine builds a node with the factory given to
 * {@link Engine#register(String, java.util.function.Supplier)}, then calls {@link #onStart} before any
 * other event of that instance. On {@link Engine#crash(String)} (and on {@link Engine#close()}) it calls
 * {@link #onStop()}, then drops the instance: its in-memory state is gone, messages in flight to it and
 * its timers are discarded. {@link Engine#restart(String)} builds a <em>fresh</em> instance with the same
 * factory and calls its {@code onStart}; the new instance recovers from its own storage.
 *
 * <p><b>Failures.</b> A method that throws is a bug in the node. The simulated engine stops the run and
 * throws {@link NodeFailureException} (naming node, event, virtual time and seed) from the engine call
 * that was running; the concurrent engine logs it, records it in the trace and throws it from the next
 * {@code runFor}/{@code runUntilIdle}/{@code await}.
 */
public interface Node {

    /**
     * The instance starts (first registration or restart). Keep {@code ctx}: it is this instance's only
     * way to send, schedule timers, read time and randomness, and record trace events. It stays valid
     * until {@link #onStop()}.
     */
    void onStart(NodeContext ctx);

    /**
     * A message arrives through the simulated network (or was sent by this node to itself).
     *
     * @param from the sender's name (a registered node, or the name an outside caller gave to
     *     {@link Engine#send(String, String, Object)})
     * @param message the object the sender passed, by reference (never copied: messages must be
     *     immutable); with link duplication the same object may arrive twice
     */
    void onMessage(String from, Object message);

    /**
     * A timer scheduled with {@link NodeContext#schedule} or {@link NodeContext#scheduleBackground} fires
     * (unless it was cancelled first, or this instance crashed).
     *
     * @param timerKey the very key object given when scheduling
     */
    void onTimer(Object timerKey);

    /**
     * The instance is being stopped: a crash, or the engine closing. Release resources (close files and
     * databases) here; do not expect anything sent from here to be delivered. After this returns the
     * instance receives no further calls and is dropped.
     */
    void onStop();
}
