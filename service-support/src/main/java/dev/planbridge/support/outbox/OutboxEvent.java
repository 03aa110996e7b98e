package dev.planbridge.support.outbox;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A row of the transactional outbox (Debezium EventRouter column names). {@code seq} is the publishing order,
 * {@code id} the event's id (a re-send after a crash carries the same), {@code aggregateid} its Kafka key. Each
 * service creates the table in its own Flyway migrations, with exactly these columns.
 */
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
}
