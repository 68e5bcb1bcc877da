package com.imagecogni.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import com.imagecogni.job.ZipEntries;
import com.imagecogni.support.Api;
import com.imagecogni.support.Db;
import com.imagecogni.support.Images;
import com.imagecogni.support.Origin;
import com.imagecogni.support.PostbackReceiver;
import com.imagecogni.support.TestAccounts;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;

/**
 * The dashboard in a real headless Chromium, as a person uses it: sign up, the emailed link, a
 * password, IPs up to the plan's limit, an API key, a configuration built in the editor (with a
 * locked feature), the upload example, a job's ZIP downloaded, redelivery and My Plan. Each page
 * is saved as a screenshot under target/screenshots.
 */
@QuarkusTest
class DashboardBrowserTest {

    private static final Pattern CONFIG_ID = Pattern.compile("configId=([0-9a-f-]{36})");

    @TestHTTPResource("/")
    URL root;

    private static final String ADMIN_EMAIL = "admin@imagecogni.test";

    @Inject
    TestAccounts accounts;

    @Inject
    Db db;

    private Browser browser;
    private PostbackReceiver receiver;
    private String base;

    @BeforeEach
    void start() throws IOException {
        // the allow-list sees the browser's address: make it 127.0.0.1, not whatever localhost resolves to first
        base = "http://127.0.0.1:" + root.getPort() + "/";
        receiver = new PostbackReceiver();
    }

