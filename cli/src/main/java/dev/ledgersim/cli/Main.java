package dev.ledgersim.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code ledgersim} command line (picocli): {@code demo}, {@code bench}, {@code inspect},
 * {@code verify}, {@code trace} and {@code help}; every command has {@code --help}.
 *
 * <p>Exit status: 0 success; 1 failure (a ledger that does not verify, an experiment that failed); 2 a
 * command line that cannot be run as given (unknown command or option, bad value, missing file).
 */
@Command(name = "ledgersim", mixinStandardHelpOptions = true, version = "ledgersim 0.1.0-SNAPSHOT",
        description = "A permissioned ledger network with Hyperledger Fabric's execute-order-validate semantics, in one JVM.",
        footer = {"", "Run 'ledgersim <command> --help' for a command's options."})
public final class Main implements Callable<Integer> {

    static {
        // The CLI talks to people: the network's routine INFO logging would bury the output.
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    /** Each command's synopsis as the command list shows it. */
    private static final Map<String, String> SYNOPSES = new LinkedHashMap<>();

    static {
        SYNOPSES.put("demo", "demo [--seed N] [--identities]");
        SYNOPSES.put("bench", "bench [--quick | --preset NAME | --file FILE] [--out DIR]");
        SYNOPSES.put("inspect", "inspect <dir> [--channel C] [--block N] [--peer NODE]");
        SYNOPSES.put("verify", "verify <dir>");
        SYNOPSES.put("trace", "trace <file> [--html FILE] [--limit N] [--all]");
        SYNOPSES.put("help", "help [COMMAND]");
    }

    @Spec
    private CommandSpec spec;

    private final PrintStream err;

    private Main(PrintStream err) {
        this.err = err;
    }

    /** Runs a command and exits with its status: 0 success, 1 failure, 2 usage error. */
    public static void main(String[] args) {
        System.exit(run(List.of(args), System.out, System.err));
    }

    /** Runs a command, printing to {@code out} and {@code err}; returns the exit status. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        return commandLine(out, err).execute(args.toArray(String[]::new));
    }

    /** No command given: the usage, on standard error, status 2. */
    @Override
    public Integer call() {
        err.println("ledgersim: no command given");
        err.print(spec.commandLine().getUsageMessage());
        return 2;
    }

    static CommandLine commandLine(PrintStream out, PrintStream err) {
        CommandLine cl = new CommandLine(new Main(err));
        cl.addSubcommand("demo", new DemoCommand(out));
        cl.addSubcommand("bench", new BenchCommand(out, err));
        cl.addSubcommand("inspect", new InspectCommand(out));
        cl.addSubcommand("verify", new VerifyCommand(out));
        cl.addSubcommand("trace", new TraceCommand(out));
        cl.addSubcommand("help", new CommandLine.HelpCommand());
        cl.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cl.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST, Main::commandList);
        cl.setParameterExceptionHandler((ex, arguments) -> {
            CommandLine where = ex.getCommandLine();
            where.getErr().println(prefix(where) + ": " + describe(ex));
            where.getErr().println("Run '" + commandPath(where) + " --help' for usage.");
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, where, parseResult) -> {
            if (ex instanceof UsageException) {
                where.getErr().println(prefix(where) + ": " + ex.getMessage());
                return 2;
            }
            LOG.debug("{} failed", commandPath(where), ex);
            where.getErr().println(prefix(where) + ": " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            return 1;
        });
        return cl;
    }

    private static String commandList(CommandLine.Help help) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, CommandLine.Help> sub : help.subcommands().entrySet()) {
            String synopsis = SYNOPSES.getOrDefault(sub.getKey(), sub.getKey());
            String[] description = sub.getValue().commandSpec().usageMessage().description();
            String text = sub.getKey().equals("help") ? "The usage of ledgersim, or of one command."
                    : description.length == 0 ? "" : description[0];
            sb.append("  ").append(synopsis).append(System.lineSeparator());
            for (String line : wrap(text, 90)) {
                sb.append("      ").append(line).append(System.lineSeparator());
            }
        }
        return sb.toString();
    }

    private static List<String> wrap(String text, int width) {
        List<String> lines = new java.util.ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() == 0 ? "" : " ").append(word);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }

    private static String commandPath(CommandLine cl) {
        return cl.getParent() == null ? "ledgersim" : "ledgersim " + cl.getCommandName();
    }

    private static String prefix(CommandLine cl) {
        return commandPath(cl);
    }

    /** A parse error in the words of the option or argument it is about. */
    static String describe(ParameterException ex) {
        if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String arg = u.getUnmatched().get(0);
            if (ex.getCommandLine().getParent() == null && !arg.startsWith("-")) {
                return "unknown command '" + arg + "' (commands: " + String.join(", ", SYNOPSES.keySet()) + ")";
            }
            return arg.startsWith("-") ? "unknown option '" + arg + "'" : "unexpected argument '" + arg + "'";
        }
        if (ex instanceof CommandLine.MissingParameterException m && !m.getMissing().isEmpty()) {
            ArgSpec missing = m.getMissing().get(0);
            if (missing instanceof OptionSpec option) {
                return option.longestName() + " needs a value";
            }
            if (missing instanceof PositionalParamSpec positional) {
                return "missing " + positional.paramLabel();
            }
        }
        ArgSpec arg = ex.getArgSpec();
        if (arg != null && ex.getCause() instanceof CommandLine.TypeConversionException conversion) {
            String name = arg instanceof OptionSpec option ? option.longestName() : arg.paramLabel();
            return name + " " + conversion.getMessage();
        }
        String message = ex.getMessage();
        return message != null && message.startsWith("Error: ") ? message.substring(7) : message;
    }
}
