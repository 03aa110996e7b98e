package dev.planbridge.planning.assignment;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/** A stored assignment rule; {@code criteria} is the JSON of {@link RuleCriteria}. */
@Entity
@Table(name = "assignment_rule")
public class AssignmentRule extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "plan_id")
    public UUID planId;
    public String name;
    public int position;
    @Column(name = "territory_key")
    public String territoryKey;
    public String criteria;
}
