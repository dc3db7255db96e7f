package dev.ledgersim.cli;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Bytes and strings shown to people: printable text quoted, anything else as hex, long values cut. */
final class Text {

    private Text() {
    }

    /** {@code bytes} as {@code "text"} when they are printable UTF-8, else {@code 0x…} hex; at most {@code max} characters. */
    static String value(byte[] bytes, int max) {
        try {
            String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            if (s.codePoints().allMatch(cp -> cp >= 0x20 && cp != 0x7F)) {
                return "\"" + cut(s, max) + "\"";
            }
        } catch (CharacterCodingException e) {
            // not text: shown as hex below
        }
        return "0x" + cut(HexFormat.of().formatHex(bytes), max);
    }

    /** A key with control characters (composite-key separators) shown as {@code \u0000}-style escapes. */
    static String key(String key) {
        StringBuilder sb = new StringBuilder();
        key.codePoints().forEach(cp -> {
            if (cp < 0x20 || cp == 0x7F) {
                sb.append(String.format("\\u%04x", cp));
            } else {
                sb.appendCodePoint(cp);
            }
        });
        return sb.toString();
    }

    /** {@code s} cut to {@code max} characters with an ellipsis. */
    static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, Math.max(0, max - 1)) + "…";
    }

    /** The first 16 hex digits of a hash. */
    static String shortHash(byte[] hash) {
        return hash.length == 0 ? "(none)" : HexFormat.of().formatHex(hash).substring(0, Math.min(16, hash.length * 2)) + "…";
    }
}
