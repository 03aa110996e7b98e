package dev.planbridge.localstack;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Kafka holds an OS lock on {@code <log.dir>/.lock} while it runs. A broker that was killed leaves the file behind;
 * a broker that still runs (say, an orphan of a killed launcher) still holds the lock.
 */
public final class KafkaLogDirLock {

    public static final String LOCK_FILE = ".lock";

    public enum State {
        /** No lock file: a clean previous stop, or the first start. */
        ABSENT,
        /** A lock file nobody holds: left by a killed broker; it has been removed. */
        STALE_REMOVED,
        /** Another live process holds the lock: a broker still uses this folder. */
        HELD
    }

    private KafkaLogDirLock() {
    }

    public static State inspectAndClean(Path logDir) {
        Path lockFile = logDir.resolve(LOCK_FILE);
        if (!Files.exists(lockFile)) {
            return State.ABSENT;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException heldInThisJvm) {
                return State.HELD;
            }
            if (lock == null) {
                return State.HELD;
            }
            lock.release();
        } catch (IOException e) {
            throw new StackException("Cannot inspect the Kafka lock file " + lockFile + ": " + e.getMessage()
                    + ". Check its permissions or delete it if no broker runs.");
        }
        try {
            Files.delete(lockFile);
        } catch (IOException e) {
            throw new StackException("Cannot remove the stale Kafka lock file " + lockFile + ": " + e.getMessage());
        }
        return State.STALE_REMOVED;
    }
}
