package dev.planbridge.planning.common;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One reason an input was refused.
 *
 * @param file   the CSV file (imports only)
 * @param row    1-based data row of a CSV file (header excluded), or null
 * @param field  the JSON field or CSV column
 * @param reason what is wrong, in words a planner understands
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FieldError(String file, Long row, String field, String reason) {

    public static FieldError of(String field, String reason) {
        return new FieldError(null, null, field, reason);
    }

    public FieldError inFile(String fileName, long rowNumber) {
        return new FieldError(fileName, rowNumber, field, reason);
    }
}
