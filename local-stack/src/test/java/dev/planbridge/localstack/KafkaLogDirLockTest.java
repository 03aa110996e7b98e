package dev.planbridge.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaLogDirLockTest {

    @TempDir
    Path logDir;

    @Test
    void shouldFindNoLockOnAFirstStart() {
        assertEquals(KafkaLogDirLock.State.ABSENT, KafkaLogDirLock.inspectAndClean(logDir));
    }

    @Test
    void shouldRemoveALockFileThatNoProcessHolds() throws IOException {
        // What a broker killed with SIGKILL leaves behind: the file, without the OS lock.
        Path lock = Files.createFile(logDir.resolve(".lock"));

        assertEquals(KafkaLogDirLock.State.STALE_REMOVED, KafkaLogDirLock.inspectAndClean(logDir));

        assertFalse(Files.exists(lock));
    }

    @Test
    void shouldLeaveALockThatALiveProcessHolds() throws IOException {
        Path lock = Files.createFile(logDir.resolve(".lock"));
        try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.WRITE);
             FileLock held = channel.lock()) {

            assertEquals(KafkaLogDirLock.State.HELD, KafkaLogDirLock.inspectAndClean(logDir));

            assertTrue(held.isValid());
            assertTrue(Files.exists(lock));
        }
    }
}
