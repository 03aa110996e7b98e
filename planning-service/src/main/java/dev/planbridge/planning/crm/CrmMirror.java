package dev.planbridge.planning.crm;

import dev.planbridge.contracts.feed.ChangeEvent;
import dev.planbridge.contracts.feed.Operation;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Applies change-feed events to the CRM mirror tables. Each upsert only moves a row forward in SystemModstamp and
 * ignores an event it has already applied (same eventId), so redelivery and replays are harmless.
 */
@ApplicationScoped
public class CrmMirror {

    private static final Logger LOG = Logger.getLogger(CrmMirror.class);

    private static final String UPSERT_ACCOUNT = """
            INSERT INTO crm_account (id, name, owner_id, billing_country, billing_state, billing_postal_code, industry,
                employees, annual_revenue, segment, parent_id, system_modstamp, deleted, last_event_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, owner_id = EXCLUDED.owner_id,
                billing_country = EXCLUDED.billing_country, billing_state = EXCLUDED.billing_state,
                billing_postal_code = EXCLUDED.billing_postal_code, industry = EXCLUDED.industry,
                employees = EXCLUDED.employees, annual_revenue = EXCLUDED.annual_revenue, segment = EXCLUDED.segment,
                parent_id = EXCLUDED.parent_id, system_modstamp = EXCLUDED.system_modstamp,
                deleted = EXCLUDED.deleted, last_event_id = EXCLUDED.last_event_id
            WHERE crm_account.system_modstamp <= EXCLUDED.system_modstamp
              AND crm_account.last_event_id IS DISTINCT FROM EXCLUDED.last_event_id""";

    private static final String UPSERT_USER = """
            INSERT INTO crm_user (id, name, username, is_active, manager_id, system_modstamp, deleted, last_event_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, username = EXCLUDED.username,
                is_active = EXCLUDED.is_active, manager_id = EXCLUDED.manager_id,
                system_modstamp = EXCLUDED.system_modstamp, deleted = EXCLUDED.deleted,
                last_event_id = EXCLUDED.last_event_id
            WHERE crm_user.system_modstamp <= EXCLUDED.system_modstamp
              AND crm_user.last_event_id IS DISTINCT FROM EXCLUDED.last_event_id""";

    private static final String UPSERT_OPPORTUNITY = """
            INSERT INTO crm_opportunity (id, account_id, owner_id, amount, stage_name, is_closed, system_modstamp,
                deleted, last_event_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET account_id = EXCLUDED.account_id, owner_id = EXCLUDED.owner_id,
                amount = EXCLUDED.amount, stage_name = EXCLUDED.stage_name, is_closed = EXCLUDED.is_closed,
                system_modstamp = EXCLUDED.system_modstamp, deleted = EXCLUDED.deleted,
                last_event_id = EXCLUDED.last_event_id
            WHERE crm_opportunity.system_modstamp <= EXCLUDED.system_modstamp
              AND crm_opportunity.last_event_id IS DISTINCT FROM EXCLUDED.last_event_id""";

    private static final String UPSERT_RECORD = """
            INSERT INTO crm_record (object, id, fields, system_modstamp, deleted, last_event_id)
            VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (object, id) DO UPDATE SET fields = EXCLUDED.fields,
                system_modstamp = EXCLUDED.system_modstamp, deleted = EXCLUDED.deleted,
                last_event_id = EXCLUDED.last_event_id
            WHERE crm_record.system_modstamp <= EXCLUDED.system_modstamp
              AND crm_record.last_event_id IS DISTINCT FROM EXCLUDED.last_event_id""";

    private final AgroalDataSource dataSource;

