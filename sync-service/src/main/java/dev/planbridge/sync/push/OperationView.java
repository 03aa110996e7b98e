package dev.planbridge.sync.push;

import java.time.Instant;
import java.util.Map;

/** One operation of a push as the API shows it. */
public record OperationView(long id, String object, String naturalKey, String op, String recordId, String status,
                            Map<String, String> values, Map<String, String> before, int attempts, String salesforceId,
                            String errorCode, String error, Instant updatedAt) {

    static OperationView of(PushOperation o) {
        return new OperationView(o.id, o.object, o.naturalKey, o.op, o.recordId, o.status,
                o.sent != null ? o.sent : o.desired, o.before, o.attempts, o.sfId, o.errorCode, o.error, o.updatedAt);
    }
}
