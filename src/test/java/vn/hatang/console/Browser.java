package vn.hatang.console;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through Debian's chromedriver (never a downloaded browser: the network is closed),
 * with the helpers the console tests share: log in, wait for a page, screenshot, and the axe-core accessibility check.
 */
final class Browser implements AutoCloseable {
    static final Path SCREENSHOTS = Path.of("target/console-screenshots");
    /** axe-core, fetched from the npm registry by {@code .ci/run} (no WebJar of it resolves on Maven Central). */
    static final Path AXE = Path.of(System.getProperty("hatang.axe", ".cache/axe/axe.min.js"));

    final ChromeDriver driver;
    final String base;

    Browser(int port) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(Files.exists(Path.of("/usr/bin/chromium")) ? "/usr/bin/chromium" : "/usr/bin/chromium-browser");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1366,768", "--lang=vi");
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "vi,en"));
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        this.base = "http://127.0.0.1:" + port;
    }

    void open(String path) {
        driver.get(base + path);
        settle();
    }

    /** Waits until the document is loaded and htmx (if it is swapping) has finished. */
    /** What the page's scripts logged (a CSP refusal shows here). */
    String consoleLog() {
        StringBuilder sb = new StringBuilder();
        driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER)
                .forEach(e -> sb.append(e.getLevel()).append(' ').append(e.getMessage()).append('\n'));
        return sb.toString();
    }

    void settle() {
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> "complete".equals(js("return document.readyState"))
                && Boolean.TRUE.equals(js("return !document.querySelector('.htmx-request')")));
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    String text(String css) {
        return find(css).getText();
    }

    /** Clicks and waits for the next page (a link or a form's button). */
    void click(String css) {
        click(find(css));
    }

    void click(WebElement e) {
        markStale();
        e.click();
        awaitNewPage();
    }

    /** Marks the page's main element, so that its replacement (a new page, or htmx's swap of the body) shows. */
    void markStale() {
        js("var m = document.getElementById('main'); if (m) { m.dataset.stale = '1'; }");
    }

    void awaitNewPage() {
        waitFor(() -> Boolean.TRUE.equals(js("var m = document.getElementById('main');"
                + " return document.readyState === 'complete' && m != null && !m.dataset.stale")));
        settle();
    }

    /** Submits with a click and waits for htmx to replace {@code target} (a partial update). */
    void clickAndSwap(String css, String target) {
        swap(target, () -> find(css).click());
    }

    /** Does {@code action} and waits for htmx to replace {@code target}. */
    private void swap(String target, Runnable action) {
        js("var t = document.querySelector(arguments[0]); if (t) { t.dataset.stale = '1'; }", target);
        action.run();
        waitFor(() -> Boolean.TRUE.equals(js("var t = document.querySelector(arguments[0]);"
                + " return t != null && !t.dataset.stale && !document.querySelector('.htmx-request')", target)));
    }

    /** Chooses an option of a select that updates the page as it changes, and waits for htmx to replace {@code target}. */
    void selectAndSwap(String css, String value, String target) {
        swap(target, () -> new org.openqa.selenium.support.ui.Select(find(css)).selectByValue(value));
    }

    void type(String css, String value) {
        WebElement e = find(css);
        e.clear();
        e.sendKeys(value);
    }

    void waitFor(java.util.function.BooleanSupplier condition) {
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> condition.getAsBoolean());
    }

    void waitForText(String css, String fragment) {
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> {
            var found = d.findElements(By.cssSelector(css));
            return !found.isEmpty() && found.get(0).getText().contains(fragment);
        });
    }

    void login(String login, String password) {
        open("/login");
        type("#login", login);
        type("#password", password);
        click("form[action='/login'] button[type=submit]");
    }

    void logout() {
        click("form[action='/logout'] button");
    }

    void size(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs axe-core (WCAG 2.1 A/AA rules) on the current page and fails on any serious or critical violation, naming
     * each with the elements it found. Returns the number of lesser (minor, moderate) findings.
     */
    @SuppressWarnings("unchecked")
    long axe(String page) {
        if (!Files.isRegularFile(AXE)) {
            fail("axe-core is missing at " + AXE + ": run .ci/run, or `npm pack axe-core@4.10.3` and extract "
                    + "package/axe.min.js there");
        }
        try {
            js(Files.readString(AXE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var result = (List<Map<String, Object>>) ((JavascriptExecutor) driver).executeAsyncScript(
                "var done = arguments[arguments.length - 1];"
                        + "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},"
                        + " resultTypes: ['violations']}).then(function (r) { done(r.violations.map(function (v) {"
                        + " return {id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map(function (n) {"
                        + " return n.target.join(' '); })}; })); }, function (e) { done([{id: 'axe-error', impact: 'critical',"
                        + " help: String(e), nodes: []}]); });");
        StringBuilder serious = new StringBuilder();
        long lesser = 0;
        for (var v : result) {
            if ("serious".equals(v.get("impact")) || "critical".equals(v.get("impact"))) {
                serious.append("\n  ").append(v.get("impact")).append(' ').append(v.get("id")).append(": ")
                        .append(v.get("help")).append(' ').append(v.get("nodes"));
            } else {
                lesser++;
            }
        }
        assertTrue(serious.length() == 0, "accessibility of " + page + ":" + serious);
        return lesser;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
