package dev.ledgersim.raft;

import java.util.List;

/**
 * Everything a {@link RaftNode} asks its driver to do, collected since the previous {@link Ready}.
 * The driver handles it in this order, then calls {@link RaftNode#advance(Ready)}:
 * <ol>
 *   <li><b>Persist</b> {@code snapshot} (if any), then {@code entries}, then {@code hardState} (if
 *       any) — {@link RaftStorage#persist(Ready)} does exactly that. They must be durable before
 *       step 2: a vote or an append acknowledgement in {@code messages} promises it.</li>
 *   <li><b>Send</b> {@code messages} (any order, any may be lost).</li>
 *   <li><b>Apply</b>: restore the state machine from {@code snapshot} (if any), then apply
 *       {@code committedEntries} in order (skipping empty NORMAL entries; CONF_CHANGE entries need no
 *       action: the node applied them itself when they committed).</li>
 * </ol>
 *
 * @param softState leader and role, or {@code null} if unchanged since the previous Ready
 * @param hardState term, vote and commit to persist, or {@code null} if unchanged
 * @param snapshot a snapshot received from the leader to persist and restore, or {@code null}
 * @param entries log entries to append to storage (they may overwrite a conflicting suffix)
 * @param committedEntries entries newly committed, to apply in order
 * @param messages messages to send after persisting
 * @param mustSync whether the write must be synced (term, vote, entries or snapshot changed; a
 *     commit-index-only change may be written lazily, as etcd's MustSync)
 */
public record Ready(
        SoftState softState,
        HardState hardState,
        Snapshot snapshot,
        List<Entry> entries,
        List<Entry> committedEntries,
        List<RaftMessage> messages,
        boolean mustSync) {

    public Ready {
        entries = List.copyOf(entries);
        committedEntries = List.copyOf(committedEntries);
        messages = List.copyOf(messages);
    }

    /** Whether there is nothing at all to do. */
    public boolean isEmpty() {
        return softState == null && hardState == null && snapshot == null && entries.isEmpty()
                && committedEntries.isEmpty() && messages.isEmpty();
    }
}
