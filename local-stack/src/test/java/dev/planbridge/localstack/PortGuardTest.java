package dev.planbridge.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PortGuardTest {

    @Test
    void shouldSeeABusyPortAndNameTheProcessHoldingIt() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            assertFalse(PortGuard.isFree(port));

            List<PortGuard.BusyPort> busy = new PortGuard().busyPorts(Map.of(port, "Kafka broker"));

            assertEquals(1, busy.size());
            assertEquals(port, busy.get(0).port());
            assertTrue(busy.get(0).describe().startsWith("Port " + port + " (Kafka broker) is already in use"));
            if (Files.isDirectory(Path.of("/proc/self/fd"))) {
                assertEquals(ProcessHandle.current().pid(), busy.get(0).holder().orElseThrow().pid());
            }
        }
    }

    @Test
    void shouldListEveryBusyPortInOneMessageAndSayNothingStarted() throws IOException {
        try (ServerSocket first = new ServerSocket(0); ServerSocket second = new ServerSocket(0)) {
            Map<Integer, String> ports = new LinkedHashMap<>();
            ports.put(first.getLocalPort(), "PostgreSQL");
            ports.put(freePort(), "planning-service");
            ports.put(second.getLocalPort(), "sync-service");

            StackException e = assertThrows(StackException.class, () -> new PortGuard().requireFree(ports));

            assertTrue(e.getMessage().contains("2 ports it needs are in use"), e.getMessage());
            assertTrue(e.getMessage().contains("Port " + first.getLocalPort() + " (PostgreSQL)"), e.getMessage());
            assertTrue(e.getMessage().contains("Port " + second.getLocalPort() + " (sync-service)"), e.getMessage());
            assertFalse(e.getMessage().contains("planning-service"), e.getMessage());
            assertTrue(e.getMessage().contains("./planbridge down"), e.getMessage());
            assertTrue(e.getMessage().contains("Nothing was started"), e.getMessage());
        }
    }

    @Test
    void shouldPassWhenAllPortsAreFree() throws IOException {
        new PortGuard().requireFree(Map.of(freePort(), "Kafka broker"));
    }

    @Test
    void shouldFindListeningSocketsOfAPortInProcNetTcp() {
        List<String> table = List.of(
                "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode",
                "   0: 0100007F:2384 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4711 1",
                "   1: 0100007F:2384 0100007F:9C40 01 00000000:00000000 00:00000000 00000000     0        0 4712 1",
                "   2: 00000000:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4713 1");

        assertEquals(Set.of("4711"), PortGuard.listeningInodes(table, 9092));
        assertEquals(Set.of("4713"), PortGuard.listeningInodes(table, 8080));
        assertEquals(Set.of(), PortGuard.listeningInodes(table, 8081));
    }

    @Test
    void shouldNameNoProcessWhenProcIsMissing() {
        assertTrue(new PortGuard(Path.of("/nonexistent-proc")).holderOf(9092).isEmpty());
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(0));
            return socket.getLocalPort();
        }
    }
}
