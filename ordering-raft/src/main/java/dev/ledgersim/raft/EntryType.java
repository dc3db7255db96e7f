package dev.ledgersim.raft;

/** What an {@link Entry} carries. Raft itself interprets only {@link #CONF_CHANGE} entries. */
public enum EntryType {
    /** Opaque application data (in LedgerSim's orderer: a block). May be empty: see {@link Entry}. */
    NORMAL,
    /** An encoded {@link ConfChange}; the node applies it itself once the entry is committed. */
    CONF_CHANGE
}
