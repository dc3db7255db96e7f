package dev.ledgersim.msp.policy;

import dev.ledgersim.msp.Role;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A hand-written recursive-descent parser for Fabric's signature-policy language
 * ({@code common/policydsl/policyparser.go}), which Fabric evaluates with govaluate in three passes.
 *
 * <pre>
 * policy    := gate END
 * gate      := GATE '(' args ')'
 * GATE      := AND | And | and | OR | Or | or | OutOf | OUTOF | outof
 * args      := arg (',' arg)*                    for AND and OR
 *            | count ',' arg (',' arg)*          for OutOf
 * arg       := principal | gate
 * count     := NUMBER | quoted NUMBER            e.g. 2 or '2'; NUMBER := -?[0-9]+(\.[0-9]+)?
 * principal := quoted MSPID '.' ROLE             single or double quotes (govaluate accepts both)
 * </pre>
 *
 * Whitespace may appear between any two tokens. A count with a fraction is truncated toward zero, as
 * Fabric's {@code int(float64)} does. Fabric accepts arbitrary govaluate expressions in places (e.g.
 * {@code OutOf('1+1', ..)}); only the forms above are accepted here. Like Fabric, a gate needs at least
 * one argument: Fabric refuses {@code AND()} with "expected at least two arguments to NOutOf. Given 1";
 * here the message says the gate is empty. Errors are {@link PolicyParseException}s naming the position.
 */
final class PolicyParser {

    /** Deeper nesting is refused rather than risking a stack overflow on hostile input. */
    static final int MAX_NESTING = 100;

    private static final Pattern NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");
    private static final String GATES = "AND, OR or OutOf (also spelled And, and, Or, or, OUTOF, outof)";
    private static final String ROLES = "member, admin, client, peer, orderer";

    private enum Gate { AND, OR, OUT_OF }

    private enum Kind { LPAREN, RPAREN, COMMA, STRING, WORD, END }

    /** A token: its raw text (quotes included for strings) and, for strings, the text between the quotes. */
    private record Token(Kind kind, int position, String text, String value) {}

    private final String text;
    private int cursor;
    private Token current;

    private PolicyParser(String text) {
        this.text = text;
    }

    /** Parses {@code text}; see {@link Policy#parse}. */
    static SignaturePolicy parse(String text) {
        if (text == null) {
            throw new PolicyParseException("policy text is null", null, 0, "");
        }
        return new PolicyParser(text).policy();
    }

    private SignaturePolicy policy() {
        current = lex();
        if (current.kind == Kind.END) {
            throw new PolicyParseException("empty policy", text, 0, "");
        }
        if (current.kind != Kind.WORD || NUMBER.matcher(current.text).matches()) {
            throw error(current, "a policy must be a gate, expected " + GATES + ", found " + describe(current));
        }
        PolicyRule.NOutOf rule = gateOrWord(1);
        if (current.kind != Kind.END) {
            throw error(current, "unexpected trailing input " + describe(current) + " after the end of the policy");
        }
        return new SignaturePolicy(rule);
    }

    /** The current token is a non-number WORD: a gate, an unknown gate or an unrecognized token. */
    private PolicyRule.NOutOf gateOrWord(int depth) {
        Token word = advance();
        Gate gate = gate(word.text);
        if (gate == null) {
            if (current.kind == Kind.LPAREN) {
                throw error(word, "unknown gate '" + word.text + "', expected " + GATES);
            }
            String hint = looksLikePrincipal(word.text) ? " (principals are quoted: '" + word.text + "')" : "";
            throw error(word, "unrecognized token '" + word.text + "'" + hint);
        }
        if (current.kind != Kind.LPAREN) {
            throw error(current, "expected '(' after " + word.text + ", found " + describe(current));
        }
        if (depth > MAX_NESTING) {
            throw error(word, "gates nested more than " + MAX_NESTING + " deep");
        }
        Token open = advance();
        BigInteger count = null;
        if (gate == Gate.OUT_OF) {
            count = count(word, open);
            if (current.kind == Kind.RPAREN) {
                throw error(word, word.text + " has no principal or gate after its count");
            }
            expectComma(word, open, "after the " + word.text + " count");
        } else if (current.kind == Kind.RPAREN) {
            throw error(word, word.text + "() has no arguments, a gate needs at least one principal or gate");
        }
        List<PolicyRule> rules = new ArrayList<>();
        while (true) {
            rules.add(argument(depth, word, open));
            if (current.kind == Kind.RPAREN) {
                advance();
                break;
            }
            expectComma(word, open, "between the arguments of " + word.text);
        }
        int n = rules.size();
        BigInteger t = switch (gate) {
            case AND -> BigInteger.valueOf(n);
            case OR -> BigInteger.ONE;
            case OUT_OF -> count;
        };
        if (t.signum() < 0 || t.compareTo(BigInteger.valueOf(n + 1L)) > 0) {
            throw error(word, "invalid t-out-of-n predicate, t " + t + ", n " + n);
        }
        return new PolicyRule.NOutOf(t.intValueExact(), rules);
    }

