package dev.ledgersim.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ledgersim trace <file>}: a trace written by {@code sim.trace().writeJson(path)} as a readable
 * timeline, and with {@code --html} as a self-contained page with a sequence diagram of the messages.
 */
@Command(name = "trace", mixinStandardHelpOptions = true,
        description = "Renders a trace (sim.trace().writeJson) as a readable timeline, and as a self-contained HTML page "
                + "with a sequence diagram (SVG) of the messages.")
final class TraceCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "<file>", description = "the trace JSON file")
    private Path file;

    @Option(names = "--html", paramLabel = "FILE", description = "also write the HTML page with the sequence diagram here")
    private Path html;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "500", converter = Converters.Count.class,
            description = "the most events shown (default: ${DEFAULT-VALUE}; 0 for all)")
    private int limit;

    @Option(names = "--all", description = "also show timers and API calls (hidden by default)")
    private boolean all;

    @Option(names = "--quiet", description = "do not print the timeline (with --html)")
    private boolean quiet;

    private final PrintStream out;

    TraceCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() {
        if (quiet && html == null) {
            throw new UsageException("--quiet prints nothing without --html FILE");
        }
        TraceRenderer renderer = new TraceRenderer(TraceFile.read(file), all, limit);
        if (!quiet) {
            out.print(renderer.text());
        }
        if (html != null) {
            try {
                Path parent = html.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.writeString(html, renderer.html(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + html + ": " + e.getMessage(), e);
            }
            out.println("wrote " + html + " (" + renderer.shown().size() + " events, sequence diagram and timeline)");
        }
        return 0;
    }
}
