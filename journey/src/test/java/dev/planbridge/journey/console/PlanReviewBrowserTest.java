package dev.planbridge.journey.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * A planner edits a plan in the console and watches the balancer follow, meets another user's edit as a clear 412,
 * submits; an approver approves with a comment and sees it in the audit history.
 */
class PlanReviewBrowserTest extends ConsoleTest {

    /** Read in one script call: the chart is redrawn after every edit, so element references go stale. */
    static String barValue(WebDriver driver, String key) {
        return String.valueOf(((JavascriptExecutor) driver).executeScript("const bar = document.querySelector("
                + "'#balancer-chart rect.bar[data-key=\"' + arguments[0] + '\"]'); return bar && bar.getAttribute('data-value');", key));
    }

    @Test
    void shouldEditAPlanSeeTheBalancerChangeSubmitAndApprove() {
        String planId = api.samplePlan("Console review " + UUID.randomUUID().toString().substring(0, 8));
        // a territory with accounts and a sibling to move one of them to
        JsonNode from = null;
        JsonNode to = null;
        for (JsonNode a : api.balancer(planId).path("territories")) {
            for (JsonNode b : api.balancer(planId).path("territories")) {
                if (from == null && a.path("accounts").asLong() > 1 && !a.path("parentKey").isNull()
                        && !a.path("key").equals(b.path("key")) && a.path("parentKey").equals(b.path("parentKey"))) {
                    from = a;
                    to = b;
                }
            }
        }
        assertTrue(from != null, "the sample plan has sibling territories with accounts");
        String fromKey = from.path("key").asText();
        String toKey = to.path("key").asText();

        browser.open("#/login");
        browser.waitFor(ExpectedConditions.elementToBeClickable(By.id("demo-planner")));
        browser.screenshot("login");
        browser.loginAs("planner");
        browser.screenshot("plans");
        browser.open("#/plans/" + planId);
        browser.type(By.id("tree-search"), fromKey);
        browser.click(By.cssSelector("#territory-tree button.name[data-key='" + fromKey + "']"));
        browser.waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("detail-title"), fromKey));
        browser.choose(By.id("balancer-metric"), "accounts");
        long fromBefore = from.path("accounts").asLong();
        long toBefore = to.path("accounts").asLong();
        browser.waitFor(d -> barValue(d, fromKey).equals(String.valueOf(fromBefore)));

        browser.click(By.cssSelector("#accounts-table button.move"));
        browser.choose(By.id("move-target"), toKey);
        browser.type(By.id("move-reason"), "moved in the console test");
        browser.click(By.id("move-save"));
        browser.waitFor(d -> barValue(d, fromKey).equals(String.valueOf(fromBefore - 1))
                && barValue(d, toKey).equals(String.valueOf(toBefore + 1)));
        assertTrue(browser.banner().startsWith("Saved"), browser.banner());
        browser.screenshot("plan");

        // Someone else edits the plan behind the browser's back: the next edit is refused (412) and says so.
        String otherAccount = api.planning("viewer", "GET", "api/v1/console/plans/" + planId + "/territories/"
                + fromKey + "/accounts", null, null).body().path("items").path(0).path("accountId").asText();
        api.expect(200, api.planning("planner", "PUT", "api/v1/plans/" + planId + "/overrides/" + otherAccount,
                Map.of("territoryKey", toKey, "reason", "edited elsewhere"), api.etag(planId)), "edit behind the back");
        browser.click(By.cssSelector("#accounts-table button.move"));
        browser.choose(By.id("move-target"), toKey);
        browser.type(By.id("move-reason"), "stale edit");
        browser.click(By.id("move-save"));
        browser.waitFor(ExpectedConditions.attributeToBe(By.id("banner"), "data-status", "412"));
        assertTrue(browser.banner().contains("Someone else changed this plan"), browser.banner());
        browser.screenshot("conflict-412");
        browser.click(By.id("conflict-reload"));
        browser.waitFor(d -> barValue(d, fromKey).equals(String.valueOf(fromBefore - 2)));

        browser.open("#/plans/" + planId + "/reports");
        browser.waitFor(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#disruption-table tbody tr")));
        browser.click(By.cssSelector("#disruption-table th[data-key='lost'] button"));
        browser.waitFor(ExpectedConditions.attributeToBe(By.cssSelector("#disruption-table th[data-key='lost']"), "aria-sort", "ascending"));
        browser.waitFor(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#territory-table tbody tr")));
        browser.screenshot("reports");

        browser.open("#/plans/" + planId + "/review");
        browser.click(By.id("submit-plan"));
        browser.waitFor(ExpectedConditions.textToBe(By.id("plan-status"), "IN_REVIEW"));
        browser.logout();

        browser.loginAs("approver");
        browser.open("#/plans/" + planId + "/review");
        browser.type(By.id("decision-comment"), "Coverage looks balanced");
        browser.click(By.id("approve-plan"));
        browser.waitFor(ExpectedConditions.textToBe(By.id("plan-status"), "APPROVED"));
        assertEquals("Coverage looks balanced", browser.text(By.id("decision-shown")));
        browser.waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("audit-table"), "approve"));
        browser.screenshot("review");
    }
}
