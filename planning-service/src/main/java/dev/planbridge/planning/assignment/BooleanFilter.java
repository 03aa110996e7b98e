package dev.planbridge.planning.assignment;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * A rule's boolean filter, as Salesforce writes it: item numbers joined by {@code AND}, {@code OR} and {@code NOT}
 * with parentheses, e.g. {@code (1 AND 2) OR 3}. Mixing AND and OR at one level without parentheses is refused, as
 * Salesforce does, because the reading a planner meant is ambiguous.
 */
public final class BooleanFilter {

    /** A parsed filter node, evaluated against the items' results (index 0 is item 1). */
    public sealed interface Node permits Item, Not, All, Any {
        boolean test(boolean[] items);
    }

    public record Item(int number) implements Node {
        public boolean test(boolean[] items) {
            return items[number - 1];
        }
    }

    public record Not(Node operand) implements Node {
        public boolean test(boolean[] items) {
            return !operand.test(items);
        }
    }

    public record All(List<Node> operands) implements Node {
        public boolean test(boolean[] items) {
            for (Node operand : operands) {
                if (!operand.test(items)) {
                    return false;
                }
            }
            return true;
        }
    }

    public record Any(List<Node> operands) implements Node {
        public boolean test(boolean[] items) {
            for (Node operand : operands) {
                if (operand.test(items)) {
                    return true;
                }
            }
            return false;
        }
    }

    private final List<String> tokens;
    private final BitSet referenced = new BitSet();
    private int next;

    private BooleanFilter(String text) {
        this.tokens = tokenize(text);
    }

    /**
     * Parses {@code text} for a rule of {@code itemCount} items; every item must be referenced, no number may point
     * past the last item.
     *
     * @throws IllegalArgumentException with a message naming the problem
     */
    public static Node parse(String text, int itemCount) {
        BooleanFilter parser = new BooleanFilter(text);
        if (parser.tokens.isEmpty()) {
            throw new IllegalArgumentException("the filter is empty");
        }
        Node node = parser.expression();
        if (parser.next < parser.tokens.size()) {
            throw new IllegalArgumentException("unexpected '" + parser.tokens.get(parser.next) + "'");
        }
        for (int n = parser.referenced.nextSetBit(0); n >= 0; n = parser.referenced.nextSetBit(n + 1)) {
            if (n > itemCount) {
                throw new IllegalArgumentException("item " + n + " does not exist (the rule has " + itemCount
                        + (itemCount == 1 ? " item)" : " items)"));
            }
        }
        for (int n = 1; n <= itemCount; n++) {
            if (!parser.referenced.get(n)) {
                throw new IllegalArgumentException("item " + n + " is not used by the filter");
            }
        }
        return node;
    }

    private Node expression() {
        List<Node> operands = new ArrayList<>(List.of(factor()));
        String joiner = null;
        while (next < tokens.size() && !tokens.get(next).equals(")")) {
            String op = tokens.get(next).toUpperCase(Locale.ROOT);
            if (!op.equals("AND") && !op.equals("OR")) {
                throw new IllegalArgumentException("expected AND or OR before '" + tokens.get(next) + "'");
            }
            if (joiner != null && !joiner.equals(op)) {
                throw new IllegalArgumentException("mixes AND and OR without parentheses; write e.g. (1 AND 2) OR 3");
            }
            joiner = op;
            next++;
            operands.add(factor());
        }
        if (joiner == null) {
            return operands.get(0);
        }
        return joiner.equals("AND") ? new All(List.copyOf(operands)) : new Any(List.copyOf(operands));
    }

    private Node factor() {
        if (next >= tokens.size()) {
            throw new IllegalArgumentException("ends where an item number or '(' is expected");
        }
        String token = tokens.get(next++);
        if (token.equalsIgnoreCase("NOT")) {
            return new Not(factor());
        }
        if (token.equals("(")) {
            Node inner = expression();
            if (next >= tokens.size() || !tokens.get(next).equals(")")) {
                throw new IllegalArgumentException("a '(' is not closed");
            }
            next++;
            return inner;
        }
        if (token.chars().allMatch(Character::isDigit)) {
            int number;
            try {
                number = Integer.parseInt(token);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("item " + token + " does not exist");
            }
            if (number < 1) {
                throw new IllegalArgumentException("items are numbered from 1");
            }
            referenced.set(number);
            return new Item(number);
        }
        throw new IllegalArgumentException("'" + token + "' is not an item number, AND, OR, NOT or a parenthesis");
    }

    private static List<String> tokenize(String text) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')') {
                tokens.add(String.valueOf(c));
                i++;
            } else {
                int start = i;
                while (i < text.length() && !Character.isWhitespace(text.charAt(i)) && text.charAt(i) != '('
                        && text.charAt(i) != ')') {
                    i++;
                }
                tokens.add(text.substring(start, i));
            }
        }
        return tokens;
    }
}
