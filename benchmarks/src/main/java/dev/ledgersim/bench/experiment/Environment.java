package dev.ledgersim.bench.experiment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;

/**
 * Where an experiment ran, written next to its results so numbers can be compared fairly.
 *
 * @param ledgersimVersion the LedgerSim version
 * @param java the JDK version
 * @param javaVendor its vendor
 * @param vm the JVM name and version
 * @param os the operating system and version
 * @param arch the CPU architecture
 * @param cpu the CPU model (from {@code /proc/cpuinfo} where there is one), or "unknown"
 * @param cores the processors available to the JVM
 * @param maxHeapMb the maximum heap
 * @param gitCommit {@code git rev-parse HEAD} of the working directory, or "unknown"
 * @param seed the experiment's seed
 * @param startedAt when the experiment started (wall clock; it reaches no block)
 */
public record Environment(String ledgersimVersion, String java, String javaVendor, String vm, String os, String arch,
                          String cpu, int cores, long maxHeapMb, String gitCommit, long seed, String startedAt) {

    /** The environment of this JVM, for an experiment with {@code seed}. */
    public static Environment capture(long seed) {
        String version = Environment.class.getPackage().getImplementationVersion();
        return new Environment(version == null ? "0.1.0-SNAPSHOT" : version, System.getProperty("java.version"),
                System.getProperty("java.vendor"), System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version"), System.getProperty("os.arch"), cpuModel(),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / 1048576, currentGitCommit(), seed,
                // The wall-clock date of the run, for the reader of environment.json only: it never reaches a
                // block, a hash or a result figure.
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    }

    private static String cpuModel() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        try {
            if (Files.isReadable(cpuinfo)) {
                for (String line : Files.readAllLines(cpuinfo, StandardCharsets.UTF_8)) {
                    if (line.startsWith("model name")) {
                        return line.substring(line.indexOf(':') + 1).trim();
                    }
                }
            }
        } catch (IOException e) {
            return "unknown";
        }
        return "unknown";
    }

    /** The commit checked out in the working directory, or "unknown" (no git, not a repository, timeout). */
    static String currentGitCommit() {
        try {
            Process p = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "unknown";
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.exitValue() == 0 && out.matches("[0-9a-f]{40}") ? out : "unknown";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
