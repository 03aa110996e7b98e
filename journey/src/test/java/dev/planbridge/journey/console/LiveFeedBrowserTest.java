package dev.planbridge.journey.console;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.planbridge.localstack.demo.SalesforceAdmin;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** A change made in Salesforce (the emulator, through SOAP) shows up in the console's live feed; pause holds it back. */
class LiveFeedBrowserTest extends ConsoleTest {

    /** An account and two users of the demo org (seed 42), as in samples/fy27. */
    static final String ACCOUNT = "001Pb00000000qKIAQ";
    static final String[] OWNERS = {"005Pb0000000003IAA", "005Pb0000000004IAA"};

    @Test
    void shouldShowACrmChangeLiveAndHoldItWhilePaused() {
        api.waitForMirror();
        SalesforceAdmin salesforce = new SalesforceAdmin(stack.soapLoginUrl(), "admin@planbridge.demo", "planbridge-demo");
        String current = api.planning("viewer", "GET", "api/v1/crm/accounts/" + ACCOUNT, null, null).body()
                .path("owner_id").asText();
        String next = OWNERS[0].equals(current) ? OWNERS[1] : OWNERS[0];

        browser.loginAs("viewer");
        browser.open("#/feed");
        browser.choose(By.id("feed-object"), "Account");
        browser.type(By.id("feed-field"), "OwnerId");
        browser.click(By.id("feed-apply"));
        try {
            browser.waitFor(ExpectedConditions.attributeToBe(By.id("feed-state"), "data-state", "open"), Duration.ofSeconds(10));
        } catch (TimeoutException quiet) {
            // the service may hold the response headers until its first event: the subscription is in place anyway
        }

        salesforce.reassignAccount(ACCOUNT, next);
        By row = By.cssSelector("#feed-rows tr[data-id='" + ACCOUNT + "']");
        browser.waitFor(ExpectedConditions.presenceOfElementLocated(row), Duration.ofSeconds(90));
        String shown = browser.driver.findElement(row).getText();
        assertTrue(shown.contains("OwnerId") && shown.contains(next), "the row names the field and the new owner: " + shown);
        browser.screenshot("feed");

        browser.click(By.id("feed-pause"));
        salesforce.reassignAccount(ACCOUNT, current);
        browser.waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("feed-pending"), "new while paused"),
                Duration.ofSeconds(90));
        assertTrue(browser.driver.findElements(row).size() == 1, "nothing is drawn while paused");
        browser.click(By.id("feed-pause"));
        browser.waitFor(ExpectedConditions.numberOfElementsToBe(row, 2));
    }
}
