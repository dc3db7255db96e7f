package dev.ledgersim.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code dev.ledgersim.raft} is a pure state machine: it may use the JDK and nothing else (no
 * Guava, no slf4j, no other LedgerSim module). This test reads the main sources and fails on any
 * import, or fully qualified reference, outside {@code java.*} and the package itself.
 */
class DependencyFreeTest {

    private static final Pattern IMPORT = Pattern.compile("^\\s*import\\s+(?:static\\s+)?([\\w.]+)", Pattern.MULTILINE);
    private static final Pattern QUALIFIED = Pattern.compile("\\b(?:org|com|io|net|javax|jdk|sun|dev)\\.[a-z]\\w*\\.[\\w.]+");

    static Path sourceDir() {
        String project = System.getProperty("ledgersim.project.dir");
        Path relative = Path.of("src", "main", "java", "dev", "ledgersim", "raft");
        if (project != null && Files.isDirectory(Path.of(project, "ordering-raft").resolve(relative))) {
            return Path.of(project, "ordering-raft").resolve(relative);
        }
        return relative;
    }

    /** The imports and qualified names in {@code source} that leave the JDK and this package. */
    static List<String> foreignReferences(String source) {
        List<String> foreign = new ArrayList<>();
        Matcher m = IMPORT.matcher(source);
        while (m.find()) {
            String name = m.group(1);
            if (!name.startsWith("java.") && !name.startsWith("dev.ledgersim.raft.")) {
                foreign.add(name);
            }
        }
        String code = source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\n]*", "");
        Matcher q = QUALIFIED.matcher(code.replaceAll("(?m)^\\s*(package|import)\\s.*$", ""));
        while (q.find()) {
            if (!q.group().startsWith("dev.ledgersim.raft.")) {
                foreign.add(q.group());
            }
        }
        return foreign;
    }

    @Test
    void mainSourcesImportOnlyTheJdk() throws IOException {
        Path dir = sourceDir();
        assertTrue(Files.isDirectory(dir), "sources not found at " + dir.toAbsolutePath());
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        assertTrue(files.size() >= 10, "only " + files.size() + " sources found in " + dir);

        List<String> violations = new ArrayList<>();
        for (Path f : files) {
            String source;
            try {
                source = Files.readString(f, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            assertTrue(source.contains("package dev.ledgersim.raft;"), f + " is outside the package");
            for (String ref : foreignReferences(source)) {
                violations.add(dir.relativize(f) + ": " + ref);
            }
        }
        assertEquals(List.of(), violations);
    }

    @Test
    void theScannerRecognisesForeignReferences() {
        String source = """
                package dev.ledgersim.raft;
                import java.util.List;
                import static java.util.Objects.requireNonNull;
                import dev.ledgersim.raft.RaftMessage.Heartbeat;
                import org.slf4j.Logger;
                import static com.google.common.base.Preconditions.checkState;
                import javax.annotation.Nullable;
                class X {
                    // org.example.InComment is fine
                    dev.ledgersim.ledger.Block block;
                }
                """;

        assertEquals(List.of("org.slf4j.Logger", "com.google.common.base.Preconditions.checkState",
                "javax.annotation.Nullable", "dev.ledgersim.ledger.Block"), foreignReferences(source));
    }
}
