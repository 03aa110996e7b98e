package dev.planbridge.cli;

import static dev.planbridge.cli.PlanCommandsTest.PLAN_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.planbridge.cli.RecordingServer.Answer;
import dev.planbridge.cli.RecordingServer.Run;
import java.util.List;
import org.junit.jupiter.api.Test;

/** From an answer shaped like HealthService.Health. */
class PlanHealthCommandTest {

    static final String HEALTH = "{\"planId\":\"" + PLAN_ID + "\",\"version\":7,\"score\":82,\"staleMonths\":6,"
            + "\"fieldsRead\":[\"BillingCountry\",\"Segment__c\"],\"parts\":["
            + "{\"part\":\"MISSING_FIELDS\",\"weight\":25,\"offending\":812,\"population\":4200,\"score\":81,"
            + "\"details\":[\"812 accounts fall through to Unassigned because BillingCountry is empty (812 empty in all)\"]},"
            + "{\"part\":\"TBH_SEATS\",\"weight\":10,\"offending\":1,\"population\":20,\"score\":95,"
            + "\"details\":[\"EMEA (EMEA TBH) has no Owner\"]}],\"offenders\":[]}";

    @Test
    void shouldPrintTheScoreThePartsAndWhatToFix() throws Exception {
        try (RecordingServer planning = new RecordingServer()) {
            planning.on("GET /api/v1/plans/" + PLAN_ID + "/reports/health?staleMonths=6", Answer.json(200, HEALTH));
            Run run = RecordingServer.run("plan", "report", "health", PLAN_ID, "--stale-months", "6",
                    "--planning-url", planning.url());
            assertEquals(ExitCodes.OK, run.exit(), run.err());
            assertEquals(List.of(
                    "Plan health 82/100 (fields read: BillingCountry, Segment__c)",
                    "PART            WEIGHT  SCORE  OFFENDING     OF",
                    "--------------  ------  -----  ---------  -----",
                    "MISSING_FIELDS      25     81        812  4,200",
                    "TBH_SEATS           10     95          1     20",
                    "  MISSING_FIELDS: 812 accounts fall through to Unassigned because BillingCountry is empty (812 empty in all)",
                    "  TBH_SEATS: EMEA (EMEA TBH) has no Owner"), run.out().lines().toList());
        }
    }
}
