package dev.planbridge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Turns what a person types for a user ("Rita Rep", "rita@acme.demo" or 005…) into the user id filters need, from
 * the planning service's CRM mirror. A name that fits several users is refused with the candidates listed, never
 * guessed.
 */
final class UserLookup {

    private static final Pattern USER_ID = Pattern.compile("005[A-Za-z0-9]{12}([A-Za-z0-9]{3})?");

    private UserLookup() {
    }

    static String resolve(ApiClient planning, String nameOrId, Function<String, RuntimeException> usage) {
        String wanted = nameOrId.trim();
        if (USER_ID.matcher(wanted).matches()) {
            return wanted;
        }
        JsonNode users = planning.get("api/v1/console/users?limit=20&q="
                + URLEncoder.encode(wanted, StandardCharsets.UTF_8));
        return pick(users, wanted, usage);
    }

    /** The one user whose name or username is {@code wanted} (ignoring case), else the only partial match. */
    static String pick(JsonNode users, String wanted, Function<String, RuntimeException> usage) {
        List<JsonNode> exact = new ArrayList<>();
        List<JsonNode> all = new ArrayList<>();
        for (JsonNode user : users) {
            all.add(user);
            if (wanted.equalsIgnoreCase(user.path("name").asText()) || wanted.equalsIgnoreCase(user.path("username").asText())) {
                exact.add(user);
            }
        }
        List<JsonNode> candidates = exact.isEmpty() ? all : exact;
        if (candidates.size() == 1) {
            return candidates.get(0).path("id").asText();
        }
        if (candidates.isEmpty()) {
            throw usage.apply("No CRM user is named '" + wanted + "' (give a name, a username or a 005… id)");
        }
        List<String> listed = candidates.stream().limit(5)
                .map(u -> u.path("name").asText() + " (" + u.path("id").asText() + ")").toList();
        throw usage.apply("'" + wanted + "' fits " + candidates.size() + " CRM users: " + String.join(", ", listed)
                + (candidates.size() > 5 ? ", …" : "") + "; give the full name or the id");
    }
}
