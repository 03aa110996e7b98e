package dev.planbridge.planning.plan;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A row of the transactional outbox (Debezium EventRouter column names); {@code id} is the event's eventId. */
@Entity
@Table(name = "outbox_event")
public class OutboxEvent extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long seq;
    public UUID id;
    public String aggregatetype;
    public String aggregateid;
    public String type;
    public String topic;
    public String payload;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "sent_at")
    public Instant sentAt;

    public static OutboxEvent of(String aggregateType, String aggregateId, String type, String topic, String eventId,
                                 String payload, Instant at) {
        OutboxEvent row = new OutboxEvent();
        row.id = UUID.fromString(eventId);
        row.aggregatetype = aggregateType;
        row.aggregateid = aggregateId;
        row.type = type;
        row.topic = topic;
        row.payload = payload;
        row.createdAt = at;
        return row;
    }
}
