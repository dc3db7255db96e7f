package dev.ledgersim.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code ledgersim} command line. {@code ledgersim demo} runs the main demonstration;
 * {@code ledgersim help} lists the commands.
 */
public final class Main {

    private Main() {
    }

    /** Runs a command and exits with its status: 0 success, 1 failure, 2 usage error. */
    public static void main(String[] args) {
        System.exit(run(List.of(args), System.out, System.err));
    }

    /** Runs a command, printing to {@code out} and {@code err}; returns the exit status. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty() || args.get(0).equals("help") || args.get(0).equals("--help") || args.get(0).equals("-h")) {
            usage(args.isEmpty() ? err : out);
            return args.isEmpty() ? 2 : 0;
        }
        String command = args.get(0);
        List<String> rest = args.subList(1, args.size());
        try {
            return switch (command) {
                case "demo" -> DemoCommand.fromArgs(rest).run(out);
                default -> {
                    err.println("ledgersim: unknown command '" + command + "'");
                    usage(err);
                    yield 2;
                }
            };
        } catch (UsageException e) {
            err.println("ledgersim " + command + ": " + e.getMessage());
            return 2;
        }
    }

    private static void usage(PrintStream out) {
        out.println("usage: ledgersim <command> [options]");
        out.println();
        out.println("commands:");
        out.println("  demo [--seed N]   certificate authorities, identities, signatures, MSP validation and");
        out.println("                    endorsement policies of a two-organisation network, step by step");
        out.println("  help              this text");
    }

    /** A command line that cannot be run as given. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }

        static long parseLong(String option, String value) {
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new UsageException(option + " expects a whole number, got '" + value + "'");
            }
        }

        static String valueOf(List<String> args, int i) {
            if (i + 1 >= args.size()) {
                throw new UsageException(args.get(i) + " needs a value");
            }
            return args.get(i + 1);
        }

        static UsageException unknown(String option, String... known) {
            return new UsageException("unknown option '" + option + "' (known: " + Arrays.toString(known) + ")");
        }
    }
}
