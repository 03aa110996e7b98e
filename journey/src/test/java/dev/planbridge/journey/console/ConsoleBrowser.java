package dev.planbridge.journey.console;

import dev.planbridge.journey.FullStack;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
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
        // --window-size sizes the window; make the page itself 1280x800 so screenshots are exactly that
        Number innerHeight = (Number) ((JavascriptExecutor) driver).executeScript("return window.innerHeight");
        driver.manage().window().setSize(new Dimension(1280, 800 + (800 - innerHeight.intValue())));
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
        try {
            // Live views re-render as events arrive: an element found a moment ago may be replaced before it is read.
            return new WebDriverWait(driver, timeout, Duration.ofMillis(200))
                    .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                    .until(condition::apply);
        } catch (TimeoutException e) {
            Path shot = Path.of("target", "console-failure-" + System.currentTimeMillis() + ".png");
            try {
                Files.createDirectories(shot.getParent());
                Files.copy(((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(), shot);
            } catch (IOException | RuntimeException ignored) {
                // the timeout below is what matters
            }
            throw new TimeoutException("Console at " + driver.getCurrentUrl() + " (banner: '" + banner()
                    + "', screenshot " + shot.toAbsolutePath() + "): " + e.getMessage(), e);
        }
    }

    /** The banner's text when it shows an error, so a failing step says what the console said. */
    String banner() {
        List<WebElement> banner = driver.findElements(By.id("banner"));
        return banner.isEmpty() || !banner.get(0).isDisplayed() ? "" : banner.get(0).getText();
    }

    /** Saves the top of the page as docs/images/console-{name}.png (the README and docs/console.md show them). */
    void screenshot(String name) {
        ((JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0)");
        save(name);
    }

    /** Saves the viewport with {@code element} scrolled to its top. */
    void screenshot(String name, By element) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'start'})",
                waitFor(ExpectedConditions.presenceOfElementLocated(element)));
        save(name);
    }

    private void save(String name) {
        Path target = FullStack.repositoryRoot().resolve("docs/images/console-" + name + ".png");
        try {
            Files.createDirectories(target.getParent());
            Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
