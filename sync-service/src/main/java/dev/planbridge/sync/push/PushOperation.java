package dev.planbridge.sync.push;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One planned write of a push and what became of it. */
@Entity
@Table(name = "push_operation")
public class PushOperation extends PanacheEntityBase {

    public enum Status { PENDING, SENT, SUCCEEDED, FAILED, CONFLICT, SKIPPED }

    /** Op of a row that records a skipped or held record rather than a write. */
    public static final String NONE = "NONE";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "push_operation_seq")
    @SequenceGenerator(name = "push_operation_seq", sequenceName = "push_operation_seq", allocationSize = 200)
    public Long id;
    @Column(name = "push_id")
    public UUID pushId;
    public int stage;
    public String object;
    @Column(name = "natural_key")
    public String naturalKey;
    public String op;
    @Column(name = "record_id")
    public String recordId;
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, String> desired;
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, String> sent;
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, String> before;
    public String status;
    public int attempts;
    @Column(name = "sf_id")
    public String sfId;
    @Column(name = "error_code")
    public String errorCode;
    public String error;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
