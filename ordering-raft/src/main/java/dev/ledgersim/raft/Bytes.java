package dev.ledgersim.raft;

/** Rendering of opaque payloads in {@code toString()} of the value types: text if printable, else hex. */
final class Bytes {
    private static final int SHOWN_MAX = 24;

    private Bytes() {
    }

    static String show(byte[] data) {
        boolean printable = true;
        for (byte b : data) {
            if (b < 0x20 || b > 0x7e) {
                printable = false;
                break;
            }
        }
        StringBuilder sb = new StringBuilder();
        int shown = Math.min(data.length, SHOWN_MAX);
        if (printable) {
            sb.append('"').append(new String(data, 0, shown, java.nio.charset.StandardCharsets.US_ASCII)).append('"');
        } else {
            sb.append("0x");
            for (int i = 0; i < shown; i++) {
                sb.append(Character.forDigit((data[i] >> 4) & 0xf, 16)).append(Character.forDigit(data[i] & 0xf, 16));
            }
        }
        if (shown < data.length) {
            sb.append("...(").append(data.length).append(" bytes)");
        }
        return sb.toString();
    }
}
