package dev.planbridge.journey.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * An approver rejects a plan (a comment is required and goes back to the author); the planner forks it for a what-if,
 * moves an account in the fork and compares the two plans; the plans page also fits a phone-sized window.
 */
class RejectForkCompareBrowserTest extends ConsoleTest {

    @Test
    void shouldRejectWithACommentForkTheDraftAndCompareTheTwo() {
        String name = "Console what-if " + UUID.randomUUID().toString().substring(0, 8);
        String planId = api.samplePlan(name);
        api.expect(200, api.planning("planner", "POST", "api/v1/plans/" + planId + "/submit", null, api.etag(planId)),
                "submit");

        browser.loginAs("approver");
        browser.open("#/plans/" + planId + "/review");
        browser.waitFor(ExpectedConditions.textToBe(By.id("plan-status"), "IN_REVIEW"));
        browser.click(By.id("reject-plan"));
        browser.waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("banner"), "Say why the plan is rejected"));
        assertEquals("IN_REVIEW", api.planning("viewer", "GET", "api/v1/plans/" + planId, null, null).body()
                .path("status").asText(), "a rejection without a comment is not sent");
        browser.type(By.id("decision-comment"), "Split EMEA by language, not by country");
        browser.click(By.id("reject-plan"));
        browser.waitFor(ExpectedConditions.textToBe(By.id("plan-status"), "DRAFT"));
        assertEquals("Split EMEA by language, not by country", browser.text(By.id("decision-shown")));
        browser.logout();

        browser.loginAs("planner");
        String forkName = name + " (languages)";
        browser.click(By.cssSelector("#plans-table button[aria-label='Fork " + name + "']"));
        Alert prompt = browser.waitFor(ExpectedConditions.alertIsPresent());
        prompt.sendKeys(forkName);
        prompt.accept();
        browser.waitFor(d -> d.getCurrentUrl().matches(".*#/plans/[0-9a-f-]{36}$") && !d.getCurrentUrl().endsWith(planId));
        String url = browser.driver.getCurrentUrl();
        String forkId = url.substring(url.lastIndexOf('/') + 1);
        JsonNode fork = api.planning("viewer", "GET", "api/v1/plans/" + forkId, null, null).body();
        assertEquals(forkName, fork.path("name").asText());
        assertEquals("DRAFT", fork.path("status").asText());
        assertEquals(planId, fork.path("forkedFrom").asText());

        // One account moves in the fork only.
        JsonNode from = null;
        JsonNode to = null;
        for (JsonNode territory : api.balancer(forkId).path("territories")) {
            if (territory.path("parentKey").isNull()) {
                continue;
            }
            if (from == null && territory.path("accounts").asLong() > 0) {
                from = territory;
            } else if (to == null) {
                to = territory;
            }
        }
        assertNotNull(from, "the sample plan has territories with accounts");
        assertNotNull(to);
        String accountId = api.planning("viewer", "GET", "api/v1/console/plans/" + forkId + "/territories/"
                + from.path("key").asText() + "/accounts", null, null).body().path("items").path(0).path("accountId").asText();
        api.expect(200, api.planning("planner", "PUT", "api/v1/plans/" + forkId + "/overrides/" + accountId,
                Map.of("territoryKey", to.path("key").asText(), "reason", "what-if"), api.etag(forkId)), "move in the fork");

        browser.open("#/plans");
        browser.choose(By.id("compare-left"), planId);
        browser.choose(By.id("compare-right"), forkId);
        browser.click(By.cssSelector("#compare-plans button[type='submit']"));
        browser.waitFor(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#compare-result #compare-table tbody tr")));
        String summary = browser.text(By.cssSelector("#compare-result .summary"));
        assertTrue(summary.startsWith("1 of "), summary);

        // A phone-sized window: the page itself never scrolls sideways (wide tables scroll inside their own box).
        browser.driver.manage().window().setSize(new Dimension(390, 844));
        browser.open("#/plans");
        browser.driver.navigate().refresh();
        browser.waitFor(ExpectedConditions.presenceOfElementLocated(By.id("plans-table")));
        Number overflow = (Number) ((JavascriptExecutor) browser.driver).executeScript(
                "return document.documentElement.scrollWidth - window.innerWidth");
        assertTrue(overflow.intValue() <= 0, "the plans page is " + overflow + " px wider than a 390 px window");
        assertNotEquals(0, browser.driver.findElements(By.cssSelector("#plans-table tbody tr")).size());
    }
}
