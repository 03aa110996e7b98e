package dev.planbridge.sync.push;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.planbridge.contracts.ContractsJson;
import java.util.Map;

/** Small JSON helpers for ledger columns read by native queries. */
final class Json {

    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
    };

    private Json() {
    }

    static Map<String, String> toStringMap(String json) {
        if (json == null) {
            return null;
        }
        try {
            return ContractsJson.mapper().readValue(json, STRING_MAP);
        } catch (Exception e) {
            throw new IllegalStateException("Unreadable ledger JSON", e);
        }
    }
}
