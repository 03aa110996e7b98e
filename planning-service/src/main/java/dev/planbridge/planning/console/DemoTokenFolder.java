package dev.planbridge.planning.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The local stack's demo bearer tokens, one {@code <role>.jwt} file per demo user. Only the four human roles are ever
 * read; the {@code service} token lying in the same folder is never handed out, whatever the file names say, and a
 * token that carries the service group is refused even when it sits in a human role's file.
 */
public final class DemoTokenFolder {

    /** The roles a person can log in as, in the order the login page shows them. */
    public static final List<String> ROLES = List.of("planner", "approver", "viewer", "admin");

    private static final Pattern SERVICE_GROUP = Pattern.compile("\"groups\"\\s*:\\s*\\[[^\\]]*\"service\"");

    private final Path folder;

    public DemoTokenFolder(Path folder) {
        this.folder = folder;
    }

    /** The roles whose token file exists and is usable. */
    public List<String> availableRoles() {
        List<String> roles = new ArrayList<>();
        for (String role : ROLES) {
            if (token(role).isPresent()) {
                roles.add(role);
            }
        }
        return roles;
    }

    /** The token of a demo role; empty for any other name, a missing or empty file, or a service token. */
    public Optional<String> token(String role) {
        if (role == null || !ROLES.contains(role)) {
            return Optional.empty();
        }
        Path file = folder.resolve(role + ".jwt");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        String token;
        try {
            token = Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the demo token " + file, e);
        }
        if (token.isEmpty() || carriesServiceGroup(token)) {
            return Optional.empty();
        }
        return Optional.of(token);
    }

    /** Looks into the (unverified) payload: a file swapped for the service token must not leak it. */
    static boolean carriesServiceGroup(String token) {
        String[] parts = token.split("\\.");
        if (parts.length < 2) {
            return false;
        }
        try {
            String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
            return SERVICE_GROUP.matcher(payload).find();
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }
}
