package dev.planbridge.deploy;

import dev.planbridge.contracts.Topics;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The topics the suite documents, each with whether it is compacted.
 *
 * <p>Source: docs/events.md when it exists — every markdown table whose first header cell is "Topic" lists one topic
 * per row, the name in backticks in the first column, and a row mentioning "compact" marks a compacted topic; headings
 * naming a dotted topic in backticks count too (their compaction is not checked). A placeholder such as
 * {@code crm.<object>.changes} expands to each captured object. Until that file exists: the String constants of {@link Topics}
 * plus deploy/k8s/components/kafka-topics/topics-fallback.txt.
 */
/**
 * compactedByTopic: true/false when the source says so, null when it does not. partitionsByTopic and
 * retentionMsByTopic: what a topic table's "Partitions" and "... retention" columns say, for the topics it states them.
 */
record TopicCatalog(String source, Map<String, Boolean> compactedByTopic, Map<String, Integer> partitionsByTopic,
                    Map<String, Long> retentionMsByTopic) {

    static final String EVENTS_DOC = "docs/events.md";
    static final String FALLBACK = "deploy/k8s/components/kafka-topics/topics-fallback.txt";

    private static final Pattern BACKTICKED = Pattern.compile("^`([^`]+)`");
    private static final Pattern BACKTICKED_ANYWHERE = Pattern.compile("`([^`]+)`");
    private static final Pattern TOPIC_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");
    /** A dotted lower-case name, possibly with one placeholder: what a heading naming a topic looks like. */
    private static final Pattern TOPIC_LIKE = Pattern.compile("[a-z0-9]+(\\.([a-z0-9_-]+|<[a-zA-Z]+>|\\{[a-zA-Z]+}))+");
    private static final Pattern RETENTION = Pattern.compile("(?i)(\\d+)\\s*(days?|hours?)\\b");
    private static final Pattern PLACEHOLDER = Pattern.compile("<[a-zA-Z]+>|\\{[a-zA-Z]+}");

    Set<String> names() {
        return new TreeSet<>(compactedByTopic.keySet());
    }

    static TopicCatalog load(Path repoRoot) {
        Path events = repoRoot.resolve(EVENTS_DOC);
        List<String> crmObjects = fallbackLines(repoRoot, "crm-object").stream().map(parts -> parts[1]).toList();
        if (Files.isRegularFile(events)) {
            return fromEventsDoc(RepoFiles.read(events), crmObjects);
        }
        return fromContractsAndFallback(crmObjects, fallbackLines(repoRoot, "topic"));
    }

    static TopicCatalog fromEventsDoc(String markdown, List<String> crmObjects) {
        Map<String, Boolean> topics = new TreeMap<>();
        Map<String, Integer> partitions = new TreeMap<>();
        Map<String, Long> retentions = new TreeMap<>();
        boolean inTopicTable = false;
        boolean headerSeen = false;
        int partitionsColumn = -1;
        int retentionColumn = -1;
        for (String rawLine : markdown.split("\\R")) {
            String line = rawLine.strip();
            if (line.startsWith("#")) {
                // A heading naming topics, e.g. "### `crm.<object>.changes`": compaction is stated in prose, not checked.
                Matcher token = BACKTICKED_ANYWHERE.matcher(line);
                while (token.find()) {
                    if (TOPIC_LIKE.matcher(token.group(1)).matches()) {
                        Boolean compacted = mentionsCompaction(line) ? Boolean.TRUE : null;
                        expand(token.group(1), crmObjects, line).forEach(t -> record(topics, t, compacted));
                    }
                }
            }
            if (!line.startsWith("|")) {
                inTopicTable = false;
                headerSeen = false;
                continue;
            }
            String[] cells = line.substring(1).split("(?<!\\\\)\\|");
            String first = cells.length == 0 ? "" : cells[0].strip();
            if (!headerSeen) {
                headerSeen = true;
                inTopicTable = first.replace("`", "").toLowerCase(Locale.ROOT).startsWith("topic");
                partitionsColumn = -1;
                retentionColumn = -1;
                for (int i = 1; i < cells.length; i++) {
                    String header = cells[i].strip().toLowerCase(Locale.ROOT);
                    if (header.startsWith("partition")) {
                        partitionsColumn = i;
                    } else if (header.contains("retention")) {
                        retentionColumn = i;
                    }
                }
                continue;
            }
            if (!inTopicTable || first.matches(":?-{3,}:?")) {
                continue;
            }
            Matcher name = BACKTICKED.matcher(first);
            if (!name.find()) {
                throw new IllegalArgumentException(EVENTS_DOC + ": topic table row without a `topic name` in its first column: " + line);
            }
            boolean compacted = mentionsCompaction(line);
            Integer partitionCount = partitionsColumn > 0 && partitionsColumn < cells.length
                    && cells[partitionsColumn].strip().matches("\\d+") ? Integer.valueOf(cells[partitionsColumn].strip()) : null;
            Long retentionMs = retentionColumn > 0 && retentionColumn < cells.length ? retentionMs(cells[retentionColumn]) : null;
            for (String topic : expand(name.group(1).strip(), crmObjects, line)) {
                record(topics, topic, compacted);
                if (partitionCount != null) {
                    partitions.put(topic, partitionCount);
                }
                if (retentionMs != null) {
                    retentions.put(topic, retentionMs);
                }
            }
        }
        if (topics.isEmpty()) {
            throw new IllegalArgumentException(EVENTS_DOC + " exists but names no topic: expected a markdown table whose"
                    + " first header cell is \"Topic\" and whose rows start with the topic name in backticks"
                    + " (or headings naming each topic in backticks)");
        }
        return new TopicCatalog(EVENTS_DOC, topics, partitions, retentions);
    }

    /** "7 days", "1 day", "12 hours" as milliseconds; null when the cell states no time-based retention. */
    private static Long retentionMs(String cell) {
        Matcher matcher = RETENTION.matcher(cell);
        if (!matcher.find()) {
            return null;
        }
        long amount = Long.parseLong(matcher.group(1));
        return matcher.group(2).toLowerCase(Locale.ROOT).startsWith("day") ? amount * 86_400_000L : amount * 3_600_000L;
    }

    /** Known compaction wins over unknown (null); a compacted mention anywhere wins over a plain one. */
    private static void record(Map<String, Boolean> topics, String topic, Boolean compacted) {
        Boolean known = topics.get(topic);
        if (!topics.containsKey(topic) || known == null) {
            topics.put(topic, compacted);
        } else if (compacted != null) {
            topics.put(topic, known || compacted);
        }
    }

    private static boolean mentionsCompaction(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return lower.contains("compact") && !lower.contains("not compact") && !lower.contains("non-compact");
    }

    /** extraTopics: {"topic", name} or {"topic", name, "compacted"}. */
    static TopicCatalog fromContractsAndFallback(List<String> crmObjects, List<String[]> extraTopics) {
        Map<String, Boolean> topics = new TreeMap<>();
        for (Field field : Topics.class.getFields()) {
            int modifiers = field.getModifiers();
            if (Modifier.isStatic(modifiers) && Modifier.isFinal(modifiers) && field.getType() == String.class) {
                String value = constant(field);
                // Only dotted topic names: CRM_PREFIX ("crm.") is a prefix, other constants may be header names.
                if (value != null && value.contains(".") && !value.endsWith(".") && TOPIC_NAME.matcher(value).matches()) {
                    topics.put(value, false);
                }
            }
        }
        for (String object : crmObjects) {
            topics.put(Topics.changes(object), false);
            topics.put(Topics.state(object), true);
        }
        for (String[] topic : extraTopics) {
            topics.put(topic[1], topic.length == 3);
        }
        return new TopicCatalog(Topics.class.getName() + " + " + FALLBACK, topics, Map.of(), Map.of());
    }

    /** Expands one placeholder such as {@code <object>} or {@code {sobject}} to each captured CRM object. */
    private static List<String> expand(String name, List<String> crmObjects, String line) {
        Matcher placeholder = PLACEHOLDER.matcher(name);
        List<String> expanded = new ArrayList<>();
        if (!placeholder.find()) {
            expanded.add(name);
        } else {
            String pattern = placeholder.group();
            if (placeholder.find()) {
                throw new IllegalArgumentException(EVENTS_DOC + ": only one placeholder per topic can be expanded: " + name);
            }
            crmObjects.forEach(o -> expanded.add(name.replace(pattern, o.toLowerCase(Locale.ROOT))));
        }
        for (String topic : expanded) {
            if (!TOPIC_NAME.matcher(topic).matches()) {
                throw new IllegalArgumentException(EVENTS_DOC + ": not a topic name: " + topic + " (in: " + line + ")");
            }
        }
        return expanded;
    }

    private static List<String[]> fallbackLines(Path repoRoot, String keyword) {
        Path file = repoRoot.resolve(FALLBACK);
        List<String[]> values = new ArrayList<>();
        for (String rawLine : RepoFiles.read(file).split("\\R")) {
            String line = rawLine.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+");
            boolean valid = (parts.length == 2 && parts[0].equals("crm-object"))
                    || (parts[0].equals("topic") && (parts.length == 2 || (parts.length == 3 && parts[2].equals("compacted"))));
            if (!valid) {
                throw new IllegalArgumentException(file + ": expected 'crm-object <SObject>' or 'topic <name> [compacted]',"
                        + " got: " + line);
            }
            if (parts[0].equals(keyword)) {
                values.add(parts);
            }
        }
        return values;
    }

    private static String constant(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("Cannot read " + field, e);
        }
    }
}
