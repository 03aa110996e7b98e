package dev.planbridge.planning.territory;

import dev.planbridge.planning.common.FieldError;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A plan's territory tree, checked as a whole: unique keys, known types, parents that exist, no cycles.
 * Keys follow Salesforce DeveloperName rules so the sync service can write them unchanged.
 */
public final class TerritoryHierarchy {

    private static final java.util.regex.Pattern DEVELOPER_NAME =
            java.util.regex.Pattern.compile("[A-Za-z](?:[A-Za-z0-9]|_(?!_))*(?<!_)");

    public record Node(String key, String parentKey, String typeKey) {
    }

    private final Map<String, Node> byKey;
    private final Map<String, List<String>> children;

    private TerritoryHierarchy(Map<String, Node> byKey) {
        this.byKey = byKey;
        this.children = new HashMap<>();
        for (Node node : byKey.values()) {
            children.computeIfAbsent(node.parentKey(), k -> new ArrayList<>()).add(node.key());
        }
    }

    /** Builds the tree, or returns the reasons it is not one (never both). */
    public static Result build(List<Node> nodes, Set<String> typeKeys) {
        List<FieldError> errors = new ArrayList<>();
        Map<String, Node> byKey = new LinkedHashMap<>();
        for (Node node : nodes) {
            if (node.key() == null || node.key().isBlank()) {
                errors.add(FieldError.of("key", "territory key is required"));
                continue;
            }
            if (node.key().length() > 80 || !DEVELOPER_NAME.matcher(node.key()).matches()) {
                errors.add(FieldError.of("key", "'" + node.key() + "' is not a valid DeveloperName (letter first,"
                        + " then letters, digits and single underscores, at most 80 characters)"));
            }
            if (byKey.putIfAbsent(node.key(), node) != null) {
                errors.add(FieldError.of("key", "duplicate territory key '" + node.key() + "'"));
            }
            if (node.typeKey() == null || !typeKeys.contains(node.typeKey())) {
                errors.add(FieldError.of("typeKey", "territory '" + node.key() + "' has unknown type '" + node.typeKey() + "'"));
            }
        }
        for (Node node : byKey.values()) {
            if (node.parentKey() != null && !byKey.containsKey(node.parentKey())) {
                errors.add(FieldError.of("parentKey", "territory '" + node.key() + "' has unknown parent '"
                        + node.parentKey() + "'"));
            }
        }
        if (errors.isEmpty()) {
            String cycle = findCycle(byKey);
            if (cycle != null) {
                errors.add(FieldError.of("parentKey", "territory hierarchy has a cycle: " + cycle));
            }
        }
        return errors.isEmpty() ? new Result(new TerritoryHierarchy(byKey), List.of()) : new Result(null, errors);
    }

    public record Result(TerritoryHierarchy hierarchy, List<FieldError> errors) {
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    private static String findCycle(Map<String, Node> byKey) {
        Set<String> safe = new HashSet<>();
        for (String start : byKey.keySet()) {
            List<String> path = new ArrayList<>();
            Set<String> onPath = new HashSet<>();
            String current = start;
            while (current != null && !safe.contains(current)) {
                if (!onPath.add(current)) {
                    List<String> loop = new ArrayList<>(path.subList(path.indexOf(current), path.size()));
                    loop.add(current);
                    return String.join(" -> ", loop);
                }
                path.add(current);
                current = byKey.get(current).parentKey();
            }
            safe.addAll(path);
        }
        return null;
    }

    public boolean contains(String key) {
        return byKey.containsKey(key);
    }

    public Node node(String key) {
        return byKey.get(key);
    }

    public List<String> childrenOf(String key) {
        return children.getOrDefault(key, List.of());
    }

    public List<String> roots() {
        return childrenOf(null);
    }

    /** Every key, parents before their children (the order Salesforce needs them created in). */
    public List<String> parentsFirst() {
        List<String> order = new ArrayList<>(byKey.size());
        Deque<String> queue = new ArrayDeque<>(roots());
        while (!queue.isEmpty()) {
            String key = queue.removeFirst();
            order.add(key);
            queue.addAll(childrenOf(key));
        }
        return order;
    }

    /** Depth of a territory: 0 for roots. */
    public int depth(String key) {
        int depth = 0;
        for (Node n = byKey.get(key); n != null && n.parentKey() != null; n = byKey.get(n.parentKey())) {
            depth++;
        }
        return depth;
    }

    public int size() {
        return byKey.size();
    }
}
