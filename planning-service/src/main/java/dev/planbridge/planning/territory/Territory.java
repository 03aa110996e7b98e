package dev.planbridge.planning.territory;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/** A territory of a plan; {@code key} is its Salesforce DeveloperName, unique per plan. */
@Entity
@Table(name = "territory")
public class Territory extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "plan_id")
    public UUID planId;
    public String key;
    public String name;
    @Column(name = "type_key")
    public String typeKey;
    @Column(name = "parent_key")
    public String parentKey;
    @Column(name = "headcount_capacity")
    public Integer headcountCapacity;

    public TerritoryHierarchy.Node node() {
        return new TerritoryHierarchy.Node(key, parentKey, typeKey);
    }
}
