package dev.planbridge.journey.console;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.planbridge.localstack.demo.SalesforceAdmin;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * An approver pushes an approved plan from the console, follows the progress to the end, finds the conflict a
 * Salesforce admin caused after the baseline (base / plan / CRM side by side, who changed it) and resolves it.
 */
class PushBrowserTest extends ConsoleTest {

    @Test
    void shouldPushShowProgressAndConflictsAndResolveOne() {
        String planId = api.samplePlan("Console push " + UUID.randomUUID().toString().substring(0, 8));
        api.submitAndApprove(planId);

        // After the baseline, the Salesforce admin gives one planned account to a third person: a conflict to be.
        List<JsonNode> accounts = api.desiredAccounts(planId);
        JsonNode account = accounts.stream().filter(a -> !a.path("desiredOwnerId").isNull()
                && !a.path("baselineOwnerId").isNull() && a.path("territoryKeys").size() > 0).findFirst().orElseThrow();
        String accountId = account.path("accountId").asText();
        String third = accounts.stream().map(a -> a.path("desiredOwnerId").asText(null))
                .filter(o -> o != null && !o.equals(account.path("desiredOwnerId").asText())
                        && !o.equals(account.path("baselineOwnerId").asText()))
                .findFirst().orElseThrow();
        new SalesforceAdmin(stack.soapLoginUrl(), "admin@planbridge.demo", "planbridge-demo").reassignAccount(accountId, third);

        browser.loginAs("approver");
        browser.open("#/plans/" + planId + "/push");
        WebElement owners = browser.waitFor(ExpectedConditions.elementToBeClickable(
                By.cssSelector("fieldset.scope input[value='account-owners']")));
        if (!owners.isSelected()) {
            owners.click();
        }
        browser.click(By.id("start-push"));
        browser.waitFor(ExpectedConditions.alertIsPresent()).accept();
        browser.waitFor(ExpectedConditions.presenceOfElementLocated(By.id("push-progress")));
        browser.waitFor(ExpectedConditions.attributeToBe(By.id("push-progress-text"), "data-phase", "DONE"),
                Duration.ofMinutes(5));
        browser.waitFor(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#push-report [data-report]")));
        browser.screenshot("push", By.id("push-detail"));

        By conflict = By.xpath("//article[contains(@class,'conflict')][.//h3[contains(., '" + accountId
                + "') and contains(., 'OwnerId')]]");
        WebElement card = browser.waitFor(ExpectedConditions.presenceOfElementLocated(conflict));
        String shown = card.getText();
        assertTrue(shown.contains(third) && shown.contains("changed by"), "base/plan/CRM and who: " + shown);
        browser.screenshot("conflicts", By.id("push-conflicts"));
        browser.click(By.xpath("//article[contains(@class,'conflict')][.//h3[contains(., '" + accountId
                + "') and contains(., 'OwnerId')]]//button[contains(@class,'keep-plan')]"));
        browser.waitFor(ExpectedConditions.textToBePresentInElementLocated(conflict, "resolved: keep plan"));
        assertTrue(browser.banner().startsWith("Resolved"), browser.banner());
    }
}
