package com.imagecogni.dashboard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}, which .ci/run
 * installs) driven through WebDriver, with a download folder and screenshots under target/.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getProperty("imagecogni.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("imagecogni.chromedriver", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    final ChromeDriver driver;
    final Path downloads;
    private final Path profile;
    private int shots;

    Browser() throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("The dashboard tests need Chromium and its driver: "
                    + "apt-get install chromium chromium-driver (looked for " + CHROMIUM + " and " + CHROMEDRIVER + ")");
        }
        downloads = Files.createTempDirectory("imagecogni-downloads");
        profile = Files.createTempDirectory("imagecogni-chromium");
        Files.createDirectories(SCREENSHOTS);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // no sandbox (CI runs as root); no background connections (the network is closed, and they slow start-up)
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1280,1000", "--lang=en-US", "--user-data-dir=" + profile);
        Map<String, Object> prefs = new HashMap<>();
        // numbers and dates are formatted in the browser's locale; the assertions expect en-US
        prefs.put("intl.accept_languages", "en-US");
        prefs.put("download.default_directory", downloads.toString());
        prefs.put("download.prompt_for_download", false);
        options.setExperimentalOption("prefs", prefs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow", "downloadPath", downloads.toString()));
    }

    void open(String url) {
        driver.get(url);
    }

    /** Waits up to 20 s; an element replaced while it is read (views redraw) is simply looked up again. */
    WebDriverWait waiting() {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    /** Waits for a visible element. */
    WebElement find(By by) {
        return waiting().until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    /** Waits until the page's main heading says {@code text}. */
    void awaitHeading(String text) {
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("main h1"), text));
    }

    /** Waits until an element holds {@code text}, and returns it. */
    WebElement awaitText(By by, String text) {
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(by, text));
        return driver.findElement(by);
    }

    void type(By by, String text) {
        WebElement input = find(by);
        input.clear();
        input.sendKeys(text);
    }

    void click(By by) {
        waiting().until(ExpectedConditions.elementToBeClickable(by)).click();
    }

    void acceptConfirm() {
        waiting().until(ExpectedConditions.alertIsPresent()).accept();
    }

    Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Form controls on the page that no label (or aria-label) names: should always be empty. */
    @SuppressWarnings("unchecked")
    List<String> unlabelledControls() {
        return (List<String>) script("""
                return [...document.querySelectorAll('main input, main select, main textarea')]
                  .filter(el => el.type !== 'hidden' && el.labels.length === 0 && !el.getAttribute('aria-label'))
                  .map(el => el.outerHTML);""");
    }

    /** True when the page is wider than the window (a phone would scroll sideways). */
    boolean overflowsSideways() {
        return (Boolean) script("return document.documentElement.scrollWidth > document.documentElement.clientWidth + 1;");
    }

    void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** Saves a screenshot as target/screenshots/NN-name.png (test artifacts for a reviewer). */
    Path screenshot(String name) throws IOException {
        shots++;
        Path target = SCREENSHOTS.resolve(String.format("%02d-%s.png", shots, name));
        Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
