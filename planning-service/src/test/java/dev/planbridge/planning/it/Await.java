package dev.planbridge.planning.it;

import java.time.Duration;

/** Polls an assertion until it passes or the time is up (then rethrows its last failure). */
final class Await {

    private Await() {
    }

    static void until(Duration atMost, Runnable assertion) {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (true) {
            try {
                assertion.run();
                return;
            } catch (AssertionError | RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
