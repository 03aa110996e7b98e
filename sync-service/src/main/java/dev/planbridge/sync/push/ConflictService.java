package dev.planbridge.sync.push;

import dev.planbridge.support.problem.ProblemException;
import dev.planbridge.sync.domain.PushOptions;
import dev.planbridge.sync.domain.Resolution;
import dev.planbridge.sync.domain.SObjectType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Conflicts of a push: listing, resolving, and what a follow-up push makes of the resolutions. */
@ApplicationScoped
public class ConflictService {

    @Transactional
    public List<PushConflict> list(UUID pushId) {
        return PushConflict.list("pushId = ?1 order by object, naturalKey, field, id", pushId);
    }

    /** One page of {@link #list}, in the same (stable) order. */
    @Transactional
    public List<PushConflict> page(UUID pushId, int offset, int limit) {
        return PushConflict.find("pushId = ?1 order by object, naturalKey, field, id", pushId)
                .range(offset, offset + limit - 1).list();
    }

    @Transactional
    public long count(UUID pushId) {
        return PushConflict.count("pushId", pushId);
    }

    @Transactional
    public PushConflict resolve(UUID pushId, UUID conflictId, String keep, String value, String user) {
        PushConflict conflict = PushConflict.findById(conflictId);
        if (conflict == null || !conflict.pushId.equals(pushId)) {
            throw new NotFound("Push " + pushId + " has no conflict " + conflictId);
        }
        if (keep == null) {
            throw new IllegalArgumentException("keep is required: plan, crm or value");
        }
        Resolution.Keep choice = Resolution.Keep.parse(keep);
        if (choice == Resolution.Keep.VALUE && value == null) {
            throw new IllegalArgumentException("keep=value needs a value");
        }
        if (choice == Resolution.Keep.VALUE && conflict.field.equals(dev.planbridge.sync.domain.FieldConflict.EXISTENCE)) {
            throw new IllegalArgumentException("A conflict about a record's existence can only keep plan or crm");
        }
        conflict.resolution = choice.name().toLowerCase(java.util.Locale.ROOT);
        conflict.resolvedValue = choice == Resolution.Keep.VALUE ? value : null;
        conflict.resolvedBy = user;
        conflict.resolvedAt = Instant.now();
        return conflict;
    }

    /** Options of a follow-up push: only the records with resolved conflicts, each conflict settled as resolved. */
    @Transactional
    public PushOptions followUpOptions(UUID parentPushId, PushOptions options) {
        List<PushConflict> resolved = PushConflict.list("pushId = ?1 and resolution is not null", parentPushId);
        Map<String, Resolution> byField = new HashMap<>();
        Set<String> records = new HashSet<>();
        for (PushConflict conflict : resolved) {
            byField.put(conflict.object + "|" + conflict.naturalKey + "|" + conflict.field,
                    new Resolution(Resolution.Keep.parse(conflict.resolution), conflict.resolvedValue, conflict.crmValue));
            records.add(conflict.object + "|" + conflict.naturalKey);
        }
        Resolution.Lookup lookup = (SObjectType object, String key, String field) ->
                byField.get(object.apiName() + "|" + key + "|" + field);
        return options.withResolutions(lookup, records);
    }

    @Transactional
    public long resolvedCount(UUID pushId) {
        return PushConflict.count("pushId = ?1 and resolution is not null", pushId);
    }

    /** A resource that does not exist (404). */
    public static class NotFound extends ProblemException {
        public NotFound(String message) {
            super(404, "Not found", message);
        }
    }
}
