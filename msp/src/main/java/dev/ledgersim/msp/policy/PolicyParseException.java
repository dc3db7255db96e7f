package dev.ledgersim.msp.policy;

/**
 * A policy text could not be parsed. The message names the problem, the 0-based character position
 * and the whole text, e.g. {@code unrecognized token 'Bmember' at position 16 in policy
 * "AND('A.member', Bmember)"}; {@link #position()}, {@link #token()} and {@link #problem()} give the
 * parts separately.
 */
public final class PolicyParseException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String policy;
    private final int position;
    private final String token;
    private final String problem;

    PolicyParseException(String problem, String policy, int position, String token) {
        super(policy == null ? problem : problem + " at position " + position + " in policy \"" + policy + "\"");
        this.problem = problem;
        this.policy = policy == null ? "" : policy;
        this.position = position;
        this.token = token;
    }

    /** The text that failed to parse ({@code ""} when it was null). */
    public String policy() {
        return policy;
    }

    /**
     * The 0-based index in {@link #policy()} of the offending token: where an unclosed parenthesis
     * opened, where a wrong token starts, or the gate whose count is out of range.
     */
    public int position() {
        return position;
    }

    /** The offending token as written (quotes included), or {@code ""} at the end of the text. */
    public String token() {
        return token;
    }

    /** The problem alone, without the position and the policy text. */
    public String problem() {
        return problem;
    }
}
