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
import org.openqa.selenium.remote.RemoteWebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real browser driven through WebDriver, with screenshots under target/screenshots: headless Chromium (Debian's
 * {@code chromium} and {@code chromium-driver}) with a download folder, or WebKitGTK, the engine Safari is built on
 * (Debian's {@code webkit2gtk-driver}: {@code WebKitWebDriver} driving its MiniBrowser on an Xvfb display from
 * {@code xvfb-run}). .ci/run installs both.
 */
final class Browser implements AutoCloseable {

    /** The engines the dashboard is tested in. */
    enum Engine {
        CHROMIUM, WEBKITGTK
    }

    static final Path CHROMIUM = Path.of(System.getProperty("imagecogni.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("imagecogni.chromedriver", "/usr/bin/chromedriver"));
    static final Path WEBKIT_DRIVER = Path.of("/usr/bin/WebKitWebDriver");
    static final Path MINIBROWSER = Path.of(System.getProperty("imagecogni.minibrowser",
            "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser"));
    static final Path XVFB_RUN = Path.of("/usr/bin/xvfb-run");

    final Engine engine;
    final RemoteWebDriver driver;
    /** Where Chromium saves downloads; null in WebKitGTK, whose WebDriver has no download folder. */
    final Path downloads;
    private final Path screenshots;
    private final Process webkitDriver;
    private int shots;

    Browser(Engine engine) throws IOException {
        this.engine = engine;
        // Chromium's pictures stay where the README points; WebKitGTK's go beside them
        screenshots = engine == Engine.CHROMIUM ? Path.of("target", "screenshots")
                : Path.of("target", "screenshots", "webkitgtk");
        Files.createDirectories(screenshots);
        if (engine == Engine.WEBKITGTK) {
            downloads = null;
            int port;
            try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
                port = free.getLocalPort();
            }
            webkitDriver = startWebKitDriver(port);
            driver = webKit(port);
            driver.manage().window().setSize(new Dimension(1280, 1000));
            return;
        }
        webkitDriver = null;
        driver = chromium();
        downloads = Files.createTempDirectory("imagecogni-downloads");
        ((ChromeDriver) driver).executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow",
                "downloadPath", downloads.toString()));
    }

    /** WebKitWebDriver on its own X display; it starts a MiniBrowser per session. */
    private static Process startWebKitDriver(int port) throws IOException {
        if (!Files.isExecutable(WEBKIT_DRIVER) || !Files.isExecutable(MINIBROWSER) || !Files.isExecutable(XVFB_RUN)) {
            throw new IllegalStateException("The WebKit dashboard test needs WebKitGTK's driver and an X server: apt-get"
                    + " install webkit2gtk-driver xvfb xauth (looked for " + WEBKIT_DRIVER + ", " + MINIBROWSER + ", "
                    + XVFB_RUN + ")");
        }
        ProcessBuilder builder = new ProcessBuilder(XVFB_RUN.toString(), "-a", "-s", "-screen 0 1400x1100x24",
                WEBKIT_DRIVER.toString(), "--port=" + port).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(Path.of("target", "webkitwebdriver.log").toFile()));
        // numbers and dates are formatted in the browser's locale; the assertions expect en-US
        builder.environment().put("LANG", "en_US.UTF-8");
        builder.environment().put("LC_ALL", "en_US.UTF-8");
        return builder.start();
    }

    /** A session of MiniBrowser in automation mode, once the driver answers. */
    private static RemoteWebDriver webKit(int port) {
        org.openqa.selenium.MutableCapabilities capabilities = new org.openqa.selenium.MutableCapabilities();
        capabilities.setCapability("browserName", "MiniBrowser");
        capabilities.setCapability("webkitgtk:browserOptions", Map.of("binary", MINIBROWSER.toString(),
                "args", List.of("--automation")));
        java.net.URL url;
        try {
            url = java.net.URI.create("http://127.0.0.1:" + port).toURL();
        } catch (java.net.MalformedURLException e) {
            throw new IllegalStateException(e);
        }
        RuntimeException last = null;
        for (int attempt = 0; attempt < 50; attempt++) {
            try {
                return new RemoteWebDriver(url, capabilities);
            } catch (RuntimeException e) { // the driver is not listening yet
                last = e;
                try {
                    Thread.sleep(200);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
        throw last;
    }

    private static ChromeDriver chromium() throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("The dashboard tests need Chromium and its driver: "
                    + "apt-get install chromium chromium-driver (looked for " + CHROMIUM + " and " + CHROMEDRIVER + ")");
        }
        Path profile = Files.createTempDirectory("imagecogni-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // no sandbox (CI runs as root); no background connections (the network is closed, and they slow start-up)
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1280,1000", "--lang=en-US", "--user-data-dir=" + profile);
        Map<String, Object> prefs = new HashMap<>();
        // numbers and dates are formatted in the browser's locale; the assertions expect en-US
        prefs.put("intl.accept_languages", "en-US");
        prefs.put("download.prompt_for_download", false);
        options.setExperimentalOption("prefs", prefs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
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
        Path target = screenshots.resolve(String.format("%02d-%s.png", shots, name));
        Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            if (webkitDriver != null) {
                // xvfb-run's children (Xvfb, the driver, MiniBrowser) first, then the script itself
                webkitDriver.descendants().forEach(ProcessHandle::destroy);
                webkitDriver.destroy();
            }
        }
    }
}
