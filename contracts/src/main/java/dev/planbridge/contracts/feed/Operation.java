package dev.planbridge.contracts.feed;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Debezium's operation vocabulary, plus Salesforce's undelete. */
public enum Operation {
    CREATE("c"), UPDATE("u"), DELETE("d"), READ("r"), UNDELETE("undelete");

    private final String code;

    Operation(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }

    @JsonCreator
    public static Operation fromCode(String code) {
        for (Operation op : values()) {
            if (op.code.equals(code)) {
                return op;
            }
        }
        throw new IllegalArgumentException("Unknown change operation '" + code + "'");
    }
}