    private void expectComma(Token gateWord, Token open, String where) {
        if (current.kind == Kind.COMMA) {
            advance();
            return;
        }
        if (current.kind == Kind.END) {
            throw unclosed(gateWord, open);
        }
        throw error(current, "missing ',' " + where + ", found " + describe(current));
    }

    /** The threshold of {@code OutOf}: a number literal or a quoted number, truncated toward zero. */
    private BigInteger count(Token gateWord, Token open) {
        Token token = current;
        String literal = switch (token.kind) {
            case WORD -> token.text;
            case STRING -> token.value.strip();
            case END -> throw unclosed(gateWord, open);
            default -> null;
        };
        if (literal == null || !NUMBER.matcher(literal).matches()) {
            throw error(token, "the count of " + gateWord.text + " must be a number or a quoted number, found "
                    + describe(token));
        }
        advance();
        try {
            return new BigDecimal(literal).setScale(0, RoundingMode.DOWN).toBigIntegerExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw error(token, "the count of " + gateWord.text + " is not a number: " + describe(token));
        }
    }

    private PolicyRule argument(int depth, Token gateWord, Token open) {
        Token token = current;
        switch (token.kind) {
            case STRING:
                advance();
                return new PolicyRule.SignedBy(principal(token));
            case WORD:
                if (NUMBER.matcher(token.text).matches()) {
                    throw error(token, "expected a principal or a gate, found the number " + token.text);
                }
                return gateOrWord(depth + 1);
            case END:
                throw unclosed(gateWord, open);
            default:
                throw error(token, "expected a principal or a gate, found " + describe(token));
        }
    }

    /** A quoted {@code MSPID.role}: the role is the part after the last dot, as Fabric's greedy regex has it. */
    private Principal principal(Token token) {
        String value = token.value;
        int dot = value.lastIndexOf('.');
        if (dot < 0) {
            throw error(token, "invalid principal " + token.text + ", expected 'MSPID.role' with role one of " + ROLES);
        }
        String mspId = value.substring(0, dot);
        String label = value.substring(dot + 1);
        Role role = null;
        for (Role candidate : Role.values()) {
            if (candidate.label().equals(label)) {
                role = candidate;
            }
        }
        if (role == null) {
            throw error(token, "unknown role '" + label + "' in principal " + token.text + ", expected one of " + ROLES);
        }
        String problem = Principal.mspIdProblem(mspId);
        if (problem != null) {
            throw error(token, "invalid principal " + token.text + ": " + problem);
        }
        return new Principal(mspId, role);
    }

    private static Gate gate(String word) {
        return switch (word) {
            case "AND", "And", "and" -> Gate.AND;
            case "OR", "Or", "or" -> Gate.OR;
            case "OutOf", "OUTOF", "outof" -> Gate.OUT_OF;
            default -> null;
        };
    }

    private static boolean looksLikePrincipal(String word) {
        int dot = word.lastIndexOf('.');
        if (dot <= 0) {
            return false;
        }
        String label = word.substring(dot + 1);
        for (Role role : Role.values()) {
            if (role.label().equals(label)) {
                return Principal.mspIdProblem(word.substring(0, dot)) == null;
            }
        }
        return false;
    }

    private PolicyParseException unclosed(Token gateWord, Token open) {
        return error(open, "unclosed parenthesis: no ')' matches the '(' of " + gateWord.text);
    }

    private PolicyParseException error(Token token, String problem) {
        return new PolicyParseException(problem, text, token.position, token.text);
    }

    private static String describe(Token token) {
        return switch (token.kind) {
            case END -> "the end of the policy";
            case STRING -> token.text;
            default -> "'" + token.text + "'";
        };
    }

    // ---- lexer ------------------------------------------------------------------------------

    private Token advance() {
        Token consumed = current;
        current = lex();
        return consumed;
    }

    private Token lex() {
        while (cursor < text.length() && isSpace(text.charAt(cursor))) {
            cursor++;
        }
        int start = cursor;
        if (start >= text.length()) {
            return new Token(Kind.END, text.length(), "", "");
        }
        char c = text.charAt(start);
        switch (c) {
            case '(':
                cursor++;
                return new Token(Kind.LPAREN, start, "(", "");
            case ')':
                cursor++;
                return new Token(Kind.RPAREN, start, ")", "");
            case ',':
                cursor++;
                return new Token(Kind.COMMA, start, ",", "");
            case '\'':
            case '"':
                int close = text.indexOf(c, start + 1);
                if (close < 0) {
                    throw new PolicyParseException("unterminated string: the " + c + " quote is never closed",
                            text, start, text.substring(start));
                }
                cursor = close + 1;
                return new Token(Kind.STRING, start, text.substring(start, cursor), text.substring(start + 1, close));
            default:
                while (cursor < text.length() && !isDelimiter(text.charAt(cursor))) {
                    cursor++;
                }
                return new Token(Kind.WORD, start, text.substring(start, cursor), "");
        }
    }

    private static boolean isDelimiter(char c) {
        return isSpace(c) || c == '(' || c == ')' || c == ',' || c == '\'' || c == '"';
    }

    /** Go's {@code unicode.IsSpace}, which govaluate skips, includes no-break spaces. */
    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }
}
