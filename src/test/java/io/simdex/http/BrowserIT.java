package io.simdex.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.simdex.BundledApp;
import io.simdex.corpus.Paper;

import java.io.File;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

/**
 * The web page in a real browser: Debian's headless Chromium, driven through its chromedriver, against the real
 * service on the bundled corpus (and, for the page's escaping, a small writable service). Any error the page logs
 * to the browser's console fails the test that caused it; each test leaves a screenshot in
 * {@code target/screenshots/}.
 */
class BrowserIT {

    private static final Path CHROMEDRIVER = Path.of(System.getProperty("simdex.chromedriver", "/usr/bin/chromedriver"));
    private static final Path CHROMIUM = Path.of(System.getProperty("simdex.chromium", "/usr/bin/chromium"));
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String HULL_QUERY = "pointer network attention convex hull travelling salesman";
    private static final String XSS_TITLE = "<img src=x onerror=alert(1)>";

    /** Inputs, selects, text areas, buttons and links with no name: no label, aria-label, aria-labelledby or text. */
    private static final String UNNAMED_CONTROLS = """
            const text = (node) => (node && node.textContent || "").trim();
            const named = (e) => (e.getAttribute("aria-label") || "").trim()
              || (e.getAttribute("aria-labelledby") || "").split(/\\s+/).some((id) => text(document.getElementById(id)))
              || [...(e.labels || [])].some(text)
              || ((e.tagName === "BUTTON" || e.tagName === "A") && text(e));
            return [...document.querySelectorAll("input, select, textarea, button, a[href]")]
              .filter((e) => e.type !== "hidden" && !named(e)).map((e) => e.outerHTML.slice(0, 160));
            """;

    /**
     * Adds an inline script and an element with an inline style to the page, and answers (asynchronously) whether
     * the script ran, the element's colour, and the directives the browser reported as violated.
     */
    private static final String INLINE_SCRIPT_AND_STYLE = """
            const done = arguments[arguments.length - 1];
            const violated = [];
            document.addEventListener("securitypolicyviolation", (e) => violated.push(e.violatedDirective));
            window.inlineScriptRan = false;
            const script = document.createElement("script");
            script.textContent = "window.inlineScriptRan = true;";
            document.body.append(script);
            const styled = document.createElement("p");
            styled.setAttribute("style", "color: rgb(1, 2, 3)");
            styled.textContent = "styled inline";
            document.body.append(styled);
            setTimeout(() => done([window.inlineScriptRan, getComputedStyle(styled).color, violated.join(" ")]), 300);
            """;

    /** Notes each focusable element's outline and shadow before it has the focus, to compare with them after. */
    private static final String MARK_RESTING_FOCUS_STYLES = """
            for (const e of document.querySelectorAll("a[href], button, input, select, textarea, summary, [tabindex]")) {
              const s = getComputedStyle(e);
              e.dataset.restingFocusStyle = s.outlineStyle + " " + s.outlineWidth + " " + s.boxShadow;
            }
            """;

    /**
     * The focused element and whether its focus shows: an outline of 2 px or more, or a shadow, that it does not
     * have at rest; null when the focus is not on an element of the page.
     */
    private static final String FOCUS_STYLE = """
            const e = document.activeElement;
            if (!e || e === document.body || e === document.documentElement) { return null; }
            const s = getComputedStyle(e);
            const now = s.outlineStyle + " " + s.outlineWidth + " " + s.boxShadow;
            const shows = (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== "none";
            return [e.outerHTML.slice(0, 160), shows && now !== e.dataset.restingFocusStyle];
            """;

    /**
     * Every shown text whose colour has less than 4.5:1 contrast (WCAG 2) with the background it sits on,
     * composed from the computed background colours of its ancestors over white; input placeholders too.
     */
    private static final String FAINT_TEXT = """
            const parse = (c) => {
              const m = c.match(/rgba?\\(([^)]+)\\)/);
              if (!m) { return null; }
              const p = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
              return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
            };
            const over = (top, under) => ({ r: top.r * top.a + under.r * (1 - top.a),
              g: top.g * top.a + under.g * (1 - top.a), b: top.b * top.a + under.b * (1 - top.a), a: 1 });
            const luminance = (c) => {
              const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
              return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
            };
            const background = (e) => {
              const layers = [];
              for (let n = e; n; n = n.parentElement) {
                const c = parse(getComputedStyle(n).backgroundColor);
                if (c && c.a > 0) { layers.push(c); if (c.a >= 1) { break; } }
              }
              return layers.reverse().reduce((under, top) => over(top, under), { r: 255, g: 255, b: 255, a: 1 });
            };
            const ratio = (colour, e) => {
              const bg = background(e);
              const fg = over(parse(colour), bg);
              const [hi, lo] = [luminance(fg), luminance(bg)].sort((x, y) => y - x);
              return (hi + 0.05) / (lo + 0.05);
            };
            const faint = [];
            for (const e of document.body.querySelectorAll("*")) {
              const own = [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
              if (own && e.getClientRects().length && getComputedStyle(e).visibility === "visible") {
                const r = ratio(getComputedStyle(e).color, e);
                if (r < 4.5) { faint.push(r.toFixed(2) + ": " + e.outerHTML.slice(0, 120)); }
              }
              if (e.placeholder && e.getClientRects().length) {
                const r = ratio(getComputedStyle(e, "::placeholder").color, e);
                if (r < 4.5) { faint.push(r.toFixed(2) + " (placeholder): " + e.outerHTML.slice(0, 120)); }
              }
            }
            return faint;
            """;

