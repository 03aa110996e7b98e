package dev.planbridge.journey.console;

import dev.planbridge.journey.FullStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** A browser test of the console: one headless Chromium per test class against the shared full stack. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ConsoleTest {

    FullStack stack;
    ConsoleFixtures api;
    ConsoleBrowser browser;

    @BeforeAll
    void startBrowser() {
        stack = FullStack.shared();
        api = new ConsoleFixtures(stack);
        browser = new ConsoleBrowser(stack);
    }

    @AfterAll
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }
}