    public CrmMirror(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Applies a batch in one transaction; returns how many events were usable. */
    @Transactional
    public int apply(List<ChangeEvent> events) {
        int applied = 0;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement accounts = connection.prepareStatement(UPSERT_ACCOUNT);
             PreparedStatement users = connection.prepareStatement(UPSERT_USER);
             PreparedStatement opportunities = connection.prepareStatement(UPSERT_OPPORTUNITY);
             PreparedStatement records = connection.prepareStatement(UPSERT_RECORD)) {
            for (ChangeEvent event : events) {
                if (event.id() == null || event.object() == null || event.op() == null) {
                    LOG.warnf("Skipping change event without id/object/op: %s", event.eventId());
                    continue;
                }
                boolean deleted = event.op() == Operation.DELETE;
                Map<String, Object> image = deleted ? event.before() : event.after();
                if (image == null) {
                    image = Map.of();
                }
                Timestamp modstamp = Timestamp.from(modstampOf(event, image));
                switch (event.object()) {
                    case "Account" -> {
                        accounts.setString(1, event.id());
                        accounts.setString(2, text(image, "Name"));
                        accounts.setString(3, text(image, "OwnerId"));
                        accounts.setString(4, text(image, "BillingCountry"));
                        accounts.setString(5, text(image, "BillingState"));
                        accounts.setString(6, text(image, "BillingPostalCode"));
                        accounts.setString(7, text(image, "Industry"));
                        setInt(accounts, 8, number(image, "NumberOfEmployees"));
                        accounts.setBigDecimal(9, number(image, "AnnualRevenue"));
                        accounts.setString(10, text(image, "Segment__c"));
                        accounts.setString(11, text(image, "ParentId"));
                        accounts.setTimestamp(12, modstamp);
                        accounts.setBoolean(13, deleted);
                        accounts.setString(14, event.eventId());
                        accounts.addBatch();
                    }
                    case "User" -> {
                        users.setString(1, event.id());
                        users.setString(2, text(image, "Name"));
                        users.setString(3, text(image, "Username"));
                        String active = text(image, "IsActive");
                        if (active == null) {
                            users.setNull(4, Types.BOOLEAN);
                        } else {
                            users.setBoolean(4, Boolean.parseBoolean(active));
                        }
                        users.setString(5, text(image, "ManagerId"));
                        users.setTimestamp(6, modstamp);
                        users.setBoolean(7, deleted);
                        users.setString(8, event.eventId());
                        users.addBatch();
                    }
                    case "Opportunity" -> {
                        opportunities.setString(1, event.id());
                        opportunities.setString(2, text(image, "AccountId"));
                        opportunities.setString(3, text(image, "OwnerId"));
                        opportunities.setBigDecimal(4, number(image, "Amount"));
                        opportunities.setString(5, text(image, "StageName"));
                        opportunities.setBoolean(6, Boolean.parseBoolean(text(image, "IsClosed")));
                        opportunities.setTimestamp(7, modstamp);
                        opportunities.setBoolean(8, deleted);
                        opportunities.setString(9, event.eventId());
                        opportunities.addBatch();
                    }
                    default -> {
                        records.setString(1, event.object());
                        records.setString(2, event.id());
                        records.setString(3, dev.planbridge.contracts.ContractsJson.write(image));
                        records.setTimestamp(4, modstamp);
                        records.setBoolean(5, deleted);
                        records.setString(6, event.eventId());
                        records.addBatch();
                    }
                }
                applied++;
            }
            accounts.executeBatch();
            users.executeBatch();
            opportunities.executeBatch();
            records.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot apply CRM changes", e);
        }
        return applied;
    }

    private static Instant modstampOf(ChangeEvent event, Map<String, Object> image) {
        if (event.source() != null && event.source().systemModstamp() != null) {
            return event.source().systemModstamp();
        }
        String stamp = text(image, "SystemModstamp");
        if (stamp != null) {
            try {
                return Instant.parse(stamp);
            } catch (RuntimeException ignored) {
                // fall through to the publication time
            }
        }
        return Instant.ofEpochMilli(event.tsMs());
    }

    static String text(Map<String, Object> image, String field) {
        Object value = image.get(field);
        return value == null ? null : value.toString();
    }

    static BigDecimal number(Map<String, Object> image, String field) {
        Object value = image.get(field);
        if (value == null) {
            return null;
        }
        if (value instanceof Number n) {
            return new BigDecimal(n.toString());
        }
        try {
            String text = value.toString().trim();
            return text.isEmpty() ? null : new BigDecimal(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static void setInt(PreparedStatement statement, int index, BigDecimal value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.INTEGER);
        } else {
            statement.setInt(index, value.intValue());
        }
    }
}