    /**
     * Elements whose right edge passes the screen's (its width the argument), and whether the page is wider (on a
     * phone the browser then zooms out and lays the page out wider than the screen).
     */
    private static final String WIDER_THAN_THE_SCREEN = """
            const width = arguments[0];
            const wide = [...document.body.querySelectorAll("*")].filter((e) => {
              const r = e.getBoundingClientRect();
              return r.width > 0 && r.right > width + 0.5;
            }).map((e) => Math.round(e.getBoundingClientRect().right) + " px: " + e.outerHTML.slice(0, 120));
            const page = Math.max(document.documentElement.scrollWidth, window.innerWidth);
            if (page > width) {
              wide.unshift("the page is " + page + " px wide");
            }
            return wide;
            """;

    @TempDir
    static Path dir;

    private static TestHttp http;
    private static WritableApi writable;
    private static ChromeDriver browser;
    private static Path profile;

    private String testName;

    @BeforeAll
    static void start() throws IOException {
        if (!Files.isExecutable(CHROMEDRIVER) || !Files.isExecutable(CHROMIUM)) {
            fail("the browser tests need Chromium at " + CHROMIUM + " and its chromedriver at " + CHROMEDRIVER
                    + "; install them with: apt-get install -y chromium chromium-driver");
        }
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        profile = Files.createTempDirectory(dir, "chromium-profile-");
        var options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-dev-shm-usage",
                "--window-size=1280,1000", "--user-data-dir=" + profile);
        var logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logging);
        var service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        checkConsoleIsRead();
        http = new TestHttp(BundledApp.get().server());
        writable = WritableApi.start(dir.resolve("writable"), List.of(new Paper("protein-folding",
                "Protein folding with graphs", "We fold proteins with graph networks.", List.of(), Map.of())));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (writable != null) {
            writable.close();
        }
        if (http != null) {
            http.close();
        }
    }

    @BeforeEach
    void name(TestInfo info) {
        testName = info.getTestMethod().orElseThrow().getName();
        browser.manage().logs().get(LogType.BROWSER); // drop what earlier pages logged
    }

    @AfterEach
    void screenshotAndConsole() throws IOException {
        File shot = browser.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(testName + ".png"), StandardCopyOption.REPLACE_EXISTING);
        List<String> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .toList();
        assertThat(errors).as("errors in the browser's console").isEmpty();
    }

    @Test
    void a_search_typed_in_the_box_shows_pointer_networks_and_the_address_follows() {
        open(http, "/");
        WebElement box = browser.findElement(By.id("q"));
        box.sendKeys(HULL_QUERY, Keys.ENTER);

        List<String> titles = resultTitles();

        assertThat(titles.subList(0, 3)).contains("Pointer Networks");
        assertThat(browser.getCurrentUrl()).contains("q=pointer+network").contains("mode=hybrid");
        WebElement first = browser.findElements(By.cssSelector("#results li.result")).get(0);
        assertThat(first.findElement(By.className("score")).getText()).contains("fused");
        wait(10).until(d -> !d.findElements(By.cssSelector("#results .abstract mark")).isEmpty());

        browser.navigate().back();

        wait(10).until(ExpectedConditions.urlToBe(base(http) + "/"));
        wait(10).until(d -> d.findElements(By.cssSelector("#results li.result")).isEmpty());
        assertThat(browser.findElement(By.id("q")).getDomProperty("value")).isEmpty();
    }

    @Test
    void a_deep_link_runs_its_search_on_load_and_explains_a_result_on_demand() {
        open(http, "/?q=" + URLEncoder.encode(HULL_QUERY, StandardCharsets.UTF_8) + "&mode=vector");

        assertThat(resultTitles().get(0)).isEqualTo("Pointer Networks");
        WebElement first = browser.findElements(By.cssSelector("#results li.result")).get(0);
        assertThat(first.findElement(By.className("score")).getText()).contains("cosine");
        assertThat(browser.findElement(By.id("mode")).getDomProperty("value")).isEqualTo("vector");
        // a screen reader hears the results' count (a status line), not the whole view read out again
        assertThat(browser.findElement(By.cssSelector("#results p.meaning")).getDomAttribute("role"))
                .isEqualTo("status");
        assertThat(browser.findElement(By.id("view")).getDomAttribute("aria-live")).isNull();

        first.findElement(By.tagName("button")).click();

        WebElement pair = wait(30).until(d -> first.findElement(By.cssSelector(".why .pair")));
        assertThat(pair.getText()).contains("Your query").contains("sentence cosine");

        // time to first results of a deep link, from navigation start, loaded afresh five times
        var times = new java.util.ArrayList<Integer>();
        for (int i = 0; i < 5; i++) {
            open(http, "/?q=" + URLEncoder.encode(HULL_QUERY, StandardCharsets.UTF_8) + "&mode=hybrid&k=10");
            resultTitles();
            times.add(Integer.parseInt(wait(10).until(d -> d.findElement(By.id("results")).getDomAttribute(
                    "data-shown-after-ms"))));
        }
        java.util.Collections.sort(times);
        System.out.println("browser: a deep link's first results were shown after " + times + " ms (median "
                + times.get(2) + " ms)");
    }

    @Test
    void a_papers_page_shows_it_and_its_similar_papers_without_itself() {
        open(http, "/papers/pointer-networks");

        assertThat(wait(10).until(d -> d.findElement(By.id("paper-title"))).getText()).isEqualTo("Pointer Networks");
        List<WebElement> similar = wait(30).until(d -> {
            var items = d.findElements(By.cssSelector("#similar li.result"));
            return items.isEmpty() ? null : items;
        });
        assertThat(similar).hasSize(10);
        assertThat(similar).extracting(item -> item.getDomAttribute("data-id")).doesNotContain("pointer-networks");
        assertThat(browser.findElement(By.cssSelector(".sources")).getText()).contains("line 185");

        similar.get(0).findElement(By.tagName("a")).click();

        wait(10).until(ExpectedConditions.urlContains("/papers/"));
        wait(10).until(d -> !d.findElement(By.id("paper-title")).getText().equals("Pointer Networks"));
    }

    @Test
    void papers_marked_in_the_basket_get_recommendations_that_update() {
        open(http, "/papers/pointer-networks");
        browser.executeScript("sessionStorage.clear()");
        open(http, "/papers/pointer-networks");

        wait(10).until(d -> d.findElement(By.id("basket-like"))).click();

        List<String> liked = recommendations();
        assertThat(liked).isNotEmpty().doesNotContain("pointer-networks");
        String other = liked.get(0);
        open(http, "/papers/" + other);
        wait(10).until(d -> d.findElement(By.id("basket-unlike"))).click();

        wait(30).until(d -> {
            List<String> now = recommendations();
            return !now.contains(other) && !now.equals(liked) ? now : null;
        });
        assertThat(browser.findElements(By.cssSelector("#basket-positive li"))).extracting(e -> e.getDomAttribute(
                "data-id")).containsExactly("pointer-networks");
        assertThat(browser.findElements(By.cssSelector("#basket-negative li"))).extracting(e -> e.getDomAttribute(
                "data-id")).containsExactly(other);
    }

    @Test
    void a_reworded_abstract_is_judged_a_duplicate_with_its_aligned_sentences() {
        open(http, "/?view=check");
        browser.findElement(By.id("check-title")).sendKeys("Estimating the runtime of SAT solvers online");
        browser.findElement(By.id("check-abstract")).sendKeys("We present an online method for estimating the cost"
                + " of solving SAT problems. Modern SAT solvers present several challenges to estimate search cost"
                + " including non-chronological backtracking, learning and restarts.");

        browser.findElement(By.cssSelector("form.check button[type=submit]")).click();

        WebElement banner = wait(60).until(d -> d.findElement(By.id("verdict-banner")));
        assertThat(banner.getDomAttribute("data-verdict")).isEqualTo("duplicate");
        assertThat(banner.getText()).startsWith("duplicate");
        WebElement match = browser.findElements(By.cssSelector("li.match")).get(0);
        assertThat(match.getDomAttribute("data-id")).isEqualTo("online-estimation-of-sat-solving-runtime");
        assertThat(match.getText()).contains("shingle containment").contains("token Jaccard");
        assertThat(match.findElements(By.cssSelector(".pair blockquote"))).hasSize(2);
    }

    @Test
    void the_duplicate_clusters_open_to_their_papers_and_pairwise_scores() {
        open(http, "/?view=clusters");

        List<WebElement> clusters = clusters(2);

        assertThat(clusters).hasSize(2);
        WebElement table = clusters.get(0).findElement(By.cssSelector("table.pair-scores"));
        assertThat(table.isDisplayed()).isFalse();
        clusters.get(0).findElement(By.tagName("summary")).click();
        assertThat(clusters.get(0).findElements(By.cssSelector("li a"))).extracting(WebElement::getText)
                .contains("Online Estimation of SAT Solving Runtime");
        assertThat(table.isDisplayed()).isTrue();
        assertThat(table.findElement(By.tagName("caption")).getText()).isEqualTo("Its pair at cosine ≥ 0.86");
        List<WebElement> rows = table.findElements(By.cssSelector("tbody tr"));
        assertThat(rows).singleElement().extracting(row -> row.findElements(By.tagName("td")))
                .satisfies(cells -> assertThat(cells).extracting(WebElement::getText).containsExactly(
                        "Online Estimation of SAT Solving Runtime", "Online Search Cost Estimation for SAT Solvers",
                        "0.950"));
    }

    @Test
    void with_the_keyboard_alone_a_search_opens_a_result_explains_one_and_comes_back() {
        open(http, "/");

        tabUntil("the search box", "#q");
        active().sendKeys(HULL_QUERY, Keys.ENTER);
        resultTitles();
        assertThat(activeSelector()).as("after a search the view has the focus").isEqualTo("#view");

        WebElement link = tabUntil("the first result", "#results li.result h2 a");
        String title = link.getText();
        press(Keys.TAB);
        WebElement why = active();
        assertThat(why.getText()).isEqualTo("Why this result?");
        press(Keys.SPACE);
        wait(30).until(d -> "true".equals(why.getDomAttribute("aria-expanded"))
                && !d.findElements(By.cssSelector("#results li.result .why .pair, #results li.result .why .notice"))
                        .isEmpty());
        pressShiftTab();
        assertThat(active().getText()).isEqualTo(title);
        press(Keys.ENTER);

        wait(30).until(d -> d.findElement(By.id("paper-title")).getText().equals(title));
        assertThat(activeSelector()).as("after following a link the view has the focus").isEqualTo("#view");
        wait(30).until(d -> !d.findElements(By.cssSelector("#similar li.result")).isEmpty());
        tabUntil("a similar paper", "#similar li.result a");

        browser.navigate().back();

        resultTitles();
        assertThat(activeSelector()).as("after going back the view has the focus").isEqualTo("#view");
        press(Keys.TAB);
        assertThat(activeSelector()).isEqualTo("#q");
    }

    @Test
    void with_the_keyboard_alone_the_duplicate_check_takes_a_text_and_answers() {
        open(http, "/?view=check");

        tabUntil("the title box", "#check-title");
        active().sendKeys("Estimating the runtime of SAT solvers online", Keys.TAB);
        assertThat(activeSelector()).isEqualTo("#check-abstract");
        active().sendKeys("We present an online method for estimating the cost of solving SAT problems.", Keys.TAB);
        assertThat(activeSelector()).isEqualTo("#check-file");
        press(Keys.TAB);
        assertThat(active().getText()).isEqualTo("Check");
        press(Keys.ENTER);

        WebElement banner = wait(60).until(d -> d.findElement(By.id("verdict-banner")));
        assertThat(banner.getDomAttribute("data-verdict")).isIn("duplicate", "near_duplicate");
    }

    @Test
    void with_the_keyboard_alone_the_threshold_moves_with_arrows_and_a_cluster_opens_and_closes() {
        open(http, "/?view=clusters");
        clusters(2);

        tabUntil("the threshold slider", "#threshold");
        for (int i = 0; i < 8; i++) {
            press(Keys.ARROW_RIGHT);
        }

        assertThat(browser.findElement(By.id("threshold-value")).getText()).isEqualTo("0.94");
        // of the corpus's two clusters (0.950 and 0.936) only the first still reaches 0.94
        wait(60).until(d -> d.findElements(By.cssSelector("ul.clusters details")).size() == 1
                && d.findElement(By.cssSelector("#clusters > p")).getText().startsWith("1 cluster, 1 pair,"));
        assertThat(activeSelector()).isEqualTo("#threshold");
        press(Keys.TAB);
        assertThat(active().getTagName()).isEqualTo("summary");
        WebElement cluster = browser.findElement(By.cssSelector("ul.clusters details"));
        press(Keys.ENTER);
        wait(5).until(d -> "true".equals(cluster.getDomProperty("open")));
        assertThat(cluster.findElement(By.cssSelector("table.pair-scores td.cosine")).getText()).isEqualTo("0.950");
        press(Keys.SPACE);
        wait(5).until(d -> "false".equals(cluster.getDomProperty("open")));
        press(Keys.SPACE);
        wait(5).until(d -> "true".equals(cluster.getDomProperty("open")));
    }

    @Test
    void every_control_link_and_button_has_an_accessible_name_on_every_view() {
        eachViewListsNone("controls without a name", UNNAMED_CONTROLS);
    }

    @Test
    void the_control_with_the_keyboard_focus_is_visibly_marked_on_every_view() {
        eachView(view -> {
            browser.executeScript(MARK_RESTING_FOCUS_STYLES);
            var unmarked = new java.util.ArrayList<String>();
            int reached = 0;
            for (int i = 0; i < 120; i++) {
                press(Keys.TAB);
                @SuppressWarnings("unchecked")
                List<Object> focused = (List<Object>) browser.executeScript(FOCUS_STYLE);
                if (focused == null) {
                    break; // the focus left the page: every control has had its turn
                }
                reached++;
                if (!Boolean.TRUE.equals(focused.get(1))) {
                    unmarked.add((String) focused.get(0));
                }
            }
            assertThat(reached).as("controls reached with Tab on the " + view + " view").isGreaterThan(8);
            assertThat(unmarked).as("controls with no visible focus on the " + view + " view").isEmpty();
        });
    }

    @Test
    void text_contrast_is_at_least_4_5_to_1_on_every_view() {
        eachViewListsNone("text below 4.5:1 contrast", FAINT_TEXT);
    }

    @Test
    void at_375_pixels_wide_no_view_scrolls_sideways() {
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", 375, "height", 800,
                "deviceScaleFactor", 1, "mobile", true));
        try {
            eachViewListsNone("what sticks out of a 375 px screen", WIDER_THAN_THE_SCREEN, 375);
        } finally {
            browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    @Test
    void the_map_view_draws_one_point_per_paper() {
        open(http, "/?view=map");

        // the canvas says 0 points until its first draw; wait for a draw that has some
        String points = wait(60).until(d -> {
            String drawn = d.findElement(By.id("map-canvas")).getDomAttribute("data-points");
            return drawn == null || drawn.equals("0") ? null : drawn;
        });

        assertThat(points).isEqualTo("772");
        assertThat(browser.findElement(By.id("map-status")).getText()).isNotEqualTo("map not available");
        System.out.println("browser: the map of 772 papers was drawn in " + browser.findElement(By.id("map-canvas"))
                .getDomAttribute("data-draw-ms") + " ms");
    }

    @Test
    void the_map_is_read_and_a_paper_opened_with_the_keyboard_alone() {
        open(http, "/?view=map");
        WebElement canvas = wait(60).until(d -> {
            WebElement drawn = d.findElement(By.id("map-canvas"));
            String points = drawn.getDomAttribute("data-points");
            return points == null || points.equals("0") ? null : drawn;
        });

        // Tab from the top of the page to the map, then the arrow keys: the first lands near the centre
        for (int i = 0; i < 40 && !"map-canvas".equals(focused()); i++) {
            new Actions(browser).sendKeys(Keys.TAB).perform();
        }
        assertThat(focused()).isEqualTo("map-canvas");
        new Actions(browser).sendKeys(Keys.ARROW_RIGHT).perform();
        String centre = wait(10).until(d -> blankToNull(canvas.getDomAttribute("data-current")));
        for (Keys arrow : List.of(Keys.ARROW_RIGHT, Keys.ARROW_DOWN, Keys.ARROW_LEFT, Keys.ARROW_UP)) {
            new Actions(browser).sendKeys(arrow).perform();
            if (!centre.equals(canvas.getDomAttribute("data-current"))) {
                break;
            }
        }
        String moved = canvas.getDomAttribute("data-current");
        assertThat(moved).as("an arrow key moves to another paper").isNotEqualTo(centre);
        String movedTitle = http.get("/api/papers/" + moved).json().get("title").asText();
        wait(10).until(ExpectedConditions.textToBePresentInElementLocated(By.id("map-tip"), movedTitle));

        // the next Tab reaches the clusters; Enter on the largest puts the cursor on its centre paper, on the map
        new Actions(browser).sendKeys(Keys.TAB).perform();
        assertThat(browser.switchTo().activeElement().getDomAttribute("data-cluster")).isEqualTo("0");
        new Actions(browser).sendKeys(Keys.ENTER).perform();
        assertThat(focused()).isEqualTo("map-canvas");
        String id = wait(10).until(d -> blankToNull(canvas.getDomAttribute("data-current")));
        JsonNode map = http.get("/api/map").json();
        var ids = new java.util.ArrayList<String>();
        map.get("points").get("id").forEach(each -> ids.add(each.asText()));
        int at = ids.indexOf(id);
        assertThat(map.get("points").get("cluster").get(at).asInt()).isZero();
        String title = http.get("/api/papers/" + id).json().get("title").asText();
        wait(10).until(ExpectedConditions.textToBePresentInElementLocated(By.id("map-tip"), title));
        assertThat(browser.findElement(By.id("map-tip")).getText()).contains(map.get("clusters").get(0).get("label")
                .asText());

        new Actions(browser).sendKeys(Keys.ENTER).perform();

        wait(10).until(ExpectedConditions.urlToBe(base(http) + "/papers/" + id));
        assertThat(wait(10).until(d -> d.findElement(By.id("paper-title"))).getText()).isEqualTo(title);
    }

    /**
     * How quickly the map view draws, redraws and answers a hover for many synthetic papers (100,000 unless
     * {@code -Dsimdex.map.papers=N}); prints figures, asserts counts; off unless asked for with
     * {@code -Dsimdex.map.measure=true}.
     */
    @Test
    @EnabledIfSystemProperty(named = "simdex.map.measure", matches = "true")
    void measure_the_map_view_for_many_papers() {
        int n = Integer.getInteger("simdex.map.papers", 100_000);
        List<Paper> papers = io.simdex.SyntheticPapers.of(n);
        long loading = System.nanoTime();
        // the default bounds: the map of this many papers must fit api.max-response-bytes as it ships
        try (var many = WritableApi.start(dir.resolve("many"), papers)) {
            System.out.printf("browser: %,d synthetic papers stored in %,d ms%n", n,
                    (System.nanoTime() - loading) / 1_000_000);
            browser.get(base(many.http()) + "/?view=map");
            WebElement canvas = wait(600).until(d -> d.findElement(By.id("map-canvas")));
            wait(600).until(d -> String.valueOf(n).equals(canvas.getDomAttribute("data-points")));
            String shown = canvas.getDomAttribute("data-shown-after-ms");
            String first = canvas.getDomAttribute("data-draw-ms");
            Object hover = browser.executeScript("const c = arguments[0]; const b = c.getBoundingClientRect();"
                    + " const times = []; for (let i = 0; i < 50; i++) { const t = performance.now();"
                    + " c.dispatchEvent(new MouseEvent('mousemove', {clientX: b.left + b.width * (i + 1) / 52,"
                    + " clientY: b.top + b.height / 2, bubbles: true})); times.push(performance.now() - t); }"
                    + " times.sort((x, y) => x - y); return times[25].toFixed(2) + ' ms median, '"
                    + " + times[49].toFixed(2) + ' ms most';", canvas);
            Object keys = browser.executeScript("const c = arguments[0]; c.focus(); const times = [];"
                    + " for (let i = 0; i < 21; i++) { const t = performance.now();"
                    + " c.dispatchEvent(new KeyboardEvent('keydown', {key: ['ArrowRight', 'ArrowDown', 'ArrowLeft',"
                    + " 'ArrowUp'][i % 4], bubbles: true})); times.push(performance.now() - t); }"
                    + " times.shift(); times.sort((x, y) => x - y); return times[10].toFixed(2) + ' ms median, '"
                    + " + times[19].toFixed(2) + ' ms most';", canvas);
            browser.findElement(By.id("map-q")).sendKeys("topicawordb topicbworda", Keys.ENTER);
            wait(120).until(ExpectedConditions.textToBePresentInElementLocated(By.id("map-status"), "hits marked"));
            String marked = canvas.getDomAttribute("data-draw-ms");
            System.out.println("browser: the map of " + n + " papers was on the page " + shown + " ms after"
                    + " navigation, first drawn in " + first + " ms, redrawn with search hits marked in " + marked
                    + " ms; 50 hovers took " + hover + "; 20 arrow keys took " + keys);
        }
    }

    @Test
    void with_the_api_key_the_page_adds_imports_and_deletes_papers() throws IOException {
        Path jsonl = dir.resolve("import.jsonl");
        var lines = new StringBuilder();
        for (int i = 0; i < 150; i++) {
            lines.append("{\"id\": \"imported-").append(i).append("\", \"title\": \"Sorting ").append(i)
                    .append("\", \"abstract\": \"We sort lists of ").append(i).append(" numbers.\"}\n");
        }
        Files.writeString(jsonl, lines);
        open(writable.http(), "/?view=manage");
        browser.executeScript("sessionStorage.clear()");
        open(writable.http(), "/?view=manage");
        browser.findElement(By.id("api-key")).sendKeys(WritableApi.KEY, Keys.TAB);

        browser.findElement(By.id("edit-id")).sendKeys("added-by-page");
        browser.findElement(By.id("edit-title")).sendKeys("Written from the page");
        browser.findElement(By.id("edit-abstract")).sendKeys("We write a paper from the browser.");
        browser.findElement(By.id("edit-save")).click();
        wait(30).until(ExpectedConditions.textToBePresentInElementLocated(By.id("edit-result"), "created, version 1"));

        browser.findElement(By.id("import-file")).sendKeys(jsonl.toAbsolutePath().toString());
        browser.findElement(By.cssSelector("#import-file ~ button[type=submit]")).click();
        wait(60).until(ExpectedConditions.textToBePresentInElementLocated(By.id("import-result"),
                "150 papers stored."));
        assertThat(browser.findElement(By.id("import-progress")).getDomProperty("value")).isEqualTo("2");

        browser.findElement(By.id("delete-id")).sendKeys("added-by-page", Keys.ENTER);
        wait(30).until(ExpectedConditions.textToBePresentInElementLocated(By.id("delete-result"), "Deleted"));

        assertThat(writable.http().get("/api/papers/added-by-page").status()).isEqualTo(404);
        assertThat(writable.http().get("/api/papers/imported-149").json().get("title").asText())
                .isEqualTo("Sorting 149");
        assertThat(browser.getCurrentUrl()).doesNotContain(WritableApi.KEY);

        // a text without a title is checked, and stored, as a paper without one
        open(writable.http(), "/?view=check");
        browser.findElement(By.id("check-abstract")).sendKeys("We sort lists of 149 numbers.");
        browser.findElement(By.cssSelector("form.check button[type=submit]")).click();
        wait(30).until(d -> d.findElement(By.id("store-id"))).sendKeys("stored-anyway", Keys.ENTER);
        wait(30).until(ExpectedConditions.textToBePresentInElementLocated(By.id("store-result"), "created"));
        assertThat(writable.http().get("/api/papers/stored-anyway").status()).isEqualTo(200);
    }

    @Test
    void a_title_that_looks_like_html_shows_as_text() {
        var put = writable.http().send("PUT", "/api/papers/xss", "{\"title\": \"" + XSS_TITLE + "\", \"abstract\":"
                + " \"Folding <b>proteins</b> with graphs <script>alert(2)</script>.\", \"venue\": \"<i>Hostile</i>\"}",
                WritableApi.AUTH);
        assertThat(put.status()).isIn(200, 201);

        open(writable.http(), "/papers/xss");

        assertThat(wait(10).until(d -> d.findElement(By.id("paper-title"))).getText()).isEqualTo(XSS_TITLE);
        assertThat(browser.findElement(By.cssSelector(".abstract.full")).getText()).contains("<b>proteins</b>")
                .contains("<script>");
        assertThat(browser.findElement(By.cssSelector("dl.details")).getText()).contains("<i>Hostile</i>");
        assertThat(browser.findElements(By.cssSelector("main img, main b, main i, main script"))).isEmpty();

        open(writable.http(), "/?q=proteins&mode=lexical");

        assertThat(resultTitles()).contains(XSS_TITLE);
        WebElement result = browser.findElements(By.cssSelector("#results li.result")).stream()
                .filter(r -> r.findElement(By.tagName("h2")).getText().equals(XSS_TITLE)).findFirst().orElseThrow();
        wait(10).until(d -> result.findElement(By.className("abstract")).getText().contains("<b>proteins</b>"));
        assertThat(result.findElement(By.className("metadata")).getText()).isEqualTo("venue: <i>Hostile</i>");
        assertThat(browser.findElements(By.cssSelector("main img, main b, main i, main script"))).isEmpty();
    }

    @Test
    void the_page_runs_under_a_policy_that_refuses_inline_script_and_style() {
        open(http, "/");

        @SuppressWarnings("unchecked")
        List<Object> outcome = (List<Object>) browser.executeAsyncScript(INLINE_SCRIPT_AND_STYLE);

        assertThat(outcome.get(0)).as("the inline script ran").isEqualTo(false);
        assertThat(outcome.get(1)).as("the inline style's colour").isNotEqualTo("rgb(1, 2, 3)");
        assertThat((String) outcome.get(2)).contains("script-src").contains("style-src");
        // the browser reports each refusal as an error in the console: expected here, so taken out of the check
        assertThat(browser.manage().logs().get(LogType.BROWSER).getAll()).extracting(LogEntry::getMessage)
                .isNotEmpty().allSatisfy(message -> assertThat(message).contains("Content Security Policy"));
    }

    @Test
    void a_year_filter_narrows_the_results_stays_in_the_address_and_survives_a_reload() {
        for (int year : new int[] {2019, 2022, 2024}) {
            var put = writable.http().send("PUT", "/api/papers/catalysis-" + year, "{\"title\": \"Enzyme catalysis "
                    + year + "\", \"abstract\": \"Enzyme catalysis measured again.\", \"year\": " + year + "}",
                    WritableApi.AUTH);
            assertThat(put.status()).isIn(200, 201);
        }
        open(writable.http(), "/?q=enzyme+catalysis&mode=lexical");
        assertThat(resultTitles()).containsExactlyInAnyOrder("Enzyme catalysis 2019", "Enzyme catalysis 2022",
                "Enzyme catalysis 2024");
        assertThat(browser.findElement(By.cssSelector("#results .metadata")).getText()).startsWith("year: 20");

        new Select(wait(10).until(d -> d.findElement(By.id("filter-field")))).selectByValue("year");
        new Select(browser.findElement(By.id("filter-op"))).selectByValue(">=");
        browser.findElement(By.id("filter-value")).sendKeys("2022", Keys.ENTER);

        var recent = List.of("Enzyme catalysis 2022", "Enzyme catalysis 2024");
        wait(60).until(d -> new HashSet<>(resultTitles()).equals(new HashSet<>(recent)));
        assertThat(browser.getCurrentUrl()).contains("filter=year%3E%3D2022");
        assertThat(browser.findElement(By.cssSelector("li.chip")).getText()).contains("year >= 2022");

        browser.navigate().refresh();

        wait(60).until(d -> new HashSet<>(resultTitles()).equals(new HashSet<>(recent)));
        assertThat(browser.findElement(By.cssSelector("li.chip")).getText()).contains("year >= 2022");

        browser.findElement(By.cssSelector("li.chip button")).click();

        wait(60).until(d -> resultTitles().size() == 3);
        assertThat(browser.getCurrentUrl()).doesNotContain("filter=");
        assertThat(browser.findElements(By.cssSelector("li.chip"))).isEmpty();
    }

    @Test
    void hostile_titles_and_abstracts_show_as_text_in_the_duplicate_check_and_the_clusters() {
        String abstractText = "Folding <b>proteins</b> with graphs. <script>alert(2)</script> We fold them again.";
        var twins = List.of(new Paper("hostile-a", XSS_TITLE, abstractText, List.of(), Map.of()),
                new Paper("hostile-b", XSS_TITLE, abstractText, List.of(), Map.of()));
        try (var hostile = WritableApi.start(dir.resolve("hostile"), twins)) {
            open(hostile.http(), "/?view=check");
            browser.findElement(By.id("check-title")).sendKeys(XSS_TITLE);
            browser.findElement(By.id("check-abstract")).sendKeys(abstractText);
            browser.findElement(By.cssSelector("form.check button[type=submit]")).click();

            wait(60).until(d -> d.findElement(By.id("verdict-banner")));
            List<WebElement> matches = browser.findElements(By.cssSelector("li.match"));
            assertThat(matches).extracting(m -> m.findElement(By.tagName("h2")).getText()).contains(XSS_TITLE);
            assertThat(browser.findElements(By.cssSelector("li.match .pair blockquote")))
                    .extracting(WebElement::getText).isNotEmpty().allSatisfy(quote -> assertThat(quote).contains("<"));
            assertThat(browser.findElements(By.cssSelector("main img, main b, main script"))).isEmpty();

            open(hostile.http(), "/?view=clusters");
            WebElement cluster = clusters(1).get(0);
            cluster.findElement(By.tagName("summary")).click();

            assertThat(cluster.findElement(By.tagName("summary")).getText()).endsWith(XSS_TITLE);
            assertThat(cluster.findElements(By.cssSelector("table.pair-scores td a"))).extracting(WebElement::getText)
                    .containsExactly(XSS_TITLE, XSS_TITLE);
            assertThat(browser.findElements(By.cssSelector("main img, main b, main script"))).isEmpty();
        }
    }

    /** The id of the element that has the keyboard's focus. */
    private static String focused() {
        return browser.switchTo().activeElement().getDomAttribute("id");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** The console check would pass vacuously if the browser's log were not read: an error logged must show. */
    private static void checkConsoleIsRead() {
        browser.get("data:text/html,<title>probe</title>");
        browser.executeScript("console.error('simdex console probe')");
        assertThat(browser.manage().logs().get(LogType.BROWSER).getAll()).extracting(LogEntry::getMessage)
                .anySatisfy(message -> assertThat(message).contains("simdex console probe"));
    }

    private static String base(TestHttp server) {
        return "http://127.0.0.1:" + server.port();
    }

    /** Opens a page and waits until its script has drawn the view (a heading). */
    private static void open(TestHttp server, String path) {
        browser.get(base(server) + path);
        wait(10).until(d -> !d.findElements(By.cssSelector("main h1")).isEmpty());
    }

    /** The views this class checks for manners (all but the map), each opened and filled as a user would see it. */
    private static void eachView(java.util.function.Consumer<String> check) {
        open(http, "/?q=" + URLEncoder.encode(HULL_QUERY, StandardCharsets.UTF_8) + "&mode=hybrid");
        resultTitles();
        wait(10).until(d -> !d.findElements(By.cssSelector("#results .abstract mark")).isEmpty());
        check.accept("search");

        open(http, "/papers/unsupervised-learning-from-video-to-detect-foreground-objects-in-single-images");
        wait(30).until(d -> d.findElements(By.cssSelector("#similar li.result")).size() == 10
                && !d.findElement(By.id("recommendations")).getText().startsWith("Finding"));
        check.accept("paper");

        open(http, "/?view=check");
        browser.executeScript("document.getElementById('check-title').value = arguments[0];"
                + " document.getElementById('check-abstract').value = arguments[1];"
                + " document.querySelector('form.check').requestSubmit();",
                "Estimating the runtime of SAT solvers online", "We present an online method for estimating the"
                        + " cost of solving SAT problems. Modern SAT solvers present several challenges.");
        wait(60).until(d -> d.findElement(By.id("verdict-banner")));
        check.accept("duplicate check");

        open(http, "/?view=clusters");
        clusters(2);
        browser.executeScript("document.querySelectorAll('ul.clusters details').forEach(d => d.open = true)");
        check.accept("duplicate clusters");

        open(http, "/?view=manage");
        check.accept("manage");
    }

    /** On every view of {@link #eachView}, runs a script that lists what is wrong there, and expects nothing. */
    private static void eachViewListsNone(String what, String script, Object... arguments) {
        eachView(view -> {
            @SuppressWarnings("unchecked")
            List<String> found = (List<String>) browser.executeScript(script, arguments);
            assertThat(found).as(what + " on the " + view + " view").isEmpty();
        });
    }

    /** The clusters the clusters view shows, once it shows {@code count}. */
    private static List<WebElement> clusters(int count) {
        return wait(60).until(d -> {
            var items = d.findElements(By.cssSelector("ul.clusters details"));
            return items.size() == count ? items : null;
        });
    }

    /** Presses a key where the focus is, as a person at the keyboard does. */
    private static void press(Keys key) {
        new Actions(browser).sendKeys(key).perform();
    }

    /** Presses Shift+Tab: the focus goes back one control. */
    private static void pressShiftTab() {
        new Actions(browser).keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform();
    }

    private static WebElement active() {
        return browser.switchTo().activeElement();
    }

    /** The focused element as {@code #id}, or its tag name when it has no id. */
    private static String activeSelector() {
        return (String) browser.executeScript("const e = document.activeElement;"
                + " return e.id ? '#' + e.id : e.tagName.toLowerCase();");
    }

    /** Presses Tab until the focus is on an element matching {@code css}; fails after 60 presses. */
    private static WebElement tabUntil(String what, String css) {
        for (int i = 0; i < 60; i++) {
            press(Keys.TAB);
            if (Boolean.TRUE.equals(browser.executeScript("return document.activeElement.matches(arguments[0])",
                    css))) {
                return active();
            }
        }
        return fail("Tab never reached " + what + " (" + css + "); it ended on " + activeSelector());
    }

    private static List<String> recommendations() {
        return wait(30).until(d -> {
            var ids = d.findElements(By.cssSelector("#recommendations li.result")).stream()
                    .map(e -> e.getDomAttribute("data-id")).toList();
            return ids.isEmpty() ? null : ids;
        });
    }

    private static List<String> resultTitles() {
        return wait(60).until(d -> {
            var titles = d.findElements(By.cssSelector("#results li.result h2")).stream().map(WebElement::getText)
                    .toList();
            return titles.isEmpty() ? null : titles;
        });
    }

    /** Waits for a condition, looking again when the page redrew an element under the test's feet. */
    private static FluentWait<WebDriver> wait(int seconds) {
        return new WebDriverWait(browser, Duration.ofSeconds(seconds)).ignoring(StaleElementReferenceException.class);
    }
}
