package dev.ledgersim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Renders a {@link TraceFile} for people: a text timeline, and a self-contained HTML page with an SVG
 * sequence diagram of the messages between nodes (one lifeline per node, an arrow from each send to its
 * delivery, state changes, crashes and faults marked on the lifelines) above the same timeline as a table.
 */
final class TraceRenderer {

    /** Event kinds hidden unless everything is asked for: timers and API calls are frequent and rarely telling. */
    static final Set<String> NOISY = Set.of("TIMER", "CALL");

    private static final int ROW = 18;
    private static final int TOP = 70;
    private static final int LEFT = 90;
    private static final int LANE = 170;
    private static final String[] COLOURS = {"#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#7a6f00", "#555555"};

    private final TraceFile trace;
    private final List<TraceFile.Event> shown;
    private final int hidden;
    private final int cut;
    private final Map<Long, TraceFile.Event> sends = new HashMap<>();
    private final Map<Long, TraceFile.Event> deliveries = new HashMap<>();

    /**
     * A renderer of {@code trace}.
     *
     * @param all whether to show timers and API calls too
     * @param limit the most events shown, 0 for all
     */
    TraceRenderer(TraceFile trace, boolean all, int limit) {
        this.trace = trace;
        List<TraceFile.Event> selected = new ArrayList<>();
        int noisy = 0;
        for (TraceFile.Event e : trace.events()) {
            if (e.kind().equals("SEND")) {
                sends.put(e.messageId(), e);
            } else if (e.kind().equals("DELIVER")) {
                deliveries.putIfAbsent(e.messageId(), e);
            }
            if (!all && NOISY.contains(e.kind())) {
                noisy++;
            } else {
                selected.add(e);
            }
        }
        this.hidden = noisy;
        this.cut = limit > 0 && selected.size() > limit ? selected.size() - limit : 0;
        this.shown = cut > 0 ? List.copyOf(selected.subList(0, limit)) : List.copyOf(selected);
    }

    /** The events shown. */
    List<TraceFile.Event> shown() {
        return shown;
    }

    /** The header: what the trace is, its span, its nodes and what was left out. */
    List<String> summary() {
        List<String> lines = new ArrayList<>();
        lines.add("Trace " + trace.file() + ": " + TraceFile.FORMAT + ", seed " + trace.seed() + ", " + trace.runtime() + " runtime");
        TraceFile.Event last = trace.events().isEmpty() ? null : trace.events().get(trace.events().size() - 1);
        lines.add(String.format(Locale.ROOT, "%d events recorded (%d discarded), %s to %s (%.3f ms)", trace.recorded(),
                trace.discarded(), trace.start(), last == null ? trace.start() : last.time(),
                last == null ? 0.0 : trace.offsetMillis(last.time())));
        lines.add(trace.nodes().size() + " nodes: " + String.join(", ", trace.nodes()));
        lines.add("Events by kind: " + trace.kindCounts());
        String shownText = "Shown: " + shown.size() + " events";
        if (hidden > 0) {
            shownText += "; " + hidden + " timer and call events hidden (--all shows them)";
        }
        if (cut > 0) {
            shownText += "; the last " + cut + " left out (--limit N, 0 for all)";
        }
        lines.add(shownText);
        return lines;
    }

    /** One event as a line of the timeline (without its time and node). */
    String describe(TraceFile.Event e) {
        JsonNode d = e.details();
        return switch (e.kind()) {
            case "SEND" -> "-> " + e.peer() + "  " + e.type() + " #" + e.messageId() + size(d)
                    + (d.path("outcome").asText().equals("dropped") ? "  DROPPED (" + d.path("reason").asText() + ")"
                    : d.path("outcome").asText().equals("duplicated") ? "  (duplicated)" : "");
            case "DELIVER" -> {
                TraceFile.Event send = sends.get(e.messageId());
                yield "<- " + e.peer() + "  " + e.type() + " #" + e.messageId()
                        + (send == null ? "" : String.format(Locale.ROOT, "  (after %.3f ms)",
                        java.time.Duration.between(send.time(), e.time()).toNanos() / 1e6));
            }
            case "STATE" -> "* " + e.type() + "  " + fields(d);
            case "START" -> "started" + (d.has("incarnation") ? " (incarnation " + d.path("incarnation").asText() + ")" : "");
            case "RESTART" -> "RESTARTED" + (d.has("incarnation") ? " (incarnation " + d.path("incarnation").asText() + ")" : "");
            case "CRASH" -> "CRASHED" + (d.has("reason") ? " (" + d.path("reason").asText() + ")" : "");
            case "FAULT" -> "fault " + (e.type() == null ? "" : e.type()) + "  " + d.path("fault").asText();
            case "FAILURE" -> "FAILURE in " + d.path("event").asText() + ": " + d.path("error").asText();
            case "DISCARD" -> "discarded a " + d.path("what").asText() + (d.has("id") ? " #" + d.path("id").asText() : "")
                    + " (the node had crashed)";
            case "TIMER" -> "timer " + (e.type() == null ? "" : e.type()) + (d.has("key") ? " " + d.path("key").asText() : "");
            case "CALL" -> "API call";
            default -> e.kind() + " " + (e.type() == null ? "" : e.type()) + " " + fields(d);
        };
    }

