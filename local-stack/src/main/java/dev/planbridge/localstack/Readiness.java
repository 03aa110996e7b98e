package dev.planbridge.localstack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a process to be ready, failing fast (with its last log lines) if it dies first. */
public final class Readiness {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final int LOG_LINES_ON_FAILURE = 30;

    private Readiness() {
    }

    public static void await(ChildProcess child, BooleanSupplier ready, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!child.isAlive()) {
                throw new StackException(child.name().processName() + " exited (code " + child.exitValue()
                        + ") before it was ready. Last lines of " + child.log() + ":\n"
                        + String.join("\n", ChildProcess.tail(child.log(), LOG_LINES_ON_FAILURE)));
            }
            if (ready.getAsBoolean()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new StackException(child.name().processName() + " was not ready after " + timeout.toSeconds()
                        + " s. Last lines of " + child.log() + ":\n"
                        + String.join("\n", ChildProcess.tail(child.log(), LOG_LINES_ON_FAILURE)));
            }
            sleep(Duration.ofMillis(200));
        }
    }

    /** True when GET {@code url} answers 200. */
    public static boolean httpOk(String url) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).GET().build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted while waiting for " + url);
        }
    }

    public static boolean accepts(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted while starting the local stack");
        }
    }
}
