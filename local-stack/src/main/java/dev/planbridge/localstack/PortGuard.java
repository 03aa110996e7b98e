package dev.planbridge.localstack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Checks every port before anything starts, so a busy port never leaves a half-started stack behind. The process
 * holding a port is looked up in /proc (Linux), the same way {@code ss -ltnp} does it.
 */
public final class PortGuard {

    private static final String LISTEN_STATE = "0A";

    private final Path proc;

    public PortGuard() {
        this(Path.of("/proc"));
    }

    PortGuard(Path proc) {
        this.proc = proc;
    }

    /** A port that cannot be bound, with the process holding it when it could be found. */
    public record BusyPort(int port, String purpose, Optional<Holder> holder) {
        public String describe() {
            return "Port " + port + " (" + purpose + ") is already in use"
                    + holder.map(h -> " by pid " + h.pid() + " (" + h.commandLine() + ")").orElse("");
        }
    }

    public record Holder(long pid, String commandLine) {
    }

    public static boolean isFree(int port) {
        // The wildcard address covers IPv4 and IPv6 listeners on any interface, like the services will bind.
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public List<BusyPort> busyPorts(Map<Integer, String> portsWithPurpose) {
        List<BusyPort> busy = new ArrayList<>();
        portsWithPurpose.forEach((port, purpose) -> {
            if (!isFree(port)) {
                busy.add(new BusyPort(port, purpose, holderOf(port)));
            }
        });
        return busy;
    }

    /** Throws one message naming every busy port and what to do, or returns when all are free. */
    public void requireFree(Map<Integer, String> portsWithPurpose) {
        List<BusyPort> busy = busyPorts(portsWithPurpose);
        if (busy.isEmpty()) {
            return;
        }
        StringBuilder message = new StringBuilder("Cannot start the local stack: ");
        message.append(busy.size() == 1 ? "a port it needs is in use." : busy.size() + " ports it needs are in use.");
        busy.forEach(b -> message.append("\n  - ").append(b.describe()));
        message.append("\nIf these are left over from a stack that was killed, run ./planbridge down;"
                + " otherwise stop the process(es) holding the port(s). Nothing was started.");
        throw new StackException(message.toString());
    }

    public Optional<Holder> holderOf(int port) {
        Set<String> inodes = new HashSet<>();
        for (String table : List.of("net/tcp", "net/tcp6")) {
            try {
                inodes.addAll(listeningInodes(Files.readAllLines(proc.resolve(table)), port));
            } catch (IOException | RuntimeException e) {
                // no /proc (not Linux) or no IPv6: the message just names the port
            }
        }
        if (inodes.isEmpty()) {
            return Optional.empty();
        }
        try (Stream<Path> processes = Files.list(proc)) {
            return processes
                    .filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(p -> ownsSocket(p, inodes))
                    .findFirst()
                    .map(p -> new Holder(Long.parseLong(p.getFileName().toString()), commandLine(p)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Socket inodes of listening sockets on {@code port} in one /proc/net/tcp[6] table. */
    static Set<String> listeningInodes(List<String> table, int port) {
        String hexPort = String.format(Locale.ROOT, ":%04X", port);
        Set<String> inodes = new HashSet<>();
        for (String line : table.subList(Math.min(1, table.size()), table.size())) {
            String[] columns = line.trim().split("\\s+");
            // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
            if (columns.length > 9 && columns[1].endsWith(hexPort) && columns[3].equals(LISTEN_STATE)) {
                inodes.add(columns[9]);
            }
        }
        return inodes;
    }

    private static boolean ownsSocket(Path processDir, Set<String> inodes) {
        try (Stream<Path> fds = Files.list(processDir.resolve("fd"))) {
            return fds.anyMatch(fd -> {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    return target.startsWith("socket:[") && inodes.contains(target.substring(8, target.length() - 1));
                } catch (IOException | UnsupportedOperationException e) {
                    return false;
                }
            });
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    static String commandLine(Path processDir) {
        try {
            String raw = new String(Files.readAllBytes(processDir.resolve("cmdline")), StandardCharsets.UTF_8)
                    .replace('\0', ' ').trim();
            return raw.length() > 160 ? raw.substring(0, 157) + "..." : raw;
        } catch (IOException e) {
            return "unknown command";
        }
    }
}
