package dev.planbridge.planning.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.planbridge.planning.common.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.UUID;

/** Appends audit entries inside the caller's transaction, so a change and its audit record commit together. */
@ApplicationScoped
public class AuditLog {

    private final ObjectMapper json;

    public AuditLog(ObjectMapper json) {
        this.json = json;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(UUID planId, String actor, String action, String entity, String entityKey, Object before,
                       Object after) {
        AuditEntry entry = new AuditEntry();
        entry.planId = planId;
        entry.actor = actor;
        entry.at = Instant.now();
        entry.action = action;
        entry.entity = entity;
        entry.entityKey = entityKey;
        entry.before = write(before);
        entry.after = write(after);
        entry.persist();
    }

    public record Entry(long id, String actor, Instant at, String action, String entity, String entityKey,
                        Object before, Object after) {
    }

    @Transactional
    public Page<Entry> list(UUID planId, String entity, int page, int size) {
        var query = entity == null
                ? AuditEntry.<AuditEntry>find("planId = ?1 order by id", planId)
                : AuditEntry.<AuditEntry>find("planId = ?1 and entity = ?2 order by id", planId, entity);
        var items = query.page(page, size).list().stream()
                .map(e -> new Entry(e.id, e.actor, e.at, e.action, e.entity, e.entityKey, read(e.before), read(e.after)))
                .toList();
        return new Page<>(items, page, size, query.count());
    }

    private String write(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write audit image", e);
        }
    }

    private Object read(String text) {
        if (text == null) {
            return null;
        }
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            return text;
        }
    }
}
