package dev.planbridge.planning.common;

import java.util.List;

/** One page of a list; {@code total} counts every item, {@code page} is 0-based. */
public record Page<T>(List<T> items, int page, int size, long total) {

    public static final int MAX_SIZE = 1000;

    public static int checkedSize(int size) {
        if (size < 1 || size > MAX_SIZE) {
            throw Problem.badRequest("size must be between 1 and " + MAX_SIZE,
                    List.of(FieldError.of("size", "must be between 1 and " + MAX_SIZE)));
        }
        return size;
    }

    public static int checkedPage(int page) {
        if (page < 0) {
            throw Problem.badRequest("page must be >= 0", List.of(FieldError.of("page", "must be >= 0")));
        }
        return page;
    }
}
