package dev.ledgersim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's example is compiled against the current code and run; its promised output is checked. */
class ReadmeExampleTest {

    private static final Pattern EXAMPLE = Pattern.compile(
            "<!-- readme-example:start -->\\s*```java\\n(.*?)```\\s*<!-- readme-example:end -->", Pattern.DOTALL);

    static Path readme() {
        String dir = System.getProperty("ledgersim.project.dir");
        Path candidate = dir != null ? Path.of(dir, "README.md") : Path.of("..", "README.md");
        return Files.exists(candidate) ? candidate : Path.of("..", "README.md");
    }

    @Test
    void readmeExampleCompilesRunsAndPrintsWhatTheReadmeSays(@TempDir Path work) throws Exception {
        String readme = Files.readString(readme());
        Matcher m = EXAMPLE.matcher(readme);
        assertTrue(m.find(), "README.md has no readme-example block");
        String source = m.group(1);
        assertTrue(source.lines().count() <= 40, "the README example should stay short");

        Path file = work.resolve("Example.java");
        Files.writeString(file, source);
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int rc = javac.run(null, diagnostics, diagnostics, "-classpath", classpath, "-d", work.toString(), file.toString());
        assertEquals(0, rc, "README example does not compile:\n" + diagnostics.toString(StandardCharsets.UTF_8));

        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {work.toUri().toURL()}, getClass().getClassLoader())) {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            Method main = loader.loadClass("Example").getMethod("main", String[].class);
            main.invoke(null, (Object) new String[0]);
        } finally {
            System.setOut(original);
        }
        List<String> lines = captured.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(List.of("glucose 7.9 mmol/L", "blocks on peer0.org2msp: 5"),
                lines.stream().filter(l -> !l.startsWith("[")).toList());
        for (String line : lines.stream().filter(l -> !l.startsWith("[")).toList()) {
            assertTrue(readme.contains(line), "README promises different output than: " + line);
        }
    }
}
