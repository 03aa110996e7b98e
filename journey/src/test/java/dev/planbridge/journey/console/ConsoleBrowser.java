package dev.planbridge.journey.console;

import dev.planbridge.journey.FullStack;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through its chromedriver (never downloaded: Selenium Manager is bypassed by
 * naming both binaries), at 1280x800, pointed at the console of the shared {@link FullStack}.
 */
final class ConsoleBrowser implements AutoCloseable {

    static final String CHROMIUM = System.getenv().getOrDefault("CHROMIUM_BINARY", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getenv().getOrDefault("CHROMEDRIVER_BINARY", "/usr/bin/chromedriver");

    final WebDriver driver;
    final String consoleUrl;

    ConsoleBrowser(FullStack stack) {
        for (String binary : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(Path.of(binary))) {
                throw new IllegalStateException(binary + " is missing: install Debian's chromium and chromium-driver"
                        + " (apt-get install -y chromium chromium-driver) or set CHROMIUM_BINARY/CHROMEDRIVER_BINARY");
            }
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,800", "--hide-scrollbars", "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        consoleUrl = stack.planningUrl().resolve("/console/").toString();
    }

    /** Opens the login page and clicks the demo user of {@code role}; waits until the plans page shows. */
    void loginAs(String role) {
        driver.get(consoleUrl + "#/login");
        ((JavascriptExecutor) driver).executeScript("sessionStorage.clear()");
        driver.navigate().refresh();
        click(By.id("demo-" + role));
        waitFor(ExpectedConditions.textToBe(By.id("who-roles"), role));
        waitFor(ExpectedConditions.presenceOfElementLocated(By.id("plans-table")));
    }

    void logout() {
        click(By.id("logout"));
        waitFor(ExpectedConditions.presenceOfElementLocated(By.id("token")));
    }

    void open(String hash) {
        driver.get(consoleUrl + hash);
    }

    WebElement click(By by) {
        WebElement element = waitFor(ExpectedConditions.elementToBeClickable(by));
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
        element.click();
        return element;
    }

    WebElement type(By by, String text) {
        WebElement element = waitFor(ExpectedConditions.elementToBeClickable(by));
        element.clear();
        element.sendKeys(text);
        return element;
    }

    void choose(By by, String value) {
        new Select(waitFor(ExpectedConditions.elementToBeClickable(by))).selectByValue(value);
    }

    String text(By by) {
        return waitFor(ExpectedConditions.visibilityOfElementLocated(by)).getText();
    }

    <T> T waitFor(Function<WebDriver, T> condition) {
        return waitFor(condition, Duration.ofSeconds(30));
    }

    <T> T waitFor(Function<WebDriver, T> condition, Duration timeout) {
        return new WebDriverWait(driver, timeout, Duration.ofMillis(200)).until(condition::apply);
    }

    /** The banner's text when it shows an error, so a failing step says what the console said. */
    String banner() {
        List<WebElement> banner = driver.findElements(By.id("banner"));
        return banner.isEmpty() || !banner.get(0).isDisplayed() ? "" : banner.get(0).getText();
    }

    /** Saves the viewport as docs/images/console-{name}.png (the README and docs/console.md show them). */
    void screenshot(String name) {
        Path target = FullStack.repositoryRoot().resolve("docs/images/console-" + name + ".png");
        try {
            Files.createDirectories(target.getParent());
            Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