    private static String size(JsonNode d) {
        if (!d.has("size")) {
            return "";
        }
        long bytes = d.path("size").asLong();
        return bytes >= 1024 ? String.format(Locale.ROOT, " (%.1f KB)", bytes / 1024.0) : " (" + bytes + " B)";
    }

    private static String fields(JsonNode d) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, JsonNode> f : d.properties()) {
            parts.add(f.getKey() + "=" + (f.getValue().isValueNode() ? f.getValue().asText() : f.getValue().toString()));
        }
        return String.join(" ", parts);
    }

    /** The text timeline: the summary, then one line per shown event. */
    String text() {
        StringBuilder sb = new StringBuilder();
        summary().forEach(l -> sb.append(l).append('\n'));
        sb.append('\n');
        sb.append(String.format("%14s  %-24s %s%n", "time (ms)", "node", "event"));
        for (TraceFile.Event e : shown) {
            sb.append(String.format(Locale.ROOT, "%14.3f  %-24s %s%n", trace.offsetMillis(e.time()),
                    e.node() == null ? "(network)" : e.node(), describe(e)));
        }
        return sb.toString();
    }

    private String colour(String type) {
        return COLOURS[Math.floorMod(type == null ? 0 : type.hashCode(), COLOURS.length)];
    }

    /** The self-contained HTML page. */
    String html() {
        List<String> nodes = trace.nodes();
        Map<String, Integer> lane = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            lane.put(nodes.get(i), i);
        }
        Map<Long, Integer> rowOfDelivery = new HashMap<>();
        for (int i = 0; i < shown.size(); i++) {
            if (shown.get(i).kind().equals("DELIVER")) {
                rowOfDelivery.putIfAbsent(shown.get(i).messageId(), i);
            }
        }
        int width = LEFT + Math.max(1, nodes.size()) * LANE + 40;
        int height = TOP + shown.size() * ROW + 30;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\">%n", width, height, width, height));
        svg.append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" "
                + "orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"context-stroke\"/></marker></defs>\n");
        svg.append(String.format("<rect x=\"0\" y=\"0\" width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
        svg.append(String.format("<text x=\"8\" y=\"%d\" font-weight=\"bold\">time (ms)</text>%n", TOP - 40));
        for (int i = 0; i < nodes.size(); i++) {
            double x = laneX(i);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#bbbbbb\" "
                    + "stroke-dasharray=\"4 3\"/>%n", x, TOP - 20, x, height - 10));
            svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%d\" height=\"24\" rx=\"4\" fill=\"#f0f4f8\" "
                    + "stroke=\"#335\"/>%n", x - LANE / 2.0 + 6, TOP - 56, LANE - 12));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" font-weight=\"bold\">%s</text>%n",
                    x, TOP - 39, esc(nodes.get(i))));
        }
        for (int i = 0; i < shown.size(); i++) {
            TraceFile.Event e = shown.get(i);
            int y = rowY(i);
            String title = esc(String.format(Locale.ROOT, "#%d  %.3f ms  %s  %s", e.seq(), trace.offsetMillis(e.time()),
                    e.node() == null ? "" : e.node(), describe(e)));
            svg.append(String.format(Locale.ROOT, "<text x=\"8\" y=\"%d\" fill=\"#666\">%.3f</text>%n", y + 4,
                    trace.offsetMillis(e.time())));
            Integer from = e.node() == null ? null : lane.get(e.node());
            switch (e.kind()) {
                case "SEND" -> {
                    Integer to = lane.get(e.peer());
                    if (from == null || to == null) {
                        break;
                    }
                    boolean dropped = e.details().path("outcome").asText().equals("dropped");
                    Integer deliverRow = rowOfDelivery.get(e.messageId());
                    double x1 = laneX(from);
                    double x2 = laneX(to);
                    double y2 = deliverRow != null ? rowY(deliverRow) : y;
                    String c = colour(e.type());
                    if (dropped) {
                        double xm = (x1 + x2) / 2;
                        svg.append(String.format(Locale.ROOT, "<g><title>%s</title><line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" "
                                + "y2=\"%d\" stroke=\"#d00\" stroke-width=\"1.5\" stroke-dasharray=\"5 3\"/>"
                                + "<text x=\"%.1f\" y=\"%d\" fill=\"#d00\" font-weight=\"bold\" text-anchor=\"middle\">✕</text></g>%n",
                                title, x1, y, xm, y, xm, y + 4));
                    } else {
                        svg.append(String.format(Locale.ROOT, "<g><title>%s</title><line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" "
                                + "y2=\"%.1f\" stroke=\"%s\" stroke-width=\"1.5\"%s marker-end=\"url(#arrow)\"/></g>%n",
                                title, x1, y, x2, y2, c, deliverRow == null ? " stroke-dasharray=\"2 2\"" : ""));
                    }
                    double lx = x1 + (x2 > x1 ? 6 : -6);
                    svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" fill=\"%s\" text-anchor=\"%s\">%s</text>%n",
                            lx, y - 3, dropped ? "#d00" : c, x2 > x1 ? "start" : "end", esc(e.type() + " #" + e.messageId())));
                }
                case "DELIVER" -> {
                    if (from != null) {
                        svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%d\" r=\"2.5\" fill=\"%s\"><title>%s</title>"
                                + "</circle>%n", laneX(from), y, colour(e.type()), title));
                    }
                }
                case "STATE", "FAILURE", "START", "RESTART", "CRASH", "DISCARD", "TIMER", "CALL" -> {
                    if (from == null) {
                        break;
                    }
                    String label = switch (e.kind()) {
                        case "STATE" -> e.type();
                        case "FAILURE" -> "FAILURE";
                        case "START" -> "start";
                        case "RESTART" -> "restart";
                        case "CRASH" -> "CRASH";
                        case "DISCARD" -> "discard";
                        case "TIMER" -> "⏱ " + (e.type() == null ? "" : e.type());
                        default -> "call";
                    };
                    String fill = switch (e.kind()) {
                        case "CRASH", "FAILURE" -> "#fde0e0";
                        case "START", "RESTART" -> "#e0f5e0";
                        case "STATE" -> "#fff6d6";
                        default -> "#eeeeee";
                    };
                    double w = Math.min(LANE - 16, 12 + label.length() * 6.2);
                    svg.append(String.format(Locale.ROOT, "<g><title>%s</title><rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"14\" "
                            + "rx=\"7\" fill=\"%s\" stroke=\"#999\"/><text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text></g>%n",
                            title, laneX(from) - w / 2, y - 8, w, fill, laneX(from), y + 3,
                            esc(Text.cut(label, (int) ((LANE - 28) / 6.2)))));
                }
                default -> svg.append(String.format(Locale.ROOT, "<g><title>%s</title><rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"14\" "
                        + "fill=\"#ffe8cc\"/><text x=\"%d\" y=\"%d\">%s</text></g>%n", title, LEFT, y - 8, width - LEFT - 20, LEFT + 4,
                        y + 3, esc(describe(e))));
            }
        }
        svg.append("</svg>\n");

        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>LedgerSim trace ")
                .append(esc(String.valueOf(trace.file().getFileName()))).append("</title>\n<style>\n")
                .append("body { font-family: sans-serif; margin: 1.5em; color: #222; }\n")
                .append("h1 { font-size: 1.3em; } h2 { font-size: 1.1em; margin-top: 1.5em; }\n")
                .append(".diagram { overflow: auto; border: 1px solid #ccc; max-height: 80vh; }\n")
                .append("table { border-collapse: collapse; font-family: monospace; font-size: 12px; }\n")
                .append("td, th { padding: 1px 8px; border-bottom: 1px solid #eee; text-align: left; white-space: nowrap; }\n")
                .append("td.t { text-align: right; color: #666; }\n")
                .append(".summary { color: #444; }\n")
                .append("</style>\n</head>\n<body>\n<h1>LedgerSim trace</h1>\n<div class=\"summary\">\n");
        for (String line : summary()) {
            html.append("<div>").append(esc(line)).append("</div>\n");
        }
        html.append("</div>\n<h2>Sequence diagram</h2>\n<p class=\"summary\">One lifeline per node; an arrow from each send "
                + "to its delivery (dashed when the delivery is not shown, red ✕ when the message was dropped); "
                + "badges for state changes, starts, crashes and failures. Hover for details.</p>\n<div class=\"diagram\">\n");
        html.append(svg);
        html.append("</div>\n<h2>Timeline</h2>\n<table>\n<tr><th>#</th><th>time (ms)</th><th>node</th><th>event</th></tr>\n");
        for (TraceFile.Event e : shown) {
            html.append(String.format(Locale.ROOT, "<tr><td>%d</td><td class=\"t\">%.3f</td><td>%s</td><td>%s</td></tr>%n", e.seq(),
                    trace.offsetMillis(e.time()), esc(e.node() == null ? "(network)" : e.node()), esc(describe(e))));
        }
        html.append("</table>\n</body>\n</html>\n");
        return html.toString();
    }

    private static double laneX(int lane) {
        return LEFT + lane * LANE + LANE / 2.0;
    }

    private static int rowY(int row) {
        return TOP + row * ROW + ROW / 2;
    }

    /** {@code s} escaped for HTML and XML text and attributes. */
    static String esc(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> {
                    if (c >= 0x20 || c == '\n' || c == '\t') {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
