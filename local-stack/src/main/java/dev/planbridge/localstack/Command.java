package dev.planbridge.localstack;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** One parsed command line of {@code ./planbridge}. */
public record Command(Verb verb, boolean detach, OrgSize org, String process, int lines, boolean exitAfterDemo) {

    /** Exit code for a malformed command line. */
    public static final int USAGE_EXIT = 2;

    public static final String USAGE = """
            Usage: ./planbridge <command> [options]

              up [--detach] [--accounts N] [--users N] [--seed N]
                                start PostgreSQL, Kafka, the Salesforce emulator and the three services;
                                Ctrl-C stops everything (--detach: run in the background, stop with `down`)
              down              stop a stack started with --detach (also cleans up leftovers of a killed stack)
              status            show which processes of the local stack run and whether they are ready
              restart <process> restart one process of a running stack (salesforce-emulator or a service);
                                the launcher also restarts any of them that exits on its own
              logs <process> [--lines N]
                                print the last lines of one process's log (%s)
              demo [--exit]     start the stack (as `up`) and run the fiscal-plan push journey on the sample org:
                                import samples/fy27, review, approve, push, conflicts, resolve; then the stack
                                keeps running until Ctrl-C (--exit: stop it after the journey, for scripts)
            """.formatted(String.join(", ", StackProcess.names()));

    public enum Verb { UP, DOWN, STATUS, LOGS, RESTART, DEMO, HELP }

    /** Size of the sample org the emulator generates; the defaults are the documented demo org. */
    public record OrgSize(int accounts, int users, long seed) {
        public static final OrgSize DEMO = new OrgSize(5000, 60, 42);
    }

    public static Command parse(String... args) {
        if (args.length == 0) {
            throw usage("No command given.");
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        return switch (args[0].toLowerCase(Locale.ROOT)) {
            case "up" -> parseUp(rest);
            case "down" -> noOptions(Verb.DOWN, rest);
            case "status" -> noOptions(Verb.STATUS, rest);
            case "demo" -> parseDemo(rest);
            case "logs" -> parseLogs(rest);
            case "restart" -> parseRestart(rest);
            case "help", "--help", "-h" -> new Command(Verb.HELP, false, OrgSize.DEMO, null, 0, false);
            default -> throw usage("Unknown command '" + args[0] + "'.");
        };
    }

    private static Command parseUp(List<String> options) {
        boolean detach = false;
        int accounts = OrgSize.DEMO.accounts();
        int users = OrgSize.DEMO.users();
        long seed = OrgSize.DEMO.seed();
        for (int i = 0; i < options.size(); i++) {
            String option = options.get(i);
            switch (option) {
                case "--detach", "-d" -> detach = true;
                case "--accounts" -> accounts = (int) number(option, valueOf(options, ++i, option), 0, 1_000_000);
                case "--users" -> users = (int) number(option, valueOf(options, ++i, option), 4, 100_000);
                case "--seed" -> seed = number(option, valueOf(options, ++i, option), Long.MIN_VALUE, Long.MAX_VALUE);
                default -> throw usage("Unknown option '" + option + "' for 'up'.");
            }
        }
        return new Command(Verb.UP, detach, new OrgSize(accounts, users, seed), null, 0, false);
    }

    /** The journey's sample plan names users and accounts of the demo org, so the org size is not an option here. */
    private static Command parseDemo(List<String> options) {
        boolean exit = false;
        for (String option : options) {
            if (option.equals("--exit")) {
                exit = true;
            } else {
                throw usage("Unknown option '" + option + "' for 'demo' (it runs on the demo org; only --exit is"
                        + " accepted).");
            }
        }
        return new Command(Verb.DEMO, false, OrgSize.DEMO, null, 0, exit);
    }

    private static Command parseLogs(List<String> options) {
        String process = null;
        int lines = 100;
        for (int i = 0; i < options.size(); i++) {
            String option = options.get(i);
            if (option.equals("--lines") || option.equals("-n")) {
                lines = (int) number(option, valueOf(options, ++i, option), 1, 1_000_000);
            } else if (option.startsWith("-")) {
                throw usage("Unknown option '" + option + "' for 'logs'.");
            } else if (process == null) {
                process = option;
            } else {
                throw usage("'logs' takes one process name, got '" + process + "' and '" + option + "'.");
            }
        }
        if (process == null) {
            throw usage("'logs' needs a process name: one of " + String.join(", ", StackProcess.names()) + ".");
        }
        if (!StackProcess.names().contains(process)) {
            throw usage("Unknown process '" + process + "': use one of " + String.join(", ", StackProcess.names()) + ".");
        }
        return new Command(Verb.LOGS, false, OrgSize.DEMO, process, lines, false);
    }

    private static Command parseRestart(List<String> options) {
        if (options.size() != 1 || options.get(0).startsWith("-")) {
            throw usage("'restart' takes one process name: one of " + String.join(", ", StackProcess.names()) + ".");
        }
        String process = options.get(0);
        if (!StackProcess.names().contains(process)) {
            throw usage("Unknown process '" + process + "': use one of " + String.join(", ", StackProcess.names()) + ".");
        }
        return new Command(Verb.RESTART, false, OrgSize.DEMO, process, 0, false);
    }

    private static Command noOptions(Verb verb, List<String> options) {
        if (!options.isEmpty()) {
            throw usage("'" + verb.name().toLowerCase(Locale.ROOT) + "' takes no options, got '" + options.get(0) + "'.");
        }
        return new Command(verb, false, OrgSize.DEMO, null, 0, false);
    }

    private static String valueOf(List<String> options, int index, String option) {
        if (index >= options.size()) {
            throw usage("Option " + option + " needs a value.");
        }
        return options.get(index);
    }

    private static long number(String option, String value, long min, long max) {
        long parsed;
        try {
            parsed = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw usage("Option " + option + " needs a whole number, got '" + value + "'.");
        }
        if (parsed < min || parsed > max) {
            throw usage("Option " + option + " must be between " + min + " and " + max + ", got " + parsed + ".");
        }
        return parsed;
    }

    private static StackException usage(String problem) {
        return new StackException(problem + " Run ./planbridge help for the commands.", USAGE_EXIT);
    }
}