    @AfterEach
    void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        receiver.close();
    }

    @ParameterizedTest
    @EnumSource(Browser.Engine.class)
    void aPersonGoesFromSignUpToADownloadedZip(Browser.Engine engine) throws Exception {
        browser = new Browser(engine);
        String email = TestAccounts.uniqueEmail("browser");

        // --- sign up, then the emailed link sets the password and signs in ---
        browser.open(base + "#/signup");
        browser.awaitHeading("Create your account");
        browser.type(By.name("email"), email);
        browser.click(By.cssSelector("form button[type=submit]"));
        assertThat(browser.awaitText(By.cssSelector(".ok"), "Check your inbox").getText()).contains(email);
        browser.screenshot("sign-up");

        String token = accounts.awaitToken(email, 1);
        browser.open(base + "verify?token=" + token);
        browser.awaitHeading("Verify your email");
        checkPage("verify");
        browser.type(By.name("password"), "short");
        browser.type(By.name("repeat"), "short");
        browser.click(By.cssSelector("form button[type=submit]"));
        assertThat(browser.awaitText(By.cssSelector(".error"), "12 characters").getText()).contains("at least 12");
        browser.type(By.name("password"), TestAccounts.PASSWORD);
        browser.type(By.name("repeat"), TestAccounts.PASSWORD);
        browser.click(By.cssSelector("form button[type=submit]"));
        browser.awaitHeading("My Plan");
        assertThat(browser.driver.getCurrentUrl()).as("the token leaves the address bar").doesNotContain("token");
        assertThat(browser.find(By.id("plan-title")).getText()).isEqualTo("Free");
        assertThat(browser.find(By.id("credits-remaining")).getText()).isEqualTo("1,000");

        // --- log out ends the session; log in starts a new one ---
        browser.click(By.id("logout"));
        browser.awaitHeading("Log in");
        assertThat(browser.script("return sessionStorage.getItem('imagecogni.token')")).isNull();
        browser.type(By.name("email"), email);
        browser.type(By.name("password"), "not the password at all");
        browser.click(By.cssSelector("form button[type=submit]"));
        assertThat(browser.awaitText(By.cssSelector(".error"), "password").getText()).doesNotContain("invalid_credentials");
        browser.type(By.name("password"), TestAccounts.PASSWORD);
        browser.click(By.cssSelector("form button[type=submit]"));
        browser.awaitHeading("My Plan");
        checkPage("my-plan");

        // --- IPs: the sign-up address is listed; removed, the page offers it again as the default ---
        browser.click(By.linkText("IPs"));
        browser.awaitHeading("IPs");
        browser.awaitText(By.id("ip-summary"), "1 of 3 active");
        browser.click(By.cssSelector("button[aria-label='Delete 127.0.0.1']"));
        browser.acceptConfirm();
        browser.awaitText(By.cssSelector("main"), "No addresses yet");
        browser.open(base + "#/keys");
        browser.awaitHeading("API Library");
        browser.open(base + "#/ips");
        browser.awaitHeading("IPs");
        browser.awaitText(By.id("ip-caller"), "127.0.0.1");
        browser.waiting().until(d -> "127.0.0.1".equals(d.findElement(By.name("address")).getAttribute("value")));
        browser.click(By.cssSelector("form button[type=submit]"));
        browser.awaitText(By.id("ip-summary"), "1 of 3 active");
        addIp("198.51.100.7");
        addIp("2001:db8::/64");
        browser.awaitText(By.id("ip-summary"), "3 of 3 active");
        browser.type(By.name("address"), "203.0.113.9");
        browser.click(By.cssSelector("form button[type=submit]"));
        String limitError = browser.awaitText(By.cssSelector("[role=alert]"), "active addresses").getText();
        assertThat(limitError).contains("All 3 active addresses of your Free plan are in use").contains("Deactivate one")
                .doesNotContain("ip_limit_reached");
        checkPage("ips-limit");
        browser.click(By.cssSelector("button[aria-label='Deactivate 198.51.100.7']"));
        browser.awaitText(By.id("ip-summary"), "2 of 3 active");
        addIp("203.0.113.9");
        browser.awaitText(By.id("ip-summary"), "3 of 3 active");

        // --- API Library: the key is shown once; a second key is revoked ---
        browser.click(By.linkText("API Library"));
        browser.awaitHeading("API Library");
        browser.type(By.name("name"), "production backend");
        browser.click(By.cssSelector("form button[type=submit]"));
        String apiKey = browser.find(By.id("new-key")).getAttribute("value");
        assertThat(apiKey).matches("ick_[A-Za-z0-9]{40}");
        browser.click(By.id("copy-key"));
        browser.waiting().until(d -> d.findElement(By.cssSelector(".secret + [role=status]")).getText()
                .matches("Copied\\.|Selected: .*"));
        checkPage("api-key-created");
        browser.type(By.name("name"), "old laptop");
        browser.click(By.cssSelector("form button[type=submit]"));
        browser.waiting().until(d -> !apiKey.equals(d.findElement(By.id("new-key")).getAttribute("value")));
        browser.click(By.cssSelector("button[aria-label='Revoke old laptop']"));
        browser.acceptConfirm();
        browser.awaitText(By.cssSelector("main table"), "revoked");
        browser.driver.navigate().refresh();
        browser.awaitText(By.cssSelector("main table"), "production backend");
        assertThat(browser.script("return document.body.innerText.includes(arguments[0])"
                + " || [...document.querySelectorAll('input')].some(i => i.value === arguments[0])", apiKey))
                .as("after a reload the key is nowhere on the page").isEqualTo(false);
        browser.click(By.id("show-secret"));
        browser.waiting().until(d -> d.findElement(By.id("webhook-secret")).getAttribute("value").startsWith("whsec_"));

        // --- Media Operations: build [resize ×2, compress], see the cost and the hint, reorder, save ---
        browser.click(By.linkText("Media Operations"));
        browser.awaitHeading("Media Operations");
        browser.click(By.id("new-configuration"));
        browser.awaitHeading("New configuration");
        browser.awaitText(By.id("credits-per-source"), "1");
        WebElement locked = browser.find(By.cssSelector("button[data-add=watermark]"));
        assertThat(locked.getAttribute("aria-disabled")).isEqualTo("true");
        assertThat(locked.getText()).contains("Watermark").contains("Pro");
        browser.click(By.cssSelector("button[data-add=watermark]"));
        browser.awaitText(By.cssSelector(".palette + [role=status]"), "comes with the Pro");
        assertThat(browser.driver.findElements(By.cssSelector("[data-type=watermark]"))).isEmpty();
        WebElement lockedFilter = browser.find(By.cssSelector("button[data-add=filter]"));
        assertThat(lockedFilter.getAttribute("aria-disabled")).isEqualTo("true");
        assertThat(lockedFilter.getText()).contains("Filter").contains("Pro");
        browser.click(By.cssSelector("button[data-add=filter]"));
        assertThat(browser.awaitText(By.cssSelector(".palette + [role=status]"), "Filter comes with").getText())
                .contains("Pro or Enterprise plans").contains("your Free plan does not include it");
        assertThat(browser.driver.findElements(By.cssSelector("[data-type=filter]"))).isEmpty();
        assertThat(browser.find(By.cssSelector("button[data-add=trim]")).getAttribute("aria-disabled"))
                .as("trim is on every plan").isNull();

        browser.type(By.name("op0-size0-width"), "0");
        assertThat(browser.awaitText(By.cssSelector("#estimate .error"), "size 1").getText()).contains("operation 1 › size 1 › width");
        browser.type(By.name("op0-size0-width"), "800");
        browser.awaitText(By.id("credits-per-source"), "1");
        browser.click(By.cssSelector(".add-size"));
        new Select(browser.find(By.name("op0-size1-mode"))).selectByValue("template");
        new Select(browser.find(By.name("op0-size1-template"))).selectByValue("instagram-square");
        browser.awaitText(By.id("credits-per-source"), "2");
        browser.click(By.cssSelector("button[data-add=compress]"));
        browser.awaitText(By.id("credits-per-source"), "4");
        WebElement hint = browser.find(By.id("cheaper-hint"));
        assertThat(hint.getText()).contains("3");
        browser.script("arguments[0].scrollIntoView({block: 'center'})", hint);
        browser.screenshot("media-operations-hint");
        browser.click(By.cssSelector("button[aria-label='Move Compress (step 2) up']"));
        browser.awaitText(By.id("credits-per-source"), "3");
        browser.waiting().until(ExpectedConditions.invisibilityOfElementLocated(By.id("cheaper-hint")));
        assertThat(browser.find(By.cssSelector("[data-op='0']")).getAttribute("data-type")).isEqualTo("compress");
        // try the unsaved operations on a picked image: the page says the cost first, then shows the outputs
        assertThat(browser.awaitText(By.id("try-cost"), "3").getText()).isEqualTo("3");
        Path sample = Files.createTempFile("sample", ".jpg");
        Files.write(sample, Images.gradient(1600, 1200, "jpg"));
        browser.driver.findElement(By.id("try-file")).sendKeys(sample.toString());
        browser.click(By.id("try-run"));
        assertThat(browser.awaitText(By.id("try-message"), "charged").getText()).contains("2 output(s)")
                .contains("charged 3 credits");
        browser.waiting().until(d -> Long.valueOf(2).equals(browser.script(
                "return [...document.querySelectorAll('#try-outputs img')].filter(i => i.complete && i.naturalWidth > 0).length;")));
        assertThat(browser.find(By.id("try-outputs")).getText()).contains("800×600").contains("1080×1080");
        browser.script("document.getElementById('try-sample').scrollIntoView({block: 'center'})");
        browser.screenshot("media-operations-try");
        browser.type(By.name("name"), "product-images");
        browser.type(By.name("postbackUrl"), receiver.url());
        checkPage("media-operations-editor");
        browser.click(By.id("save"));
        browser.awaitHeading("Media Operations");
        browser.awaitText(By.cssSelector(".ok"), "version 1: 3 credits per source");
        browser.awaitText(By.cssSelector("main table"), "product-images");
        checkPage("media-operations-list");

        // --- the upload example carries the configuration's id; the upload itself is a backend's curl ---
        browser.click(By.cssSelector("a[aria-label='Upload example for product-images']"));
        browser.awaitHeading("Upload example");
        String curl = browser.find(By.id("curl")).getText();
        assertThat(curl).contains(base + "api/v1/jobs").contains("Authorization: ick_YOUR_API_KEY").contains("sources=@")
                .contains("POSTed to " + receiver.url() + " as multipart/form-data");
        Matcher id = CONFIG_ID.matcher(curl);
        assertThat(id.find()).isTrue();
        checkPage("upload-example");
        // a PNG cut after its header passes the upload's checks and fails alone in the worker (refunded)
        byte[] cutPng = java.util.Arrays.copyOf(Images.gradient(64, 64, "png"), 60);
        String jobId = RestAssured.given().header("Authorization", apiKey).multiPart("configId", id.group(1))
                .multiPart("sources", "photo.jpg", Images.gradient(1600, 1200, "jpg"), "image/jpeg")
                .multiPart("sources", "broken.png", cutPng, "image/png")
                .post(base + "api/v1/jobs").then().statusCode(202).body("credits", org.hamcrest.Matchers.equalTo(6))
                .extract().path("jobId");
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received().size() == 1);

        // --- Jobs: the job, its delivery, the ZIP downloaded through the page, redelivery ---
        browser.click(By.linkText("Jobs"));
        browser.awaitHeading("Jobs");
        browser.waiting().until(d -> {
            d.findElement(By.id("refresh-jobs")).click();
            return d.findElement(By.cssSelector("main table")).getText().contains("completed");
        });
        checkPage("jobs");
        browser.click(By.cssSelector("main table a"));
        browser.awaitHeading("Job");
        assertThat(browser.awaitText(By.id("job-status"), "completed").getText()).isEqualTo("completed");
        String sources = browser.awaitText(By.cssSelector("main table"), "broken.png").getText();
        assertThat(sources).contains("photo.jpg").contains("succeeded").contains("failed");
        assertThat(browser.find(By.cssSelector("main")).getText()).contains("3 (reserved 6, refunded 3)");
        // the outputs as pictures, each read from the stored ZIP (GET /jobs/{id}/result/{entry}) with its facts
        browser.waiting().until(d -> Long.valueOf(2).equals(browser.script(
                "return [...document.querySelectorAll('#outputs img')].filter(i => i.complete && i.naturalWidth > 0).length;")));
        String outputs = browser.find(By.id("outputs")).getText();
        assertThat(outputs).contains("800×600").contains("1080×1080").contains("photo.jpg");
        assertThat(browser.find(By.cssSelector("#outputs a.thumb")).getAttribute("href")).startsWith("blob:");
        browser.click(By.id("download"));
        browser.awaitText(By.cssSelector(".ok"), "is downloading");
        if (browser.downloads != null) {
            downloadedZipHoldsTheOutputs(jobId);
        }
        browser.click(By.id("redeliver"));
        browser.awaitText(By.cssSelector(".ok"), "being sent again");
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received().size() == 2);
        checkPage("job");

        // --- a running job's page follows it by itself: a progress bar, then the outputs, without a click ---
        try (Origin origin = new Origin()) {
            origin.slow("/slow.jpg", 2500, Images.gradient(1600, 1200, "jpg"));
            String running = RestAssured.given().header("Authorization", apiKey).contentType("application/json")
                    .body(Map.of("configId", id.group(1), "sourceUrls", List.of(origin.url("/slow.jpg"))))
                    .post(base + "api/v1/jobs").then().statusCode(202).extract().path("jobId");
            browser.open(base + "#/jobs/" + running);
            browser.awaitHeading("Job");
            assertThat(browser.find(By.cssSelector(".progress")).getText()).contains("0 of 1 sources").doesNotContain("undefined");
            checkPage("job-running");
            browser.awaitText(By.id("job-status"), "completed");
            browser.waiting().until(d -> !d.findElements(By.cssSelector("#outputs img[src^='blob:']")).isEmpty());
            assertThat(browser.driver.findElements(By.cssSelector(".progress"))).as("no bar once it is done").isEmpty();
        }

        // --- My Plan: the 9 credits are used; on a phone-width screen nothing scrolls sideways ---
        browser.click(By.linkText("My Plan"));
        // 3 credits for the try, 3 for the photo, 3 for the source by URL (the broken PNG's 3 were refunded)
        browser.awaitText(By.id("credits-remaining"), "991");
        // the period's credits as a chart: today's bar, the running total, the allowance line
        assertThat(browser.driver.findElements(By.cssSelector("#credits-chart rect.bar"))).hasSize(1);
        assertThat(browser.driver.findElements(By.cssSelector("#credits-chart line.allowance"))).hasSize(1);
        assertThat(browser.find(By.id("credits-chart")).getAttribute("aria-label")).contains("9 of 1,000");
        checkPage("my-plan-credits");
        browser.resize(390, 844);
        browser.driver.navigate().refresh();
        browser.awaitText(By.id("credits-remaining"), "991");
        assertThat(browser.overflowsSideways()).as("My Plan at phone width").isFalse();
        browser.screenshot("phone-my-plan");
        browser.open(base + "#/operations/" + id.group(1));
        browser.awaitHeading("Edit");
        browser.awaitText(By.id("credits-per-source"), "3");
        assertThat(browser.overflowsSideways()).as("the editor at phone width").isFalse();
        browser.screenshot("phone-media-operations");

        // --- edit saves a new version; delete empties the list ---
        browser.type(By.name("op1-size0-width"), "640");
        browser.click(By.id("save"));
        browser.awaitText(By.cssSelector(".ok"), "version 2: 3 credits per source");
        browser.click(By.cssSelector("button[aria-label='Delete product-images']"));
        browser.acceptConfirm();
        browser.awaitText(By.cssSelector("main"), "No configurations yet.");
    }

    @ParameterizedTest
    @EnumSource(Browser.Engine.class)
    void aProPlanBuildsTrimFiltersAndABlendModeInTheEditor(Browser.Engine engine) throws Exception {
        browser = new Browser(engine);
        TestAccounts.TestAccount account = accounts.create("editor-pro");
        Api.asUser(admin().jwt()).body(Map.of("plan", "pro")).put("/api/v1/admin/accounts/" + account.accountId() + "/plan")
                .then().statusCode(200);
        // the browser comes from 127.0.0.1, which the sign-up may have listed already
        int listed = Api.asUser(account.jwt()).body(Map.of("address", "127.0.0.1")).post("/api/v1/account/ips").statusCode();
        assertThat(listed).isIn(201, 409);

        browser.open(base + "#/login");
        browser.awaitHeading("Log in");
        browser.type(By.name("email"), account.email());
        browser.type(By.name("password"), TestAccounts.PASSWORD);
        browser.click(By.cssSelector("form button[type=submit]"));
        browser.awaitHeading("My Plan");
        assertThat(browser.find(By.id("plan-title")).getText()).isEqualTo("Pro");
        assertThat(browser.find(By.cssSelector("main table")).getText()).contains("trim");

        browser.open(base + "#/operations/new");
        browser.awaitHeading("New configuration");
        browser.awaitText(By.id("credits-per-source"), "1");
        for (String type : List.of("trim", "filter", "watermark")) {
            assertThat(browser.find(By.cssSelector("button[data-add=" + type + "]")).getAttribute("aria-disabled"))
                    .as(type + " on the Pro plan").isNull();
        }

        // trim: a threshold 0..255, empty for the default
        browser.click(By.cssSelector("button[data-add=trim]"));
        WebElement threshold = browser.find(By.name("op1-threshold"));
        assertThat(threshold.getAttribute("min")).isEqualTo("0");
        assertThat(threshold.getAttribute("max")).isEqualTo("255");
        assertThat(threshold.getAttribute("placeholder")).isEqualTo("10");
        assertThat(label(threshold)).contains("Threshold");
        browser.type(By.name("op1-threshold"), "24");
        browser.awaitText(By.id("credits-per-source"), "2");

        // filter: the amount's range, step, default and meaning follow the chosen filter
        browser.click(By.cssSelector("button[data-add=filter]"));
        WebElement amount = browser.find(By.name("op2-amount"));
        assertThat(amount.getAttribute("min")).isEqualTo("0");
        assertThat(amount.getAttribute("max")).isEqualTo("1");
        assertThat(label(amount)).contains("0–1");
        List<String> kinds = browser.find(By.name("op2-filter")).findElements(By.tagName("option")).stream()
                .map(o -> o.getAttribute("value")).toList();
        assertThat(kinds).containsExactly("grayscale", "sepia", "blur", "sharpen", "unsharp", "brightness", "contrast",
                "saturation", "gamma", "invert", "pixelate", "vignette", "border", "rounded-corners");
        new Select(browser.find(By.name("op2-filter"))).selectByValue("blur");
        browser.waiting().until(d -> "100".equals(d.findElement(By.name("op2-amount")).getAttribute("max")));
        amount = browser.find(By.name("op2-amount"));
        assertThat(amount.getAttribute("min")).isEqualTo("0.1");
        assertThat(amount.getAttribute("step")).isEqualTo("0.1");
        assertThat(amount.getAttribute("placeholder")).isEqualTo("2");
        assertThat(label(amount)).contains("0.1–100");
        assertThat(browser.find(By.id(amount.getAttribute("aria-describedby"))).getText()).contains("Gaussian sigma in pixels");
        assertThat(browser.driver.findElements(By.name("op2-color"))).as("a colour only for border").isEmpty();
        browser.type(By.name("op2-amount"), "3.5");
        browser.awaitText(By.id("credits-per-source"), "3");

        // a border filter: a whole-pixel width and a colour
        browser.click(By.cssSelector("button[data-add=filter]"));
        new Select(browser.find(By.name("op3-filter"))).selectByValue("border");
        browser.waiting().until(d -> "1000".equals(d.findElement(By.name("op3-amount")).getAttribute("max")));
        assertThat(browser.find(By.name("op3-amount")).getAttribute("step")).isEqualTo("1");
        WebElement colour = browser.find(By.name("op3-color"));
        assertThat(colour.getAttribute("type")).isEqualTo("color");
        assertThat(colour.getAttribute("value")).isEqualTo("#000000");
        assertThat(label(colour)).isEqualTo("Border colour");
        browser.type(By.name("op3-amount"), "12");
        browser.script("arguments[0].value = '#ff0000'; arguments[0].dispatchEvent(new Event('input', {bubbles: true}))", colour);

        // watermark: the blend mode
        browser.click(By.cssSelector("button[data-add=watermark]"));
        browser.type(By.name("op4-text"), "© Shop");
        List<String> modes = browser.find(By.name("op4-mode")).findElements(By.tagName("option")).stream()
                .map(o -> o.getAttribute("value")).toList();
        assertThat(modes).containsExactly("", "normal", "multiply", "screen", "overlay");
        new Select(browser.find(By.name("op4-mode"))).selectByValue("multiply");
        browser.awaitText(By.id("credits-per-source"), "5");
        // a second watermark, an image this time: picked from a file, previewed, sent as base64
        browser.click(By.cssSelector("button[data-add=watermark]"));
        new Select(browser.find(By.name("op5-mark"))).selectByValue("image");
        Path mark = Files.createTempFile("mark", ".png");
        Files.write(mark, Images.gradient(40, 20, "png"));
        browser.driver.findElement(By.name("op5-image")).sendKeys(mark.toString());
        browser.find(By.id("op5-image-preview"));
        assertThat(browser.driver.findElements(By.name("op5-text"))).as("a text or an image, not both").isEmpty();
        // one size of the resize with a fit of its own
        new Select(browser.find(By.name("op0-size0-fit"))).selectByValue("cover");
        browser.awaitText(By.id("credits-per-source"), "6");
        assertThat(browser.driver.findElements(By.cssSelector("#estimate .error"))).isEmpty();

        browser.type(By.name("name"), "pro-editor");
        browser.type(By.name("postbackUrl"), receiver.url());
        new Select(browser.find(By.name("postbackFormat"))).selectByValue("json");
        browser.script("arguments[0].scrollIntoView({block: 'start'})", browser.find(By.cssSelector("[data-op='1']")));
        checkPage("media-operations-pro-editor");
        browser.click(By.id("save"));
        browser.awaitHeading("Media Operations");
        browser.awaitText(By.cssSelector(".ok"), "version 1: 6 credits per source");

        JsonPath saved = Api.asUser(account.jwt()).get("/api/v1/configurations").then().statusCode(200).extract().jsonPath();
        assertThat(saved.getList("name")).containsExactly("pro-editor");
        assertThat(saved.getString("[0].postbackFormat")).isEqualTo("json");
        assertThat(saved.getList("[0].operations.type"))
                .containsExactly("resize", "trim", "filter", "filter", "watermark", "watermark");
        assertThat(saved.getMap("[0].operations[1]")).containsExactlyInAnyOrderEntriesOf(Map.of("type", "trim", "threshold", 24));
        assertThat(saved.getString("[0].operations[2].filter")).isEqualTo("blur");
        assertThat(saved.getDouble("[0].operations[2].amount")).isEqualTo(3.5);
        assertThat(saved.getMap("[0].operations[2]")).doesNotContainKey("color");
        assertThat(saved.getMap("[0].operations[3]"))
                .containsExactlyInAnyOrderEntriesOf(Map.of("type", "filter", "filter", "border", "amount", 12, "color", "#ff0000"));
        assertThat(saved.getString("[0].operations[4].mode")).isEqualTo("multiply");
        assertThat(saved.getString("[0].operations[4].text")).isEqualTo("© Shop");
        assertThat(saved.getString("[0].operations[5].image")).startsWith("data:image/png;base64,");
        assertThat(saved.getMap("[0].operations[5]")).doesNotContainKey("text");
        assertThat(saved.getString("[0].operations[0].sizes[0].fit")).isEqualTo("cover");

        // reopened, the editor shows what was saved
        browser.click(By.linkText("pro-editor"));
        browser.awaitHeading("Edit");
        assertThat(browser.find(By.name("op3-amount")).getAttribute("value")).isEqualTo("12");
        assertThat(browser.find(By.name("op3-color")).getAttribute("value")).isEqualTo("#ff0000");
        assertThat(new Select(browser.find(By.name("op4-mode"))).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo("multiply");
        assertThat(browser.find(By.id("op5-image-preview")).getAttribute("src")).startsWith("data:image/png;base64,");
        assertThat(new Select(browser.find(By.name("op0-size0-fit"))).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo("cover");
        assertThat(new Select(browser.find(By.name("postbackFormat"))).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo("json");
        browser.awaitText(By.id("credits-per-source"), "6");
        checkPage("media-operations-pro-edit");
    }

    /** The text of the label tied to a control. */
    private String label(WebElement control) {
        return (String) browser.script("return arguments[0].labels[0].textContent", control);
    }

    /** The operator's account (the test profile's admin email), created on first use. */
    private TestAccounts.TestAccount admin() {
        if (db.query("select 1 from account where email = $1", ADMIN_EMAIL).size() == 0) {
            return accounts.createWithEmail(ADMIN_EMAIL);
        }
        return new TestAccounts.TestAccount(ADMIN_EMAIL, null, TestAccounts.login(ADMIN_EMAIL));
    }

    private void addIp(String address) {
        browser.type(By.name("address"), address);
        browser.click(By.cssSelector("form button[type=submit]"));
        browser.awaitText(By.cssSelector("main table"), address);
    }

    /** Chromium saved the ZIP the page offered: the manifest, the configuration and both outputs at their sizes. */
    private void downloadedZipHoldsTheOutputs(String jobId) throws IOException {
        Path zip = browser.downloads.resolve(jobId + ".zip");
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(zip) && !Files.exists(Path.of(zip + ".crdownload")));
        Map<String, byte[]> entries = ZipEntries.of(Files.readAllBytes(zip));
        assertThat(entries).containsKeys("manifest.json", "configuration/product-images.json");
        assertThat(entries.keySet().stream().filter(name -> name.startsWith("output/"))).hasSize(2);
        byte[] large = entries.entrySet().stream().filter(e -> e.getKey().startsWith("output/800")).findFirst()
                .orElseThrow(() -> new AssertionError("no 800 px folder in " + entries.keySet())).getValue();
        assertThat(Images.size(large)).containsExactly(800, 600);
        byte[] square = entries.entrySet().stream().filter(e -> e.getKey().startsWith("output/instagram-square")).findFirst()
                .orElseThrow(() -> new AssertionError("no template folder in " + entries.keySet())).getValue();
        assertThat(Images.size(square)).containsExactly(1080, 1080);
    }

    /** Every control is labelled (keyboard and screen-reader users rely on it); then the screenshot. */
    private void checkPage(String name) throws IOException {
        assertThat(browser.unlabelledControls()).as("unlabelled form controls on " + name).isEmpty();
        browser.screenshot(name);
    }
}
