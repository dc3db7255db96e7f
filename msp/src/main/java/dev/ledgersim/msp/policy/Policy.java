package dev.ledgersim.msp.policy;

import dev.ledgersim.msp.Identity;
import java.util.List;

/**
 * An endorsement (or channel) policy: a rule over the set of identities that signed something.
 *
 * <p>Either a {@link SignaturePolicy}, written in Fabric's policy language
 * ({@code OutOf(2, 'Org1MSP.member', 'Org2MSP.peer', 'Org3MSP.admin')}), or an
 * {@link ImplicitMetaPolicy} ({@code MAJORITY Endorsement}) over named sub-policies.
 *
 * <p>Contract of {@link #evaluate} and {@link #isSatisfiedBy}, shared by both kinds:
 * <ul>
 *   <li>The signers are assumed to be already validated by their MSP (chain, revocation, NodeOU role)
 *       and to have produced valid signatures: a caller drops the identities that fail validation
 *       first. This is equivalent to Fabric's behaviour, where such an identity can satisfy no
 *       principal.</li>
 *   <li>Signers are de-duplicated by identity (MSP id and certificate, {@link Identity#equals}),
 *       keeping the first occurrence, as Fabric's {@code SignatureSetToValidIdentities} does: the same
 *       identity signing twice counts once.</li>
 *   <li>Within a signature policy each signer satisfies at most one principal, assigned greedily in
 *       signer order with no backtracking, exactly as Fabric's {@code cauthdsl} (see
 *       {@link SignaturePolicy}).</li>
 * </ul>
 * Policies are immutable values, thread-safe, and evaluation has no side effects.
 */
public sealed interface Policy permits SignaturePolicy, ImplicitMetaPolicy {

    /**
     * Parses a signature policy written in Fabric's policy language: gates {@code AND}, {@code OR} and
     * {@code OutOf(t, ..)} (also spelled {@code And}/{@code and}, {@code Or}/{@code or},
     * {@code OUTOF}/{@code outof}) over quoted principals {@code 'MSPID.role'} with role one of
     * {@code member, admin, client, peer, orderer}.
     *
     * @throws PolicyParseException naming the position, the offending token and the problem, for any
     *     text Fabric would refuse, for a gate with no arguments, and for null
     */
    static SignaturePolicy parse(String text) {
        return PolicyParser.parse(text);
    }

    /**
     * Whether {@code signers} satisfy this policy; the same answer as {@code evaluate(signers).satisfied()}
     * without building the explanation.
     *
     * @throws NullPointerException if {@code signers} or one of them is null
     */
    boolean isSatisfiedBy(List<Identity> signers);

    /**
     * Evaluates the policy against {@code signers} and says why it is or is not satisfied
     * ({@link PolicyEvaluation#explain()}).
     *
     * @throws NullPointerException if {@code signers} or one of them is null
     */
    PolicyEvaluation evaluate(List<Identity> signers);
}
