package dev.planbridge.planning.assignment;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.UUID;

/** Keeps an account out of one territory even when a rule would put it there. */
@Entity
@Table(name = "account_exclusion")
@IdClass(AccountExclusion.Key.class)
public class AccountExclusion extends PanacheEntityBase {

    @Id
    @Column(name = "plan_id")
    public UUID planId;
    @Id
    @Column(name = "account_id")
    public String accountId;
    @Id
    @Column(name = "territory_key")
    public String territoryKey;
    public String reason;

    public record Key(UUID planId, String accountId, String territoryKey) implements Serializable {
        public Key() {
            this(null, null, null);
        }
    }
}
