/**
 * The canonical binary codec of LedgerSim's protocol: {@link dev.ledgersim.ledger.codec.ProtoCodec}
 * (Fabric's protobuf wire format in deterministic proto3 form, decoded strictly),
 * {@link dev.ledgersim.ledger.codec.Hashes} (block header, block data, txid and proposal hashes) and
 * {@link dev.ledgersim.ledger.codec.RangeQueryResultsHelper} (the Merkle summary of range query results).
 * Everything that is hashed or signed goes through these bytes.
 */
package dev.ledgersim.ledger.codec;
