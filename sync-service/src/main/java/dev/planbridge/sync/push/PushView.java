package dev.planbridge.sync.push;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A push as the API shows it: status, options and report. */
public record PushView(UUID id, String planId, Long planVersion, String mode, String kind, UUID parentPushId,
                       String status, String outcome, String error, Map<String, Object> options,
                       Map<String, Object> report, long apiCalls, String requestedBy, Instant createdAt,
                       Instant startedAt, Instant finishedAt) {

    static PushView of(Push p) {
        return new PushView(p.id, p.planId, p.planVersion, p.mode, p.kind, p.parentPushId, p.status, p.outcome, p.error,
                p.options, p.report, p.apiCalls, p.requestedBy, p.createdAt, p.startedAt, p.finishedAt);
    }
}
