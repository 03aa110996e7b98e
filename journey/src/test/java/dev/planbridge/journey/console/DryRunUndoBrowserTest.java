package dev.planbridge.journey.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * A planner may only dry-run an approved plan (the report says what an apply would write, nothing is written); the
 * approver applies it and then undoes the push, all from the push page.
 */
class DryRunUndoBrowserTest extends ConsoleTest {

    @Test
    void shouldDryRunAsPlannerThenApplyAndUndoAsApprover() {
        String planId = api.samplePlan("Console dry run " + UUID.randomUUID().toString().substring(0, 8));
        api.submitAndApprove(planId);

        browser.loginAs("planner");
        browser.open("#/plans/" + planId + "/push");
        browser.waitFor(ExpectedConditions.elementToBeClickable(By.id("dry-run")));
        assertFalse(browser.driver.findElement(By.id("start-push")).isEnabled(), "a planner may not write to the CRM");
        browser.click(By.id("dry-run"));
        JsonNode dryRun = finishedPush(null);
        assertEquals("dry-run", dryRun.path("mode").asText());
        assertEquals(0, dryRun.path("report").path("written").asLong(), "a dry run writes nothing");
        long estimated = dryRun.path("report").path("estimatedWriteCallsTotal").asLong();
        assertTrue(estimated > 0, "the dry run says how many write calls the apply takes: " + dryRun.path("report"));
        assertEquals(String.valueOf(estimated), browser.text(By.cssSelector("#push-report dd[data-report='estimatedWriteCallsTotal']")));
        browser.logout();

        browser.loginAs("approver");
        browser.open("#/plans/" + planId + "/push");
        browser.click(By.id("start-push"));
        browser.waitFor(ExpectedConditions.alertIsPresent()).accept();
        JsonNode applied = finishedPush(dryRun.path("id").asText());
        assertEquals("apply", applied.path("mode").asText());
        assertTrue(applied.path("report").path("written").asLong() > 0, "the apply wrote the plan: " + applied.path("report"));
        assertEquals(0, applied.path("report").path("failed").asLong(), applied.path("report").toString());

        browser.click(By.id("undo-push"));
        browser.waitFor(ExpectedConditions.alertIsPresent()).accept();
        browser.waitFor(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#push-detail h2"), "Undo"));
        JsonNode undo = finishedPush(applied.path("id").asText());
        assertEquals("UNDO", undo.path("kind").asText());
        assertTrue(undo.path("report").path("written").asLong() > 0, "the undo restored records: " + undo.path("report"));
        assertEquals(0, undo.path("report").path("failed").asLong(), undo.path("report").toString());
    }

    /** Waits until the page shows a push other than {@code previousId} and it is DONE; returns it as the sync API has it. */
    private JsonNode finishedPush(String previousId) {
        browser.waitFor(d -> {
            var heading = d.findElements(By.cssSelector("#push-detail h2 .mono"));
            return !heading.isEmpty() && !heading.get(0).getText().equals(previousId);
        });
        browser.waitFor(ExpectedConditions.presenceOfElementLocated(By.id("push-progress")));
        browser.waitFor(ExpectedConditions.attributeToBe(By.id("push-progress-text"), "data-phase", "DONE"),
                Duration.ofMinutes(5));
        browser.waitFor(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#push-report [data-report]")));
        String pushId = browser.text(By.cssSelector("#push-detail h2 .mono"));
        return api.expect(200, api.call(stack.syncUrl(), "viewer", "GET", "api/v1/pushes/" + pushId, null, null, null),
                "read push").body();
    }
}
