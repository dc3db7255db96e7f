package dev.ledgersim.network.runtime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/** Small nodes for the runtime tests. */
final class TestNodes {

    private TestNodes() {
    }

    /** A node with overridable no-op callbacks that logs what happened to it. */
    static class BaseNode implements Node {
        NodeContext ctx;
        final List<String> log = Collections.synchronizedList(new ArrayList<>());
        boolean stopped;

        @Override
        public void onStart(NodeContext context) {
            this.ctx = context;
            log.add("start");
            started();
        }

        void started() {
        }

        @Override
        public void onMessage(String from, Object message) {
            log.add(from + ":" + message);
        }

        @Override
        public void onTimer(Object timerKey) {
            log.add("timer:" + timerKey);
        }

        @Override
        public void onStop() {
            stopped = true;
            log.add("stop");
        }
    }

    /** A node whose callbacks are lambdas. */
    static final class LambdaNode extends BaseNode {
        private final Consumer<LambdaNode> onStart;
        private final BiConsumer<LambdaNode, Object[]> onMessage;
        private final BiConsumer<LambdaNode, Object> onTimer;

        LambdaNode(Consumer<LambdaNode> onStart, BiConsumer<LambdaNode, Object[]> onMessage,
                BiConsumer<LambdaNode, Object> onTimer) {
            this.onStart = onStart;
            this.onMessage = onMessage;
            this.onTimer = onTimer;
        }

        @Override
        void started() {
            if (onStart != null) {
                onStart.accept(this);
            }
        }

        @Override
        public void onMessage(String from, Object message) {
            super.onMessage(from, message);
            if (onMessage != null) {
                onMessage.accept(this, new Object[] {from, message});
            }
        }

        @Override
        public void onTimer(Object timerKey) {
            super.onTimer(timerKey);
            if (onTimer != null) {
                onTimer.accept(this, timerKey);
            }
        }
    }

    /** A message with a number. */
    record Numbered(int n) {
    }

    /** A message that travels {@code hops} more times. */
    record Hop(long id, int hops) {
    }
}
