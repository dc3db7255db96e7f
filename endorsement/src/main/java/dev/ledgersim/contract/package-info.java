/**
 * The contract API: what a LedgerSim contract is written against. It mirrors the Fabric Java contract
 * API ({@code org.hyperledger.fabric.contract} and {@code org.hyperledger.fabric.shim}) name for name,
 * so a Fabric contract ports by changing its imports.
 *
 * <p>A contract is a class implementing {@link dev.ledgersim.contract.ContractInterface}, optionally
 * annotated {@link dev.ledgersim.contract.Contract @Contract} and
 * {@link dev.ledgersim.contract.Default @Default}, whose public
 * {@link dev.ledgersim.contract.Transaction @Transaction} methods take a
 * {@link dev.ledgersim.contract.Context} first. The ledger is reached through
 * {@link dev.ledgersim.contract.ChaincodeStub}, with Fabric's semantics (no read-your-writes, phantom
 * checks on range queries, Fabric's composite-key encoding); failures are reported with
 * {@link dev.ledgersim.contract.ChaincodeException}.
 */
package dev.ledgersim.contract;
