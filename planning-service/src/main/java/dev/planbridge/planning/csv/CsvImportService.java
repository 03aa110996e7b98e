package dev.planbridge.planning.csv;

import dev.planbridge.planning.audit.AuditLog;
import dev.planbridge.planning.common.PlanningConfig;
import dev.planbridge.planning.plan.FiscalPlan;
import dev.planbridge.planning.plan.PlanGuard;
import io.agroal.api.AgroalDataSource;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * All-or-nothing CSV imports of plan elements, one transaction per file: locks the plan, hands the file to the
 * {@link CsvKind} that owns it (which validates every row, then writes), bumps the plan's version, audits, and logs
 * where the time went, phase by phase. Only a clean file is written; importing the same file twice leaves the plan
 * unchanged.
 */
@ApplicationScoped
public class CsvImportService {

    private static final Logger LOG = Logger.getLogger(CsvImportService.class);

    public record Result(String kind, String file, int rows, long planVersion) {
    }

    private final PlanGuard guard;
    private final AuditLog audit;
    private final AgroalDataSource dataSource;
    private final PlanningConfig config;

    public CsvImportService(PlanGuard guard, AuditLog audit, AgroalDataSource dataSource, PlanningConfig config) {
        this.guard = guard;
        this.audit = audit;
        this.dataSource = dataSource;
        this.config = config;
    }

    @Transactional
    public Result importCsv(UUID planId, String ifMatch, CsvKind kind, String fileName, byte[] data, String actor) {
        PhaseClock clock = new PhaseClock();
        FiscalPlan plan = guard.lockForEdit(planId, ifMatch);
        String file = fileName == null || fileName.isBlank() ? kind.path() + ".csv" : fileName;
        // the kinds write with JDBC on the same transaction: Hibernate's pending changes go first
        Panache.getEntityManager().flush();
        clock.mark("lock");
        CsvKind.Imported imported;
        try (Connection c = dataSource.getConnection()) {
            RowErrors errors = new RowErrors(file, config.imports().maxErrors());
            imported = kind.importFile(new CsvImport(c, plan, kind, file, data, errors, clock));
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("Import of " + file + " failed", e);
        }
        guard.changed(plan, imported.change());
        audit.record(planId, actor, "import", kind.path(), file, null, Map.of("file", file, "rows", imported.rows()));
        clock.mark("audit");
        LOG.infof("Import of %s into plan %s: %d %s rows validated and written in %d ms (%s); commit follows",
                file, planId, imported.rows(), kind.path(), clock.totalMillis(), clock);
        return new Result(kind.path(), file, (int) imported.rows(), plan.version);
    }
}
