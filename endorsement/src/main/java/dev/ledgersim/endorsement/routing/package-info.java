/**
 * Internal to LedgerSim: the engine behind the contract API. {@link dev.ledgersim.endorsement.routing.ContractRouter}
 * routes {@code contract:function} names to transaction methods and runs them with their hooks,
 * {@link dev.ledgersim.endorsement.routing.ArgumentBinder} converts arguments and results between bytes
 * and Java values, and {@link dev.ledgersim.endorsement.routing.JsonSelector} with
 * {@link dev.ledgersim.endorsement.routing.CouchCollation} evaluates CouchDB Mango queries for
 * {@code getQueryResult}. The types are public because the endorser, the simulator and
 * {@code ContractTester} live in other packages; contracts and applications should not use them.
 */
package dev.ledgersim.endorsement.routing;
