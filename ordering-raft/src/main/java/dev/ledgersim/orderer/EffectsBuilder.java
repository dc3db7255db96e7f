package dev.ledgersim.orderer;

import dev.ledgersim.ledger.protocol.Envelope;
import dev.ledgersim.ledger.protocol.ProtocolBlock;
import java.util.ArrayList;
import java.util.List;

/** Collects the effects of one event. Not thread-safe; package-private. */
final class EffectsBuilder {

    private final String channelId;
    private final List<Outbound> messages = new ArrayList<>();
    private final List<TimerCommand> timers = new ArrayList<>();
    private final List<BroadcastResponse> responses = new ArrayList<>();
    private final List<ProtocolBlock> committed = new ArrayList<>();
    private final List<DroppedEnvelopes> dropped = new ArrayList<>();

    EffectsBuilder(String channelId) {
        this.channelId = channelId;
    }

    void send(String to, OrdererMessage message) {
        messages.add(new Outbound(to, message));
    }

    void timer(TimerCommand command) {
        timers.add(command);
    }

    void respond(BroadcastResponse response) {
        responses.add(response);
    }

    void committed(ProtocolBlock block) {
        committed.add(block);
    }

    void dropped(DroppedEnvelopes.Reason reason, List<Envelope> envelopes, String detail) {
        if (!envelopes.isEmpty()) {
            dropped.add(new DroppedEnvelopes(channelId, reason, envelopes, detail));
        }
    }

    /** The effects collected so far; the builder is emptied. */
    Effects drain() {
        Effects fx = new Effects(channelId, messages, timers, responses, committed, dropped);
        messages.clear();
        timers.clear();
        responses.clear();
        committed.clear();
        dropped.clear();
        return fx;
    }
}
