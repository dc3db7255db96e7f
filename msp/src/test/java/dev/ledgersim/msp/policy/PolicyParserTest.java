package dev.ledgersim.msp.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledgersim.msp.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The policy language of Fabric's {@code common/policydsl/policyparser.go} (FABRIC.md §5.1). */
class PolicyParserTest {

    static Stream<Arguments> accepted() {
        return Stream.of(
                // text, canonical toString, principals in Fabric's numbering order
                Arguments.of("AND('A.member', 'B.member')", "AND('A.member', 'B.member')", "'A.member' 'B.member'"),
                Arguments.of("And('A.member','B.member')", "AND('A.member', 'B.member')", "'A.member' 'B.member'"),
                Arguments.of("and('A.member', 'B.peer')", "AND('A.member', 'B.peer')", "'A.member' 'B.peer'"),
                Arguments.of("AND('A.member')", "OR('A.member')", "'A.member'"),
                Arguments.of("OR('A.member', 'B.peer')", "OR('A.member', 'B.peer')", "'A.member' 'B.peer'"),
                Arguments.of("Or('A.admin', 'B.client')", "OR('A.admin', 'B.client')", "'A.admin' 'B.client'"),
                Arguments.of("or('A.orderer')", "OR('A.orderer')", "'A.orderer'"),
                Arguments.of("OutOf(1, 'A.member', 'B.member')", "OR('A.member', 'B.member')", "'A.member' 'B.member'"),
                Arguments.of("OutOf(2, 'A.member', 'B.member')", "AND('A.member', 'B.member')", "'A.member' 'B.member'"),
                Arguments.of("OUTOF(2, 'A.member', 'B.member', 'C.member')",
                        "OutOf(2, 'A.member', 'B.member', 'C.member')", "'A.member' 'B.member' 'C.member'"),
                Arguments.of("outof(2, 'A.member', 'B.member', 'C.member')",
                        "OutOf(2, 'A.member', 'B.member', 'C.member')", "'A.member' 'B.member' 'C.member'"),
                // the count as a quoted number string, single or double quoted
                Arguments.of("OutOf('2', 'A.member', 'B.member', 'C.member')",
                        "OutOf(2, 'A.member', 'B.member', 'C.member')", "'A.member' 'B.member' 'C.member'"),
                Arguments.of("OutOf(\"1\", 'A.member', 'B.member')", "OR('A.member', 'B.member')", "'A.member' 'B.member'"),
                Arguments.of("OutOf(' 2 ', 'A.member', 'B.member', 'C.member')",
                        "OutOf(2, 'A.member', 'B.member', 'C.member')", "'A.member' 'B.member' 'C.member'"),
                // Fabric's int(float64): a fraction is truncated toward zero
                Arguments.of("OutOf(1.9, 'A.member', 'B.member')", "OR('A.member', 'B.member')", "'A.member' 'B.member'"),
                Arguments.of("OutOf(-0.5, 'A.member')", "OutOf(0, 'A.member')", "'A.member'"),
                // t == 0 and t == n + 1 are accepted
                Arguments.of("OutOf(0, 'A.member', 'B.member')", "OutOf(0, 'A.member', 'B.member')", "'A.member' 'B.member'"),
                Arguments.of("OutOf(3, 'A.member', 'B.member')", "OutOf(3, 'A.member', 'B.member')", "'A.member' 'B.member'"),
                // MSP ids with dots and dashes: the role is after the LAST dot
                Arguments.of("OR('MSP.WITH.DOTS.member')", "OR('MSP.WITH.DOTS.member')", "'MSP.WITH.DOTS.member'"),
                Arguments.of("OR('org-1.example.com.admin', 'Org1MSP.client')",
                        "OR('org-1.example.com.admin', 'Org1MSP.client')", "'org-1.example.com.admin' 'Org1MSP.client'"),
                Arguments.of("OR('A.member.peer')", "OR('A.member.peer')", "'A.member.peer'"),
                Arguments.of("OR('..member')", "OR('..member')", "'..member'"),
                // double-quoted principals (govaluate strings)
                Arguments.of("OR(\"A.member\", 'B.member')", "OR('A.member', 'B.member')", "'A.member' 'B.member'"),
                // principals are not de-duplicated
                Arguments.of("OR('A.member', 'A.member')", "OR('A.member', 'A.member')", "'A.member' 'A.member'"),
                // nested gates are numbered before the outer gate's own principals (FABRIC.md §5.1 example)
                Arguments.of("OR('A.member', AND('B.member', 'C.member'))",
                        "OR('A.member', AND('B.member', 'C.member'))", "'B.member' 'C.member' 'A.member'"),
                Arguments.of("OutOf(2, 'A.member', AND('B.peer', 'C.admin'))",
                        "AND('A.member', AND('B.peer', 'C.admin'))", "'B.peer' 'C.admin' 'A.member'"),
                Arguments.of("OutOf(2, 'A.member', AND('B.peer', 'C.admin'), 'D.client')",
                        "OutOf(2, 'A.member', AND('B.peer', 'C.admin'), 'D.client')",
                        "'B.peer' 'C.admin' 'A.member' 'D.client'"),
                Arguments.of("OutOf(2, 'A.member', and('B.peer', 'C.admin'), "
                                + "or('D.client', AND('E.orderer', 'F.member')), 'G.peer')",
                        "OutOf(2, 'A.member', AND('B.peer', 'C.admin'), OR('D.client', AND('E.orderer', 'F.member')), 'G.peer')",
                        "'B.peer' 'C.admin' 'E.orderer' 'F.member' 'D.client' 'A.member' 'G.peer'"),
                Arguments.of("AND(OR('A.peer', 'B.peer'), OR('C.peer', 'D.peer'))",
                        "AND(OR('A.peer', 'B.peer'), OR('C.peer', 'D.peer'))", "'A.peer' 'B.peer' 'C.peer' 'D.peer'"),
                // whitespace anywhere between tokens
                Arguments.of("  AND ( 'A.member' ,\n\t'B.member' )  ", "AND('A.member', 'B.member')", "'A.member' 'B.member'"),
                Arguments.of("OutOf\t(\n1\t,'A.member')", "OR('A.member')", "'A.member'"),
                Arguments.of("OR(\u00a0'A.member'\u00a0)", "OR('A.member')", "'A.member'"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("accepted")
    void acceptsWhatFabricAccepts(String text, String canonical, String principals) {
        SignaturePolicy policy = Policy.parse(text);
        assertEquals(canonical, policy.toString());
        assertEquals(principals, policy.principals().stream().map(Principal::toString).collect(Collectors.joining(" ")));
        SignaturePolicy reparsed = Policy.parse(policy.toString());
        assertEquals(policy, reparsed);
        assertEquals(policy.hashCode(), reparsed.hashCode());
        assertEquals(canonical, reparsed.toString());
    }

    static Stream<Arguments> rejected() {
        List<Arguments> cases = new ArrayList<>(List.of(
                // text, expected fragment of the message, position
                Arguments.of("AND('A.member', Bmember)", "unrecognized token 'Bmember'", 16),
                Arguments.of("AND('A.member', A.member)", "unrecognized token 'A.member' (principals are quoted", 16),
                Arguments.of("AND('A.member', @)", "unrecognized token '@'", 16),
                Arguments.of("OutOf(4, 'A.member', 'B.member')", "invalid t-out-of-n predicate, t 4, n 2", 0),
                Arguments.of("OutOf(-1, 'A.member')", "invalid t-out-of-n predicate, t -1, n 1", 0),
                Arguments.of("OutOf('5', 'A.member')", "invalid t-out-of-n predicate, t 5, n 1", 0),
                Arguments.of("OutOf(99999999999999999999, 'A.member')",
                        "invalid t-out-of-n predicate, t 99999999999999999999, n 1", 0),
                Arguments.of("OR('A.member', OutOf(3, 'B.member'))", "invalid t-out-of-n predicate, t 3, n 1", 15),
                Arguments.of("AND('A.member'", "unclosed parenthesis: no ')' matches the '(' of AND", 3),
                Arguments.of("AND('A.member',", "unclosed parenthesis", 3),
                Arguments.of("AND('A.member', OR('B.member')", "unclosed parenthesis: no ')' matches the '(' of AND", 3),
                Arguments.of("AND('A.member', OR('B.member'", "unclosed parenthesis: no ')' matches the '(' of OR", 18),
                Arguments.of("OutOf(1, 'A.member', 'B.member'", "the '(' of OutOf", 5),
                Arguments.of("OutOf(1", "unclosed parenthesis", 5),
                Arguments.of("AND('A.member') 'B.member'", "unexpected trailing input 'B.member'", 16),
                Arguments.of("AND('A.member'))", "unexpected trailing input ')'", 15),
                Arguments.of("OR('A.member') AND('B.member')", "unexpected trailing input 'AND'", 15),
                Arguments.of("", "empty policy", 0),
                Arguments.of(" \t\n", "empty policy", 0),
                Arguments.of("OR('A.foo')",
                        "unknown role 'foo' in principal 'A.foo', expected one of member, admin, client, peer, orderer", 3),
                Arguments.of("OR('A.MEMBER')", "unknown role 'MEMBER'", 3),
                Arguments.of("OR('A.member', \"B.Peer\")", "unknown role 'Peer'", 15),
                Arguments.of("OR('Amember')", "invalid principal 'Amember', expected 'MSPID.role'", 3),
                Arguments.of("OR('.member')", "the MSP id is empty", 3),
                Arguments.of("OR('A B.member')", "may contain only ASCII letters, digits, '.' and '-'", 3),
                Arguments.of("OR('A_B.member')", "may contain only", 3),
                Arguments.of("OR('Örg.member')", "may contain only", 3),
                Arguments.of("AND('A.member' 'B.member')", "missing ',' between the arguments of AND, found 'B.member'", 15),
                Arguments.of("OutOf(2 'A.member')", "missing ',' after the OutOf count", 8),
                Arguments.of("OutOf('two', 'A.member')", "the count of OutOf must be a number or a quoted number, found 'two'", 6),
                Arguments.of("OutOf(1.5.2, 'A.member')", "must be a number", 6),
                Arguments.of("OutOf(AND('A.member'), 'B.member')", "the count of OutOf must be a number", 6),
                Arguments.of("OutOf('A.member', 'B.member')", "must be a number or a quoted number, found 'A.member'", 6),
                Arguments.of("OR('A.member', outof('B.member', 'C.member'))", "the count of outof must be a number", 21),
                Arguments.of("OutOf()", "must be a number or a quoted number, found ')'", 6),
                Arguments.of("AND()", "AND() has no arguments", 0),
                Arguments.of("OR('A.member', or())", "or() has no arguments", 15),
                Arguments.of("OutOf(1)", "OutOf has no principal or gate after its count", 0),
                Arguments.of("'A.member'", "a policy must be a gate, expected AND, OR or OutOf", 0),
                Arguments.of("2", "a policy must be a gate", 0),
                Arguments.of(")", "a policy must be a gate", 0),
                Arguments.of("NOT('A.member')", "unknown gate 'NOT', expected AND, OR or OutOf", 0),
                Arguments.of("aNd('A.member')", "unknown gate 'aNd'", 0),
                Arguments.of("OR('A.member', Any('B.member'))", "unknown gate 'Any'", 15),
                Arguments.of("AND('A.member', 2)", "expected a principal or a gate, found the number 2", 16),
                Arguments.of("AND('A.member',)", "expected a principal or a gate, found ')'", 15),
                Arguments.of("AND(,'A.member')", "expected a principal or a gate, found ','", 4),
                Arguments.of("OR(('A.member'))", "expected a principal or a gate, found '('", 3),
                Arguments.of("AND('A.member", "unterminated string: the ' quote is never closed", 4),
                Arguments.of("OR('A.member\")", "unterminated string", 3),
                Arguments.of("AND", "expected '(' after AND, found the end of the policy", 3),
                Arguments.of("AND 'A.member'", "expected '(' after AND, found 'A.member'", 4),
                Arguments.of("OR('A.member', OR)", "expected '(' after OR, found ')'", 17)));
        String deep = "OR(".repeat(PolicyParser.MAX_NESTING + 1) + "'A.member'" + ")".repeat(PolicyParser.MAX_NESTING + 1);
        cases.add(Arguments.of(deep, "gates nested more than 100 deep", 3 * PolicyParser.MAX_NESTING));
        return cases.stream();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("rejected")
    void rejectsWithTheProblemAndPosition(String text, String fragment, int position) {
        PolicyParseException e = assertThrows(PolicyParseException.class, () -> Policy.parse(text));
        assertTrue(e.getMessage().contains(fragment), () -> "message: " + e.getMessage());
        assertEquals(position, e.position(), () -> "message: " + e.getMessage());
        assertTrue(e.getMessage().endsWith(" at position " + position + " in policy \"" + text + "\""), e.getMessage());
        assertEquals(text, e.policy());
        assertTrue(text.startsWith(e.token(), e.position()), () -> "token '" + e.token() + "' not at " + e.position());
        assertTrue(e.getMessage().startsWith(e.problem()));
    }

    @Test
    void messagesNameTheTokenThePositionAndThePolicy() {
        PolicyParseException unrecognized = assertThrows(PolicyParseException.class,
                () -> Policy.parse("AND('A.member', Bmember)"));
        assertEquals("unrecognized token 'Bmember' at position 16 in policy \"AND('A.member', Bmember)\"",
                unrecognized.getMessage());
        assertEquals("Bmember", unrecognized.token());

        PolicyParseException range = assertThrows(PolicyParseException.class,
                () -> Policy.parse("OutOf(4, 'A.member', 'B.member')"));
        assertEquals("invalid t-out-of-n predicate, t 4, n 2 at position 0 in policy \"OutOf(4, 'A.member', 'B.member')\"",
                range.getMessage());
        assertEquals("OutOf", range.token());

        PolicyParseException unclosed = assertThrows(PolicyParseException.class, () -> Policy.parse("AND('A.member'"));
        assertEquals("unclosed parenthesis: no ')' matches the '(' of AND at position 3 in policy \"AND('A.member'\"",
                unclosed.getMessage());
        assertEquals("(", unclosed.token());
    }

    @Test
    void nullIsRejected() {
        PolicyParseException e = assertThrows(PolicyParseException.class, () -> Policy.parse(null));
        assertEquals("policy text is null", e.getMessage());
        assertEquals("", e.policy());
    }

    @Test
    void parsesIntoTheRuleTree() {
        SignaturePolicy policy = Policy.parse("OutOf(2, 'Org1MSP.member', AND('Org2MSP.peer', 'MSP.WITH.DOTS.admin'))");
        Principal org1 = new Principal("Org1MSP", Role.MEMBER);
        Principal org2 = new Principal("Org2MSP", Role.PEER);
        Principal dots = new Principal("MSP.WITH.DOTS", Role.ADMIN);
        PolicyRule.NOutOf expected = new PolicyRule.NOutOf(2, List.of(
                new PolicyRule.SignedBy(org1),
                new PolicyRule.NOutOf(2, List.of(new PolicyRule.SignedBy(org2), new PolicyRule.SignedBy(dots)))));
        assertEquals(expected, policy.rule());
        assertEquals(new SignaturePolicy(expected), policy);
        assertEquals(List.of(org2, dots, org1), policy.principals());
    }

    @Test
    void equalityIsStructuralAcrossSpellings() {
        SignaturePolicy and = Policy.parse("and('A.member','B.member')");
        SignaturePolicy outOf = Policy.parse("OutOf(2, \"A.member\", \"B.member\")");
        SignaturePolicy or = Policy.parse("OR('A.member', 'B.member')");
        SignaturePolicy swapped = Policy.parse("AND('B.member', 'A.member')");
        assertEquals(and, outOf);
        assertEquals(and.hashCode(), outOf.hashCode());
        assertNotEquals(and, or);
        assertNotEquals(and, swapped);
        assertEquals(Policy.parse("OR('A.member')"), Policy.parse("AND('A.member')"));
    }

    @Test
    void ruleFactoriesBuildTheSameTreesAsTheParser() {
        PolicyRule a = PolicyRule.signedBy(new Principal("A", Role.MEMBER));
        PolicyRule b = PolicyRule.signedBy(new Principal("B", Role.PEER));
        PolicyRule c = PolicyRule.signedBy(new Principal("C", Role.ADMIN));
        assertEquals(Policy.parse("OutOf(2, 'A.member', AND('B.peer', 'C.admin'), 'B.peer')").rule(),
                PolicyRule.outOf(2, a, PolicyRule.and(b, c), b));
        assertEquals(Policy.parse("OR('A.member', 'B.peer')").rule(), PolicyRule.or(a, b));
        assertEquals("OutOf(2, 'A.member', AND('B.peer', 'C.admin'), 'B.peer')",
                new SignaturePolicy(PolicyRule.outOf(2, a, PolicyRule.and(b, c), b)).toString());
        assertEquals("AND('A.member', OR('B.peer', 'C.admin'))",
                new SignaturePolicy(PolicyRule.outOf(2, a, PolicyRule.outOf(1, b, c))).toString());
    }

    @Test
    void rulesAreValidatedAndCopied() {
        PolicyRule a = PolicyRule.signedBy(new Principal("A", Role.MEMBER));
        List<PolicyRule> rules = new ArrayList<>(List.of(a, a));
        PolicyRule.NOutOf gate = new PolicyRule.NOutOf(2, rules);
        rules.add(a);
        assertEquals(2, gate.rules().size());
        assertThrows(UnsupportedOperationException.class, () -> gate.rules().add(a));

        IllegalArgumentException tooHigh = assertThrows(IllegalArgumentException.class,
                () -> new PolicyRule.NOutOf(4, List.of(a, a)));
        assertEquals("invalid t-out-of-n predicate, t 4, n 2", tooHigh.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new PolicyRule.NOutOf(-1, List.of(a)));
        assertThrows(IllegalArgumentException.class, () -> new PolicyRule.NOutOf(0, List.of()));
        assertThrows(NullPointerException.class, () -> PolicyRule.and(a, null));
        assertThrows(NullPointerException.class, () -> new SignaturePolicy(null));
    }

    @Test
    void principalsAreValidatedAndPrintedQuoted() {
        assertEquals("'MSP.WITH.DOTS.member'", new Principal("MSP.WITH.DOTS", Role.MEMBER).toString());
        assertEquals("'org-1.orderer'", new Principal("org-1", Role.ORDERER).toString());
        assertThrows(IllegalArgumentException.class, () -> new Principal("", Role.PEER));
        assertThrows(IllegalArgumentException.class, () -> new Principal("Org 1", Role.PEER));
        assertThrows(IllegalArgumentException.class, () -> new Principal("Org'1", Role.PEER));
        assertThrows(NullPointerException.class, () -> new Principal("Org1", null));
    }
}
