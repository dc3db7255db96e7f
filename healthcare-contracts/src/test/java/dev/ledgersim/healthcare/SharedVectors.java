package dev.ledgersim.healthcare;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The shared test vectors ({@code ../shared/testvectors}, system property {@code ledgersim.shared.dir}):
 * third-party data that is never copied into the project; tests that need it skip when it is absent.
 */
public final class SharedVectors {

    private SharedVectors() {
    }

    /** The file {@code relative} under {@code testvectors/}, if the shared folder is present. */
    public static Optional<Path> file(String relative) {
        String dir = System.getProperty("ledgersim.shared.dir");
        if (dir == null || dir.isEmpty()) {
            return Optional.empty();
        }
        Path path = Path.of(dir, "testvectors", relative);
        return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
    }
}
