package dev.planbridge.planning.territory;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.UUID;

/** A Territory2Type of a plan; lower priority numbers win in Salesforce's assignment. */
@Entity
@Table(name = "territory_type")
@IdClass(TerritoryType.Key.class)
public class TerritoryType extends PanacheEntityBase {

    @Id
    @Column(name = "plan_id")
    public UUID planId;
    @Id
    public String key;
    public String label;
    public int priority;

    public record Key(UUID planId, String key) implements Serializable {
        public Key() {
            this(null, null);
        }
    }
}
