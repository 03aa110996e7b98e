package dev.planbridge.planning.assignment;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.UUID;

/** An account placed by hand; wins over every rule. */
@Entity
@Table(name = "account_override")
@IdClass(AccountOverride.Key.class)
public class AccountOverride extends PanacheEntityBase {

    @Id
    @Column(name = "plan_id")
    public UUID planId;
    @Id
    @Column(name = "account_id")
    public String accountId;
    @Column(name = "territory_key")
    public String territoryKey;
    public String reason;

    public record Key(UUID planId, String accountId) implements Serializable {
        public Key() {
            this(null, null);
        }
    }
}
