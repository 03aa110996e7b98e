package dev.planbridge.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** A file holding one process id; "live" means the process still exists (and, optionally, is the expected one). */
public final class PidFile {

    private final Path file;

    public PidFile(Path file) {
        this.file = file;
    }

    public Path path() {
        return file;
    }

    public void write(long pid) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, pid + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    public Optional<Long> read() {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(Files.readString(file, StandardCharsets.UTF_8).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The live process recorded in the file, if any; a file pointing at a dead process is stale. */
    public Optional<ProcessHandle> liveProcess() {
        return read().flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
    }

    public void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + file, e);
        }
    }

    /** Deletes the file only if it still names {@code pid}, so a newer launcher's file is never removed. */
    public void deleteIfOwnedBy(long pid) {
        if (read().filter(recorded -> recorded == pid).isPresent()) {
            delete();
        }
    }
}
