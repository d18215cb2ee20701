package org.unesco.aspnet.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web UI in a real headless Chromium (Debian's chromium and chromium-driver), on the demo
 * network: a visitor searches and opens the map; a school registers and applies; its NC recommends;
 * HQ certifies; the school is then in the public directory; the language switches to French;
 * axe-core finds no serious or critical violation on the main pages. A failing test leaves a
 * screenshot and the page's HTML in target/screenshots. Without chromedriver the test fails.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(BrowserIT.Screenshots.class)
class BrowserIT {
  static final Path CHROMEDRIVER = Path.of(System.getProperty("aspnet.chromedriver", "/usr/bin/chromedriver"));
  static final Path CHROMIUM = Path.of(System.getProperty("aspnet.chromium", "/usr/bin/chromium"));
  static final Path SCREENSHOTS = Path.of("target/screenshots");
  static final String PASSWORD = "demo-password";

  static Installation platform;
  static ChromeDriverService service;
  static WebDriver driver;
  static String base;
  static Path profile;

  @BeforeAll
  static void start() throws Exception {
    if (!Files.isExecutable(CHROMEDRIVER) || !Files.isExecutable(CHROMIUM)) {
      fail("The browser tests need Debian's chromium and chromium-driver (" + CHROMIUM + ", " + CHROMEDRIVER
          + "): apt-get install -y chromium chromium-driver");
    }
    String running = System.getProperty("aspnet.ui.baseUrl"); // for working on the UI against a running demo
    if (running == null) {
      platform = new Installation();
      platform.environment.put("ASPNET_DEMO", "true");
      platform.start();
      platform.awaitDemoData(Duration.ofSeconds(240));
      platform.awaitDemoCampaigns(Duration.ofSeconds(120));
      base = "http://localhost:" + platform.port;
    } else {
      base = running;
    }
    profile = Files.createTempDirectory("aspnet-chromium-");
    service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--disable-extensions", "--lang=en-US", "--window-size=1280,900", "--user-data-dir=" + profile);
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      if (driver != null) {
        driver.quit();
      }
      if (service != null) {
        service.stop();
      }
    } finally {
      if (platform != null) {
        platform.close();
      }
      if (profile != null) {
        try (var files = Files.walk(profile)) {
          files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    }
  }

  // ---------- the tests ----------

  /**
   * Every module of the UI (and the API reference plugin's) loads in the browser: a syntax error in
   * one breaks every page that imports it, and the pages that do not are tested elsewhere.
   */
  @Test
  @Order(0)
  void everyModuleOfTheUiLoads() throws IOException {
    List<String> modules = new ArrayList<>();
    try (var files = Files.list(Path.of("../bundles/org.unesco.aspnet.ui/src/main/resources/static"))) {
      files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".js")).sorted().forEach(f -> modules.add("/" + f));
    }
    modules.add("/api-reference/page.js");
    assertTrue(modules.size() > 8, modules.toString());
    open("/");
    waitFor(By.cssSelector("#nav a[href='/schools']"));
    for (String module : modules) {
      Object loaded = ((JavascriptExecutor) driver).executeAsyncScript(
          "const done = arguments[arguments.length - 1];"
              + "import(arguments[0]).then(() => done('ok'), (e) => done(String(e)));", module);
      assertEquals("ok", loaded, module);
    }
  }

  @Test
  @Order(1)
  void aVisitorSearchesTheDirectoryOpensASchoolAndTheMap() {
    open("/schools");
    WebElement q = waitFor(By.id("q"));
    // the country filter offers the countries with members (the demo's 40 at most), not all 190-odd
    List<String> offered = driver.findElements(By.cssSelector("#filter-country option")).stream().map(o -> o.getDomAttribute("value")).toList();
    assertTrue(offered.contains("FR") && offered.size() <= 41, offered.toString());
    assertFalse(offered.contains("AF"), "no member in Afghanistan in the demo: " + offered);
    q.sendKeys("Lyc");
    driver.findElement(By.id("search-button")).click();
    wait(30).until(ExpectedConditions.urlContains("q=Lyc"));
    // The first page of the directory may still be on screen when the search answers and the
    // results are drawn again: wait for the searched results, reading them afresh each time.
    By firstResult = By.cssSelector("#results h3 a");
    String name = wait(30).until(d -> {
      List<WebElement> links = d.findElements(firstResult);
      return links.isEmpty() || !links.get(0).getText().toLowerCase().contains("lyc") ? null : links.get(0).getText();
    });
    assertTrue(name.toLowerCase().contains("lyc"), name);
    wait(30).until(d -> {
      d.findElement(firstResult).click();
      return true;
    });
    wait(30).until(ExpectedConditions.textToBe(By.tagName("h1"), name));

    // a Kenyan school: Kenya has no national profile, which the list of countries says: not asked for
    open("/schools?country=KE");
    String kenyan = wait(30).until(d -> d.findElements(firstResult).isEmpty() ? null : d.findElement(firstResult).getText());
    driver.findElement(firstResult).click();
    // the page is drawn once its profile, if any, was read
    wait(30).until(ExpectedConditions.textToBe(By.tagName("h1"), kenyan));
    Object asked = ((JavascriptExecutor) driver).executeScript(
        "return performance.getEntriesByType('resource').map(e => e.name).filter(n => n.includes('/profile')).join(', ');");
    assertEquals("", asked, "a profile asked for a country that has none");

    // a school number that does not exist: a page that says so and leads back to the directory
    open("/schools/987654321");
    wait(30).until(ExpectedConditions.textToBe(By.tagName("h1"), "School not found"));
    assertEquals("/schools", driver.findElement(By.cssSelector("#main a")).getDomAttribute("href"));
    assertTrue(driver.getTitle().startsWith("School not found"), driver.getTitle());

    driver.findElement(By.cssSelector("#nav a[href='/map']")).click();
    wait(30).until(ExpectedConditions.urlToBe(base + "/map"));
    // tiles cannot load on a closed network: the markers are drawn anyway
    long[] marker = awaitDrawnMarker();
    long markers = Long.parseLong(driver.findElement(By.id("map")).getDomAttribute("data-markers"));
    assertTrue(markers >= 100, "markers on the map: " + markers);
    assertEquals(markers + " schools on the map.", driver.findElement(By.id("map-status")).getText());
    // the popup is built when its marker is clicked, and links to the school
    new Actions(driver).moveToLocation((int) marker[0], (int) marker[1]).click().perform();
    WebElement link = waitFor(By.cssSelector("#map .leaflet-popup-content a"));
    assertTrue(link.getDomAttribute("href").matches("/schools/\\d+"), link.getDomAttribute("href"));
    assertTrue(!link.getText().isBlank(), "the popup names the school");
  }

  @Test
  @Order(2)
  void theDirectoryFirstLoadTransfersAtMost200KB() {
    // a fresh document, as a first visit: sum what the page and everything it loaded weighed on the wire
    driver.manage().deleteAllCookies();
    open("about:blank");
    open("/schools");
    wait(30).until(d -> !d.findElements(By.cssSelector("#results h3 a")).isEmpty());
    @SuppressWarnings("unchecked")
    Map<String, Object> sizes = (Map<String, Object>) ((JavascriptExecutor) driver).executeScript(
        "const all = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')];"
            + "let transfer = 0, body = 0; const list = [];"
            + "for (const e of all) { transfer += e.transferSize || 0; body += Math.max(e.encodedBodySize || 0, e.transferSize || 0);"
            + " list.push(e.name.replace(location.origin, '') + ' ' + (e.transferSize || 0) + '/' + (e.encodedBodySize || 0)); }"
            + "return {transfer, body, list: list.join(', ')};");
    long bytes = ((Number) sizes.get("body")).longValue();
    System.out.println("Directory first load: " + bytes + " bytes (" + sizes.get("transfer") + " transferred): " + sizes.get("list"));
    assertTrue(bytes > 0, "measured something: " + sizes);
    assertTrue(bytes <= 200_000, "the directory's first load is " + bytes + " bytes: " + sizes.get("list"));
    // a visitor who never signed in is not asked who they are (a 401 in every visitor's console)
    assertFalse(String.valueOf(sizes.get("list")).contains("/api/v1/me"), String.valueOf(sizes.get("list")));
  }

  @Test
  @Order(2)
  void aRepeatVisitTakesThePagesFilesFromTheCacheWithoutAskingTheServer() {
    // a visit leaves the app's files in the browser's cache...
    open("/schools");
    wait(30).until(d -> !d.findElements(By.cssSelector("#results h3 a")).isEmpty());
    // ...and the next page, a new document, names the same versioned files and takes them from there:
    // no request at all (a revalidation would be one round trip each on a slow connection)
    open("/");
    wait(30).until(d -> !d.findElements(By.cssSelector("#main h1")).isEmpty()
        && d.findElements(By.cssSelector("#main .loading")).isEmpty());
    @SuppressWarnings("unchecked")
    List<String> files = (List<String>) ((JavascriptExecutor) driver).executeScript(
        "return performance.getEntriesByType('resource').filter(e => new URL(e.name).pathname.startsWith('/v/'))"
            + ".map(e => new URL(e.name).pathname.replace(/^\\/v\\/[^/]+\\//, '') + ' ' + e.transferSize);");
    assertTrue(files.contains("app.js 0"), "app.js from the cache: " + files);
    assertTrue(files.contains("style.css 0"), "style.css from the cache: " + files);
    assertTrue(files.contains("i18n/en.json 0"), "the texts from the cache: " + files);
    assertTrue(files.stream().allMatch(f -> f.endsWith(" 0")), "every versioned file from the cache: " + files);
  }

  @Test
  @Order(3)
  void aSchoolAppliesItsNcRecommendsHqCertifiesAndItIsInThePublicDirectory() {
    String stamp = Long.toString(System.currentTimeMillis(), 36);
    String school = "Lycée Navigateur " + stamp;
    String email = "focal." + stamp + "@example.org";

    // registers, is signed in, and lands on the application form
    signOut();
    open("/register");
    waitFor(By.id("register-name")).sendKeys("Camille Test");
    driver.findElement(By.id("register-email")).sendKeys(email);
    driver.findElement(By.id("register-password")).sendKeys("a-long-password-for-the-test");
    driver.findElement(By.id("register-submit")).click();
    wait(30).until(ExpectedConditions.urlToBe(base + "/apply"));
    waitFor(By.id("apply-name")).sendKeys(school);
    new Select(driver.findElement(By.id("apply-country"))).selectByValue("FR");
    // France's national profile (shipped in plugins/): the académie is a choice, the UAI is required
    wait(30).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("select#apply-unit option[value=lyon]")));
    new Select(driver.findElement(By.cssSelector("select#apply-unit"))).selectByValue("lyon");
    WebElement uai = driver.findElement(By.name("nationalId"));
    String uaiLabel = driver.findElement(By.cssSelector("label[for='" + uai.getDomAttribute("id") + "']")).getText();
    assertTrue(uaiLabel.contains("UAI") && uaiLabel.endsWith(" *"), "the profile renames the national id and requires it: " + uaiLabel);
    uai.sendKeys(FrenchSchools.uai());
    driver.findElement(By.id("apply-city")).sendKeys("Lyon");
    driver.findElement(By.id("apply-address")).sendKeys("1 place Bellecour");
    driver.findElement(By.id("apply-latitude")).sendKeys("45,7578"); // a decimal comma, as in French
    driver.findElement(By.id("apply-longitude")).sendKeys("4.832");
    driver.findElement(By.cssSelector("input[name=levels][value=SECONDARY]")).click();
    driver.findElement(By.cssSelector("input[name=themes][value=ESD]")).click();
    driver.findElement(By.id("apply-students")).sendKeys("640");
    driver.findElement(By.id("apply-email")).sendKeys(email);
    fillRequiredProfileFields();
    // what was typed is kept as a draft for this page: another page, then Back, draws the form again
    // with it (the académie once France's profile is read again), and says so; a reload too
    String typeOfSchool = driver.findElement(By.name("fields.typeEtablissement")).getDomProperty("value");
    leaveForTheDirectory();
    for (String how : List.of("back", "reload")) {
      backOrReload(how);
      wait(30).until(d -> school.equals(d.findElement(By.id("apply-name")).getDomProperty("value"))
          && !d.findElements(By.cssSelector("select#apply-unit option[value=lyon]")).isEmpty()
          && "lyon".equals(d.findElement(By.id("apply-unit")).getDomProperty("value"))
          && typeOfSchool.equals(d.findElement(By.name("fields.typeEtablissement")).getDomProperty("value")));
      assertEquals(base + "/apply", driver.getCurrentUrl());
      assertEquals("Lyon", driver.findElement(By.id("apply-city")).getDomProperty("value"), how);
      assertEquals("FR", driver.findElement(By.id("apply-country")).getDomProperty("value"), how);
      assertEquals("45,7578", driver.findElement(By.id("apply-latitude")).getDomProperty("value"), how);
      assertEquals(email, driver.findElement(By.id("apply-email")).getDomProperty("value"), how);
      assertTrue(driver.findElement(By.cssSelector("input[name=levels][value=SECONDARY]")).isSelected(), how);
      assertTrue(driver.findElement(By.cssSelector("input[name=themes][value=ESD]")).isSelected(), how);
      assertTrue(text(By.cssSelector("#apply-form .form-status .draft-note")).contains("Your unsent text was kept"), how + ": " + text(By.id("apply-form")));
    }
    // nothing secret is kept: the register form's password is not in the tab's storage
    String stored = String.valueOf(((JavascriptExecutor) driver).executeScript("return JSON.stringify(Object.entries(sessionStorage));"));
    assertTrue(stored.contains(school) && !stored.contains("a-long-password-for-the-test"), stored);
    // text a number box cannot read ("1e" gives the value ""): said on the box, nothing sent (it
    // would have erased a stored number on an edit)
    WebElement teachers = driver.findElement(By.id("apply-teachers"));
    teachers.sendKeys("1e");
    driver.findElement(By.id("apply-submit")).click();
    wait(10).until(d -> "true".equals(d.findElement(By.id("apply-teachers")).getDomAttribute("aria-invalid")));
    assertTrue(text(By.id("apply-form")).contains("is not a number"), text(By.id("apply-form")));
    teachers.clear();
    teachers.sendKeys("48");
    // a lost answer (a flaky connection): the application reaches the server, its answer not the page
    JavascriptExecutor js = (JavascriptExecutor) driver;
    js.executeScript("window.lostAnswer = { real: window.fetch, sent: [] };"
        + "window.fetch = async function (input, init) {"
        + "  const post = init && init.method === 'POST' && String(input).endsWith('/api/v1/applications');"
        + "  const answer = await window.lostAnswer.real.call(window, input, init);"
        + "  if (!post) return answer;"
        + "  window.lostAnswer.sent.push({ key: (init.headers || {})['Idempotency-Key'] || null, status: answer.status,"
        + "    replayed: answer.headers.get('Idempotent-Replayed') });"
        + "  if (window.lostAnswer.sent.length === 1) throw new TypeError('Failed to fetch');"
        + "  return answer;"
        + "};");
    WebElement send = driver.findElement(By.id("apply-submit"));
    String sendWords = send.getText();
    send.click();
    // the box's own message is gone; the page says the answer did not come, and keeps what was typed
    wait(30).until(d -> text(By.cssSelector("#apply-form .form-status")).contains("it will not be recorded twice")
        && d.findElements(By.cssSelector("#apply-teachers[aria-invalid]")).isEmpty());
    assertTrue(text(By.cssSelector("#apply-form .form-status")).contains("The server cannot be reached"), text(By.cssSelector("#apply-form .form-status")));
    assertEquals(school, driver.findElement(By.id("apply-name")).getDomProperty("value"), "what was typed is kept");
    assertEquals(sendWords, driver.findElement(By.id("apply-submit")).getText(), "the button has its words back after \"Sending…\"");
    assertNull(driver.findElement(By.id("apply-submit")).getDomAttribute("aria-busy"));
    // sent again as it was: the same key, and the server gives the first answer again instead of a second school
    driver.findElement(By.id("apply-submit")).click();
    // the answer or the server's refusal
    wait(30).until(d -> !d.findElements(By.cssSelector("#apply-result .notice")).isEmpty()
        || (!d.findElements(By.cssSelector("#apply-form .error")).isEmpty()
            && d.findElements(By.cssSelector("#apply-teachers[aria-invalid]")).isEmpty()));
    assertTrue(driver.findElements(By.cssSelector("#apply-form .error")).isEmpty(),
        "the application was refused: " + text(By.id("apply-form")));
    List<?> sent = (List<?>) js.executeScript("window.fetch = window.lostAnswer.real; return window.lostAnswer.sent;");
    assertEquals(2, sent.size(), String.valueOf(sent));
    Map<?, ?> first = (Map<?, ?>) sent.get(0);
    Map<?, ?> again = (Map<?, ?>) sent.get(1);
    assertEquals(201L, ((Number) first.get("status")).longValue(), String.valueOf(sent));
    assertTrue(first.get("key") instanceof String k && !k.isBlank() && k.equals(again.get("key")), "the same Idempotency-Key: " + sent);
    assertEquals(201L, ((Number) again.get("status")).longValue(), String.valueOf(sent));
    assertEquals("true", again.get("replayed"), "the server replayed the first answer: " + sent);
    // one school, not two: the applicant is the focal point of one school, of that name
    List<?> roles = (List<?>) apiGet("/api/v1/me").get("roles");
    List<?> schools = roles.stream().map(r -> (Map<?, ?>) r).filter(r -> "SCHOOL_FOCAL_POINT".equals(r.get("role"))).toList();
    assertEquals(1, schools.size(), "one application, one school: " + roles);
    // the applicant is now the school's focal point and sees it in the portal
    driver.findElement(By.cssSelector("#apply-result a[href='/portal']")).click();
    wait(30).until(ExpectedConditions.textToBePresentInElementLocated(By.id("main"), school));
    // the application sent, its draft is gone: the form drawn again for Back is empty, with no note
    driver.navigate().back();
    wait(30).until(d -> d.getCurrentUrl().equals(base + "/apply") && !d.findElements(By.id("apply-name")).isEmpty());
    assertEquals("", driver.findElement(By.id("apply-name")).getDomProperty("value"));
    assertEquals("", driver.findElement(By.id("apply-city")).getDomProperty("value"));
    assertTrue(driver.findElements(By.cssSelector(".draft-note")).isEmpty(), text(By.id("apply-form")));
    driver.navigate().forward();
    wait(30).until(ExpectedConditions.textToBePresentInElementLocated(By.id("main"), school));

    // the National Coordinator of France finds it among the candidates by its name, and recommends it
    signIn("nc.fr@demo.aspnet.local");
    open("/console/nc?tab=applications&country=FR");
    WebElement search = wait(30).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#main form[role=search] input[name=q]")));
    search.sendKeys("navigateur " + stamp);
    search.submit();
    wait(30).until(ExpectedConditions.urlContains("q=navigateur"));
    // the search leaves the other candidates out (the demo has dozens in France)
    wait(60).until(d -> d.findElements(By.cssSelector("tr[data-school]")).stream().map(r -> r.getDomAttribute("data-name")).toList()
        .equals(List.of(school)));
    // the answer of the move that recommends it is lost, and (as for a request no key covers) it
    // carries no key: Recommend pressed again finds it done, said as done, not as someone else's move
    js.executeScript("window.lostMove = { real: window.fetch, lost: 0 };"
        + "window.fetch = async function (input, init) {"
        + "  const move = init && init.method === 'POST' && String(input).endsWith('/transitions') && String(init.body).includes('\"RECOMMENDED\"');"
        + "  if (move && init.headers) delete init.headers['Idempotency-Key'];"
        + "  const answer = await window.lostMove.real.call(window, input, init);"
        + "  if (move && window.lostMove.lost++ === 0) throw new TypeError('Failed to fetch');"
        + "  return answer;"
        + "};");
    By candidate = By.cssSelector("tr[data-name='" + school + "']");
    driver.findElement(candidate).findElement(By.cssSelector("button[data-action=recommend]")).click();
    wait(30).until(d -> d.findElement(candidate).findElement(By.className("row-message")).getText().contains("The server cannot be reached"));
    driver.findElement(candidate).findElement(By.cssSelector("button[data-action=recommend]")).click();
    wait(30).until(d -> "Recommended".equals(d.findElement(candidate).findElement(By.className("row-status")).getText())
        && !d.findElement(candidate).findElement(By.className("row-message")).getText().contains("cannot be reached"));
    String moved = driver.findElement(candidate).findElement(By.className("row-message")).getText();
    assertTrue(moved.contains("Recommended – done") && !moved.contains("meantime"), moved);
    js.executeScript("window.fetch = window.lostMove.real;");

    // HQ certifies it, a member since 2012 (a network brought onto the platform keeps its dates)
    signIn("hq@demo.aspnet.local");
    open("/console/hq?tab=queue");
    WebElement since = wait(60).until(d -> d.findElements(By.cssSelector("tr[data-name='" + school + "'] input[name=certifiedOn]"))
        .stream().findFirst().orElse(null));
    assertEquals("Member since (if before today)", driver.findElement(By.cssSelector("label[for='" + since.getDomAttribute("id") + "']")).getText());
    // a day before the box's own minimum is said on the box, and nothing moves (certifying is two
    // moves: the first one went through before the API refused the day)
    ((JavascriptExecutor) driver).executeScript("arguments[0].value = '1950-01-01';", since);
    By sinceRow = By.cssSelector("tr[data-name='" + school + "']");
    driver.findElement(sinceRow).findElement(By.cssSelector("button[data-action=certify]")).click();
    wait(10).until(d -> "true".equals(d.findElement(sinceRow).findElement(By.name("certifiedOn")).getDomAttribute("aria-invalid")));
    WebElement sinceBox = driver.findElement(sinceRow).findElement(By.name("certifiedOn"));
    WebElement sinceError = driver.findElement(By.id(sinceBox.getDomAttribute("aria-describedby")));
    assertTrue(sinceError.isDisplayed() && sinceError.getText().contains("1953"), sinceError.getText());
    assertEquals(sinceBox, driver.switchTo().activeElement(), "the focus is on the day's box");
    assertEquals("Recommended", driver.findElement(sinceRow).findElement(By.className("row-status")).getText());
    ((JavascriptExecutor) driver).executeScript("arguments[0].value = '2012-09-03';", sinceBox);
    decide(school, "certify", "Member");
    Object number = ((JavascriptExecutor) driver).executeAsyncScript(
        "const done = arguments[arguments.length - 1];"
            + "fetch('/api/v1/schools?q=' + encodeURIComponent(arguments[0])).then(r => r.json())"
            + ".then(p => fetch('/api/v1/memberships/' + p.items[0].membershipId)).then(r => r.json())"
            + ".then(m => done(m.certificateNumber)).catch(e => done('failed: ' + e));", "Navigateur " + stamp);
    assertTrue(String.valueOf(number).startsWith("ASPNET-FR-2012-"), "certified as a member since 2012: " + number);
    // its history, on its page, says that day on the certification's line (the line is dated today, when it was recorded)
    Map<?, ?> found = apiGet("/api/v1/schools?q=" + java.net.URLEncoder.encode("Navigateur " + stamp, StandardCharsets.UTF_8));
    Object schoolId = ((Map<?, ?>) ((List<?>) found.get("items")).get(0)).get("id");
    open("/schools/" + schoolId);
    wait(30).until(ExpectedConditions.elementToBeClickable(By.cssSelector(".coordination details summary"))).click();
    wait(30).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".coordination .history"), "Member (member since Sep 3, 2012)"));
    assertEquals(1, driver.findElements(By.cssSelector(".coordination .history .member-since")).size(), text(By.cssSelector(".coordination .history")));

    // anyone checks its certificate, typed in lower case in the form
    signOut();
    open("/certificates");
    waitFor(By.id("certificate-number")).sendKeys(String.valueOf(number).toLowerCase(java.util.Locale.ROOT));
    driver.findElement(By.id("certificate-check")).click();
    wait(30).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#certificate-result[data-valid=true]")));
    assertTrue(text(By.id("certificate-result")).contains(school), text(By.id("certificate-result")));
    open("/certificates/ASPNET-FR-1999-000000");
    wait(30).until(ExpectedConditions.textToBePresentInElementLocated(By.id("certificate-result"), "No certificate ASPNET-FR-1999-000000 is known"));

    // the public now finds it in the directory
    open("/schools?q=" + java.net.URLEncoder.encode("Navigateur " + stamp, StandardCharsets.UTF_8));
    wait(30).until(ExpectedConditions.textToBePresentInElementLocated(By.id("results"), school));
    // and alone on the map, counted in the singular, in English as in French
    open("/map?q=" + java.net.URLEncoder.encode("Navigateur " + stamp, StandardCharsets.UTF_8));
    wait(60).until(d -> "1".equals(d.findElement(By.id("map")).getDomAttribute("data-markers")));
    assertEquals("1 school on the map.", text(By.id("map-status")));
    new Select(driver.findElement(By.id("lang"))).selectByValue("fr");
    try {
      wait(30).until(ExpectedConditions.textToBe(By.id("map-status"), "1 école sur la carte."));
    } finally {
      new Select(driver.findElement(By.id("lang"))).selectByValue("en");
      wait(30).until(d -> "en".equals(d.findElement(By.tagName("html")).getDomAttribute("lang")));
    }
    open("/schools?q=" + java.net.URLEncoder.encode("Navigateur " + stamp, StandardCharsets.UTF_8));
    wait(30).until(ExpectedConditions.textToBePresentInElementLocated(By.id("results"), school));
    driver.findElement(By.linkText(school)).click();
    wait(30).until(ExpectedConditions.textToBe(By.tagName("h1"), school));

    // the new member joins the demo Trash Hack campaign and reports an activity from the module's schema
    signIn(email, "a-long-password-for-the-test");
    open("/portal");
    // the portal's history says the day it has been a member since, as its certificate does
    By history = By.xpath("//details[summary[normalize-space()='Membership history']]");
    wait(30).until(ExpectedConditions.presenceOfElementLocated(history)).findElement(By.tagName("summary")).click();
    wait(10).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("details[id^=history-] .history"), "Member (member since Sep 3, 2012)"));
    By projects = By.xpath("//details[summary[normalize-space()='Projects and campaigns']]");
    wait(30).until(ExpectedConditions.presenceOfElementLocated(projects)).findElement(By.tagName("summary")).click();
    By trashHack = By.xpath("//details[summary[normalize-space()='Projects and campaigns']]"
        + "//div[h4/a[starts-with(normalize-space(), 'Trash Hack')]]");
    WebElement campaign = wait(30).until(ExpectedConditions.presenceOfElementLocated(trashHack));
    campaign.findElement(By.xpath(".//button[normalize-space()='Join']")).click();
    wait(30).until(ExpectedConditions.textToBePresentInElementLocated(trashHack, "Your school takes part."));
    WebElement report = driver.findElement(trashHack).findElement(By.xpath(".//details[summary[normalize-space()='Report an activity']]"));
    report.findElement(By.tagName("summary")).click();
    By form = By.xpath("//div[h4/a[starts-with(normalize-space(), 'Trash Hack')]]//details//form");
    wait(30).until(ExpectedConditions.presenceOfElementLocated(By.xpath("//div[h4/a[starts-with(normalize-space(), 'Trash Hack')]]"
        + "//select[@name='metrics.waste.0.unit']")));
    WebElement activity = driver.findElement(form);
    // the form chose the phase of today's date, and shows each phase with its dates
    Select phase = new Select(activity.findElement(By.name("phase")));
    assertTrue(phase.getFirstSelectedOption().getText().matches(".+ \\(.+ – .+\\)"), phase.getFirstSelectedOption().getText());
    activity.findElement(By.name("text")).sendKeys("We cleaned the river bank near the school.");
    activity.findElement(By.name("pupils")).sendKeys("28");
    activity.findElement(By.name("teachers")).sendKeys("3");
    Select wasteType = new Select(activity.findElement(By.name("metrics.waste.0.type")));
    // the module's words for its choices, the code as the value sent
    wasteType.selectByVisibleText("Paper and cardboard");
    assertEquals("PAPER", wasteType.getFirstSelectedOption().getDomAttribute("value"));
    activity.findElement(By.name("metrics.waste.0.mass")).sendKeys("12.5");
    new Select(activity.findElement(By.name("metrics.waste.0.unit"))).selectByValue("kg");
    // a list of texts in the module's schema: was refused ("must be a sentence") whatever was typed
    activity.findElement(By.name("metrics.actions.0.action")).sendKeys("Sorting bins in the canteen");
    activity.findElement(By.cssSelector("button[type=submit]")).click();
    wait(30).until(d -> !d.findElement(form).findElements(By.cssSelector(".notice, .error")).isEmpty());
    assertTrue(driver.findElement(form).findElements(By.cssSelector(".error")).isEmpty(),
        "the activity was refused: " + driver.findElement(form).getText());
    assertTrue(driver.findElement(form).getText().contains("Activity received."), driver.findElement(form).getText());
  }

  @Test
  @Order(4)
  void anImportWhoseAnswerWasLostIsSentAgainAndItsLongReportReadFromTheJob() throws IOException {
    signIn("nc.fr@demo.aspnet.local");
    open("/console/nc?tab=import&country=FR");
    Path file = Files.createTempFile("aspnet-import-", ".csv");
    StringBuilder csv = new StringBuilder("name,country,city,address,levels,email\n");
    for (int i = 0; i < 300; i++) {
      csv.append("École sans pays ").append(i).append(",ZZ,Lyon,1 rue A,SECONDARY,e").append(i).append("@example.org\n");
    }
    Files.writeString(file, csv.toString());
    JavascriptExecutor js = (JavascriptExecutor) driver;
    try {
      // the first answer is lost on the way back (a flaky connection): the server did the import
      js.executeScript("window.lostImport = { real: window.fetch, sent: [] };"
          + "window.fetch = async function (input, init) {"
          + "  const post = init && init.method === 'POST' && String(input).includes('/api/v1/imports?');"
          + "  const answer = await window.lostImport.real.call(window, input, init);"
          + "  if (!post) return answer;"
          + "  window.lostImport.sent.push({ key: (init.headers || {})['Idempotency-Key'] || null, status: answer.status });"
          + "  if (window.lostImport.sent.length === 1) throw new TypeError('Failed to fetch');"
          + "  return answer;"
          + "};");
      waitFor(By.cssSelector("#main input[type=file]")).sendKeys(file.toAbsolutePath().toString());
      WebElement send = driver.findElement(By.cssSelector("#main form button[type=submit]"));
      send.click();
      wait(30).until(d -> text(By.cssSelector("#main form .form-status")).contains("The server cannot be reached"));
      // sent again: the server does not run it twice, and the page reads the report where the job is
      driver.findElement(By.cssSelector("#main form button[type=submit]")).click();
      wait(60).until(d -> figures().contains("300 rows"));
      assertTrue(figures().contains("300 with errors"), figures().toString());
      assertTrue(driver.findElements(By.cssSelector("#main form .error")).isEmpty(), text(By.cssSelector("#main form")));
      List<?> sent = (List<?>) js.executeScript("return window.lostImport.sent;");
      assertEquals(2, sent.size(), String.valueOf(sent));
      Map<?, ?> first = (Map<?, ?>) sent.get(0);
      Map<?, ?> again = (Map<?, ?>) sent.get(1);
      assertTrue(first.get("key") instanceof String k && !k.isBlank() && k.equals(again.get("key")), "the same Idempotency-Key: " + sent);
      assertEquals(200L, ((Number) first.get("status")).longValue(), String.valueOf(sent));
      assertEquals(409L, ((Number) again.get("status")).longValue(), "its report too long to be kept with the key: " + sent);
    } finally {
      js.executeScript("if (window.lostImport) window.fetch = window.lostImport.real;");
      Files.deleteIfExists(file);
    }
  }

  @Test
  @Order(4)
  void aNationalCoordinatorDryRunsAnImportAndReadsEachRowsErrorsInWords() throws IOException {
    signIn("nc.fr@demo.aspnet.local");
    open("/console/nc?tab=import&country=FR");
    Path file = Files.createTempFile("aspnet-import-", ".csv");
    // the national id under the profile's own header, as an NC's spreadsheet has it
    Files.writeString(file, "name,country,unit,city,address,levels,email,Numéro UAI,fields.typeEtablissement\n"
        + "Lycée du Navigateur,FR,lyon,Lyon,1 rue A,SECONDARY,a@example.org," + FrenchSchools.uai() + ",lycee\n"
        + "Lycée sans UAI,FR,lyon,Lyon,2 rue B,SECONDARY,not-an-email,,lycee\n");
    try {
      waitFor(By.cssSelector("#main input[type=file]")).sendKeys(file.toAbsolutePath().toString());
      driver.findElement(By.cssSelector("#main form button[type=submit]")).click();
      wait(30).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#import-result table")));
      String report = text(By.id("import-result"));
      assertTrue(report.contains("Refused") || report.contains("with errors"), report);
      // a field by the file's header when it has its own ("Numéro UAI"), in words when the header is the API key
      assertTrue(report.contains("Lycée sans UAI") && report.contains("Numéro UAI: the UAI number is required"), report);
      assertTrue(report.contains("Email: "), report);
      assertFalse(report.contains("nationalId:") || report.contains("email:"), report);
      assertTrue(!report.contains("Lycée du Navigateur"), "a valid row is not listed as a problem: " + report);
      assertTrue(figures().containsAll(List.of("2 rows", "1 valid", "1 with errors")), figures().toString());
      // a switch of language draws the tab again: the report stays, in the new language
      switchLanguage("fr");
      assertTrue(text(By.id("import-result")).contains("Rapport d'essai"), text(By.id("import-result")));
      assertTrue(figures().containsAll(List.of("2 lignes", "1 valide")), figures().toString());
      switchLanguage("en");

      // the counts agree with their nouns: a file of one row is "1 row"
      Files.writeString(file, "name,country,unit,city,address,levels,email,Numéro UAI,fields.typeEtablissement\n"
          + "Lycée sans UAI,FR,lyon,Lyon,2 rue B,SECONDARY,not-an-email,,lycee\n");
      open("/console/nc?tab=import&country=FR");
      waitFor(By.cssSelector("#main input[type=file]")).sendKeys(file.toAbsolutePath().toString());
      driver.findElement(By.cssSelector("#main form button[type=submit]")).click();
      wait(30).until(d -> figures().contains("1 row"));
      assertTrue(figures().containsAll(List.of("1 row", "0 valid", "1 with errors")), figures().toString());

      // a row with a known school's id updates it: the dry run says what it would change
      // (France's export, its first school with another number of students, as an NC edits a spreadsheet)
      String exported = (String) ((JavascriptExecutor) driver).executeAsyncScript("const done = arguments[arguments.length - 1];"
          + "fetch('/api/v1/exports/schools.csv?country=FR&status=MEMBER').then(r => r.text()).then(done);");
      String[] lines = exported.split("\r?\n");
      List<String> header = org.unesco.aspnet.core.CsvLine.cells(lines[0]);
      List<String> first = new ArrayList<>(org.unesco.aspnet.core.CsvLine.cells(lines[1]));
      first.set(header.indexOf("students"), "4321");
      Files.writeString(file, lines[0] + "\n" + csvLine(first) + "\n");
      open("/console/nc?tab=import&country=FR");
      waitFor(By.cssSelector("#main input[type=file]")).sendKeys(file.toAbsolutePath().toString());
      driver.findElement(By.cssSelector("#main form button[type=submit]")).click();
      wait(30).until(d -> figures().contains("1 changed"));
      assertTrue(figures().contains("1 valid") && figures().stream().noneMatch(f -> f.endsWith(" new") || f.endsWith(" unchanged")),
          "what no row would do is not counted: " + figures());
      String changes = text(By.cssSelector("#import-result table"));
      assertTrue(changes.contains("Changes") && changes.contains("Students"), changes);

      // the NC reads France's audit log in the console, and nothing of other countries; a national
      // field's change in the profile's words
      String known = first.get(header.indexOf("id"));
      Map<?, ?> school = apiGet("/api/v1/schools/" + known);
      Object sector = school.get("fields") instanceof Map<?, ?> f ? f.get("secteur") : null;
      String other = "public".equals(sector) ? "prive-sous-contrat" : "public";
      assertEquals(200L, apiWrite("PATCH", "/api/v1/schools/" + known, "{\"fields\":{\"secteur\":\"" + other + "\"}}",
          "\"" + ((Number) school.get("revision")).longValue() + "\""));
      open("/console/nc?tab=audit&country=FR");
      wait(30).until(ExpectedConditions.textToBePresentInElementLocated(By.id("main"), "entries shown"));
      assertEquals(List.of("France"), driver.findElements(By.cssSelector("#main tbody tr td:nth-child(5)")).stream()
          .map(WebElement::getText).distinct().toList());
      assertTrue(driver.findElements(By.cssSelector("#main select[name=country]")).isEmpty(), "no country to choose: France's log");
      String newest = driver.findElement(By.cssSelector("#main tbody tr td:nth-child(4)")).getText();
      assertTrue(newest.contains("Sector: ") && newest.contains(other.equals("public") ? "→ public" : "→ private under contract"), newest);
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /** One CSV line of {@code fields}, each in quotes. */
  static String csvLine(List<String> fields) {
    return String.join(",", fields.stream().map(f -> "\"" + f.replace("\"", "\"\"") + "\"").toList());
  }

  /** The figures of the import report on the page: "2 rows", "1 valid"... */
  static List<String> figures() {
    return driver.findElements(By.cssSelector("#import-result ul.figures li")).stream().map(li -> li.getText().replaceAll("\\s+", " ")).toList();
  }

  @Test
  @Order(4)
  void theConsolesOfferWhatEachRoleMayDoPageByPageAndSayWhyARefusalHappened() throws IOException {
    // the NC's exports are real links, one per dataset and format the server writes
    signIn("nc.fr@demo.aspnet.local");
    open("/console/nc?tab=directory&country=FR");
    wait(30).until(d -> !d.findElements(By.cssSelector("section.exports a")).isEmpty());
    List<String> links = driver.findElements(By.cssSelector("section.exports a")).stream().map(a -> a.getDomAttribute("href")).toList();
    assertTrue(links.contains("/api/v1/exports/schools.csv?country=FR"), links.toString());
    assertTrue(links.stream().allMatch(l -> l.matches("/api/v1/exports/[a-z-]+\\.[a-z]+\\?country=FR(&bom=true)?")), links.toString());
    assertFalse(links.contains("/api/v1/exports/memberships.geojson?country=FR"), "no dead link: " + links);
    Object csv = ((JavascriptExecutor) driver).executeAsyncScript("const done = arguments[arguments.length - 1];"
        + "fetch('/api/v1/exports/schools.csv?country=FR').then(r => r.text().then(t => done(r.status + ' ' + t.split('\\n')[0])));");
    assertTrue(String.valueOf(csv).startsWith("200 id,"), String.valueOf(csv));

    // who has not sent last year's annual report, with the addresses to write to (the demo's French
    // focal points have theirs still to write)
    open("/console/nc?tab=reports&country=FR&year=" + (java.time.Year.now().getValue() - 1));
    wait(30).until(d -> !d.findElements(By.cssSelector("#main table tbody tr")).isEmpty());
    List<WebElement> missing = driver.findElements(By.cssSelector("#main table tbody tr[data-state=MISSING]"));
    assertFalse(missing.isEmpty(), "France's NC has reports to chase: " + text(By.id("main")));
    for (WebElement row : missing) {
      assertTrue(row.findElement(By.cssSelector("a[href^='mailto:']")).getText().contains("@"), row.getText());
    }
    // the counts agree with their nouns, one school or several
    assertEquals(missing.size() == 1 ? "Copy the address of the school that has not reported"
        : "Copy the addresses of the " + missing.size() + " schools that have not reported", driver.findElement(By.id("copy-missing")).getText());
    int members = driver.findElements(By.cssSelector("#main table tbody tr")).size();
    assertTrue(text(By.id("compliance")).startsWith(missing.size() + " of " + members + " member schools "
        + (missing.size() == 1 ? "has not sent its " : "have not sent their ")), text(By.id("compliance")));
    assertTrue(axeViolations().isEmpty(), "the annual reports tab: " + axeViolations());

    // a rejection needs a comment: asked for before anything is sent
    open("/console/nc?tab=applications&country=FR");
    By firstRow = By.cssSelector("tr[data-school]");
    WebElement row = wait(30).until(ExpectedConditions.presenceOfElementLocated(firstRow));
    String before = row.findElement(By.className("row-status")).getText();
    row.findElement(By.cssSelector("button[data-action=reject]")).click();
    wait(10).until(d -> d.findElement(firstRow).getText().contains("Write a comment first"));
    assertEquals("comment-" + row.getDomAttribute("data-school"), driver.switchTo().activeElement().getDomAttribute("id"), "the comment box has the focus");
    open("/console/nc?tab=applications&country=FR");
    assertEquals(before, wait(30).until(ExpectedConditions.presenceOfElementLocated(firstRow)).findElement(By.className("row-status")).getText(),
        "nothing moved");

    // an invitation for a school's staff, the school given by its number (with a leading zero, as on a printed list)
    Object frenchMember = ((JavascriptExecutor) driver).executeAsyncScript("const done = arguments[arguments.length - 1];"
        + "fetch('/api/v1/schools?country=FR&status=MEMBER&limit=1').then(r => r.json()).then(p => done(p.items[0].id));");
    open("/console/nc?tab=invitations&country=FR");
    WebElement inviteForm = wait(30).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#main form")));
    inviteForm.findElement(By.name("email")).sendKeys("new.teacher." + System.currentTimeMillis() + "@example.org");
    new Select(inviteForm.findElement(By.name("role"))).selectByValue("SCHOOL_STAFF");
    inviteForm.findElement(By.name("school")).sendKeys("#0" + frenchMember);
    inviteForm.findElement(By.cssSelector("button[type=submit]")).click();
    wait(30).until(d -> !d.findElements(By.cssSelector("#main form .notice, #main form .error")).isEmpty());
    assertTrue(text(By.cssSelector("#main form .notice code")).contains("/accept-invitation#token="), text(By.cssSelector("#main form")));

    // HQ's console is not offered to an NC
    open("/console/hq");
    wait(30).until(ExpectedConditions.textToBePresentInElementLocated(By.id("main"), "This console is for UNESCO HQ"));
    assertTrue(driver.findElements(By.cssSelector("button[data-action=certify]")).isEmpty());

    // Germany's ladder: the NC sees the stage, and no plain "Recommend"
    signIn("nc.de@demo.aspnet.local");
    open("/console/nc?tab=applications&country=DE");
    wait(30).until(ExpectedConditions.textToBePresentInElementLocated(By.id("main"), "interested school"));
    assertTrue(driver.findElements(By.cssSelector("button[data-action=recommend]")).isEmpty(), text(By.id("main")));

    // HQ suspends a member from its page, with a comment, and reinstates it
    signIn("hq@demo.aspnet.local");
    Object member = ((JavascriptExecutor) driver).executeAsyncScript("const done = arguments[arguments.length - 1];"
        + "fetch('/api/v1/schools?country=FR&status=MEMBER&limit=1').then(r => r.json()).then(p => done(p.items[0].id));");
    open("/schools/" + member);
    WebElement suspend = wait(30).until(ExpectedConditions.elementToBeClickable(By.cssSelector(".coordination button[data-action=move-suspended]")));
    suspend.click();
    wait(10).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".coordination"), "Write a comment first"));
    driver.findElement(By.cssSelector(".coordination textarea")).sendKeys("No annual report for three years");
    driver.findElement(By.cssSelector(".coordination button[data-action=move-suspended]")).click();
    wait(30).until(ExpectedConditions.textToBe(By.cssSelector(".coordination .row-status"), "Suspended"));
    driver.findElement(By.cssSelector(".coordination details summary")).click();
    wait(10).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".coordination .history"), "No annual report for three years"));
    driver.findElement(By.cssSelector(".coordination button[data-action=move-member]")).click();
    wait(30).until(ExpectedConditions.textToBe(By.cssSelector(".coordination .row-status"), "Member"));
    // a profile saved in the panel shows in the school's details above at once, not after a reload
    driver.findElement(By.cssSelector("#edit-" + member + " summary")).click();
    WebElement students = wait(10).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#edit-" + member + " form [name=students]")));
    students.clear();
    students.sendKeys("1234");
    driver.findElement(By.cssSelector("#edit-" + member + " form button[type=submit]")).click();
    wait(30).until(d -> text(By.cssSelector("#edit-" + member + " form")).contains("Saved."));
    assertTrue(text(By.cssSelector("#main dl.props")).contains("1,234"), text(By.cssSelector("#main dl.props")));
    assertEquals("Member", driver.findElement(By.xpath("//dl[@class='props']/dt[.='Status']/following-sibling::dd[1]")).getText());
    assertEquals("/console/hq?tab=audit&entity=school&entityId=" + member,
        driver.findElement(By.cssSelector(".coordination details a[href*='entity=school']")).getDomAttribute("href"), "HQ reads every change of it");
    driver.findElement(By.cssSelector(".coordination details a[href*='entity=membership']")).click();
    wait(30).until(d -> {
      List<WebElement> actions = d.findElements(By.cssSelector("#main tbody tr td:nth-child(3)"));
      return !actions.isEmpty() && actions.get(0).getText().equals("Membership status");
    });
    assertTrue(text(By.cssSelector("#main tbody")).contains("Status: Suspended → Member"), "the moves just made: " + text(By.cssSelector("#main tbody")));
    // the membership's school by its name, linked, and the comment written with the suspension
    String schoolName = (String) apiGet("/api/v1/schools/" + member).get("name");
    By schoolLink = By.cssSelector("#main tbody tr td:nth-child(4) a[href='/schools/" + member + "']");
    wait(30).until(d -> !d.findElements(schoolLink).isEmpty());
    assertEquals("School " + schoolName, driver.findElement(schoolLink).getText());
    assertTrue(text(By.cssSelector("#main tbody")).contains("No annual report for three years"), "the comment: " + text(By.cssSelector("#main tbody")));
    // the demo loader's moves are the platform's own: named so, not by the id "system"
    List<String> whos = driver.findElements(By.cssSelector("#main tbody tr td:nth-child(2)")).stream().map(WebElement::getText).toList();
    assertTrue(whos.contains("ASPnet Platform"), "the platform by its name: " + whos);
    assertFalse(whos.contains("system"), whos.toString());

    // the audit log is read a page at a time
    open("/console/hq?tab=audit");
    wait(30).until(ExpectedConditions.textToBePresentInElementLocated(By.id("main"), "entries shown"));
    int first = driver.findElements(By.cssSelector("#main tbody tr")).size();
    assertEquals(100, first, "a page of the audit log");
    String log = driver.findElement(By.cssSelector("#main tbody")).getText();
    assertTrue(log.contains("Membership status"), "actions in words: " + log.substring(0, Math.min(500, log.length())));
    assertFalse(log.contains("membership.transition"), "not as codes");
    // the newest move, the reinstatement above (after it only the profile's edit): what it changed, in words
    String newest = driver.findElement(By.xpath("//main//tbody/tr[td[3][.='Membership status']][1]/td[4]")).getText();
    assertTrue(newest.startsWith("Membership ") && newest.contains("Status: Suspended → Member"), newest);
    List<WebElement> pages = driver.findElements(By.cssSelector("#main tbody td:nth-child(4) a"));
    assertFalse(pages.isEmpty(), "the demo's campaign and school entries lead to their pages");
    for (WebElement page : pages) {
      // a school by its name where the entry has it (an edit), else by its number
      assertTrue(page.getDomAttribute("href").matches("/(schools|campaigns)/\\d+") && page.getText().matches("(School|Campaign) .+"),
          page.getText() + " -> " + page.getDomAttribute("href"));
    }
    driver.findElement(By.xpath("//button[normalize-space()='Show more']")).click();
    wait(30).until(d -> d.findElements(By.cssSelector("#main tbody tr")).size() > first);

    // filtered: one action, by its name in words; the address keeps the filters
    new org.openqa.selenium.support.ui.Select(driver.findElement(By.cssSelector("#main form select[name=action]")))
        .selectByVisibleText("Membership status");
    driver.findElement(By.cssSelector("#main form[role=search] button[type=submit]")).click();
    wait(30).until(d -> d.getCurrentUrl().contains("action=membership.transition"));
    wait(30).until(d -> {
      List<WebElement> actions = d.findElements(By.cssSelector("#main tbody tr td:nth-child(3)"));
      return !actions.isEmpty() && actions.stream().allMatch(a -> a.getText().equals("Membership status"));
    });
    // "Who" leads to what that person did
    WebElement who = driver.findElement(By.cssSelector("#main tbody tr td:nth-child(2) a"));
    String email = who.getText();
    who.click();
    wait(30).until(d -> d.getCurrentUrl().contains("actor="));
    wait(30).until(d -> {
      List<WebElement> people = d.findElements(By.cssSelector("#main tbody tr td:nth-child(2)"));
      return !people.isEmpty() && people.stream().allMatch(p -> p.getText().equals(email));
    });
    assertTrue(axeViolations().isEmpty(), "the filtered audit log: " + axeViolations());

    // a filter that finds nothing says so in a sentence, which takes the focus, and shows no empty table
    new Select(driver.findElement(By.cssSelector("#main form select[name=entity]"))).selectByValue("school");
    driver.findElement(By.cssSelector("#main form input[name=entityId]")).sendKeys("999999999");
    driver.findElement(By.cssSelector("#main form[role=search] button[type=submit]")).click();
    wait(30).until(d -> d.getCurrentUrl().contains("entityId=999999999"));
    wait(30).until(d -> "audit-none".equals(d.switchTo().activeElement().getDomAttribute("id")));
    assertEquals("No audit entries match these filters.", text(By.id("audit-none")));
    assertTrue(driver.findElements(By.cssSelector("#main table")).isEmpty(), "no empty table");
    // Back and Forward between the filtered views: the focus is on the results, as after a search
    driver.navigate().back();
    // (read inside the wait: the page may be drawn once more while the entries arrive)
    wait(30).until(d -> {
      WebElement focused = d.switchTo().activeElement();
      return !d.getCurrentUrl().contains("entityId=") && focused.getDomAttribute("data-results") != null
          && focused.getText().matches("\\d+ entr(y|ies) shown.*");
    });
    driver.navigate().forward();
    wait(30).until(d -> d.getCurrentUrl().contains("entityId=999999999") && "audit-none".equals(d.switchTo().activeElement().getDomAttribute("id")));
  }

  @Test
  @Order(4)
  void aGermanSchoolsAnnualReportKeepsAndShowsItsNationalAnswers() {
    signIn("hq@demo.aspnet.local");
    Object country = ((JavascriptExecutor) driver).executeAsyncScript("const done = arguments[arguments.length - 1];"
        + "fetch('/api/v1/schools/20').then(r => r.json()).then(s => done(s.country));");
    assertEquals("DE", country, "the demo's school 20 (account school.20) is German");
    int year = java.time.Year.now().getValue() - 1;
    signIn("school.20@demo.aspnet.local");
    open("/portal");
    WebElement report = wait(30).until(ExpectedConditions.presenceOfElementLocated(
        By.xpath("//details[summary[normalize-space()='Annual report " + year + "']]")));
    report.findElement(By.tagName("summary")).click();
    WebElement form = report.findElement(By.tagName("form"));
    WebElement questions = form.findElement(By.id("report-questions"));
    assertTrue(questions.getText().contains("Questions of Germany"), questions.getText());
    new Select(questions.findElement(By.name("answers.landestreffen"))).selectByValue("ja");
    WebElement days = questions.findElement(By.name("answers.projekttage"));
    days.clear();
    days.sendKeys("3 Tage im Juni");
    WebElement activities = form.findElement(By.name("activities"));
    activities.clear();
    activities.sendKeys("Projekttage zum Klimaschutz");
    if (form.findElements(By.cssSelector("input[name=themes]:checked")).isEmpty()) {
      form.findElement(By.cssSelector("input[name=themes][value=ESD]")).click();
    }
    for (String n : List.of("studentsInvolved", "teachersInvolved")) {
      WebElement count = form.findElement(By.name(n));
      count.clear();
      count.sendKeys("12");
    }
    form.findElement(By.cssSelector("button[type=submit]")).click();
    wait(30).until(d -> !form.findElements(By.cssSelector(".form-status .notice, .form-status .error")).isEmpty());
    assertTrue(form.findElements(By.cssSelector(".form-status .error")).isEmpty(), form.getText());
    Object answers = ((JavascriptExecutor) driver).executeAsyncScript("const done = arguments[arguments.length - 1];"
        + "fetch('/api/v1/schools/20/annual-reports/" + year + "').then(r => r.json()).then(r => done(JSON.stringify(r.answers)));");
    assertEquals("{\"landestreffen\":\"ja\",\"projekttage\":\"3 Tage im Juni\"}", answers);
  }

  /**
   * A school's profile on the portal keeps what was typed in it (a draft of the tab): Back and a
   * reload draw the form again with it, its section opened, and say so; "Discard it" puts back the
   * stored value; saved, the draft is gone and Back draws the form without a note.
   */
  @Test
  @Order(4)
  void aSchoolsProfileTypedOnThePortalIsKeptAcrossBackAndAReloadUntilDiscardedOrSaved() {
    String stamp = Long.toString(System.currentTimeMillis(), 36);
    signIn("school.3@demo.aspnet.local");
    String school = schoolOfMe();
    String draft = "profile-" + school;
    By section = By.id("edit-" + school);
    By city = By.cssSelector("#edit-" + school + " form input[name=city]");
    By note = By.cssSelector("#edit-" + school + " form .form-status .draft-note");
    By notes = By.cssSelector("#main .draft-note");
    String stored = String.valueOf(apiGet("/api/v1/schools/" + school).get("city"));
    open("/portal");
    waitFor(section).findElement(By.tagName("summary")).click();
    WebElement box = waitFor(city);
    assertEquals(stored, box.getDomProperty("value"));
    assertTrue(driver.findElements(notes).isEmpty(), text(By.id("main")));
    String typed = "Draftville " + stamp;
    box.clear();
    box.sendKeys(typed);
    assertTrue(draftKept(draft).contains(typed), draftKept(draft));

    // another page, then Back; then a reload: the typed city is back, the section open, the note shown
    assertPortalDraftKeptAcrossBackAndReload(city, typed, section, note, notes, draft, typed, "profile");
    // discarded: the stored city back, the note and the draft gone, and a reload does not bring it back
    assertPortalDraftDiscarded(city, stored, note, notes, draft);

    // typed again and saved: the draft is gone; Back draws the saved city, without a note
    try {
      driver.findElement(section).findElement(By.tagName("summary")).click();
      box = waitFor(city);
      box.clear();
      box.sendKeys(typed);
      assertTrue(draftKept(draft).contains(typed), draftKept(draft));
      saveProfile(school);
      assertEquals("null", draftKept(draft), "saved, the draft is gone");
      assertEquals(typed, apiGet("/api/v1/schools/" + school).get("city"));
      leaveForTheDirectory();
      markDrawn();
      driver.navigate().back();
      awaitDrawn("/portal");
      assertEquals(typed, driver.findElement(city).getDomProperty("value"));
      assertTrue(driver.findElements(notes).isEmpty(), text(By.id("main")));
      assertEquals("null", draftKept(draft));
    } finally {
      // the demo's city back, for the other tests
      open("/portal");
      WebElement summary = waitFor(section).findElement(By.tagName("summary"));
      if (!"true".equals(driver.findElement(section).getDomProperty("open"))) {
        summary.click();
      }
      box = waitFor(city);
      if (!stored.equals(box.getDomProperty("value"))) {
        box.clear();
        box.sendKeys(stored);
        saveProfile(school);
      }
    }
  }

  /**
   * The annual report on the portal keeps what was typed in its text as a draft: Back and a reload
   * draw the report again with it and say so; "Discard it" puts back the report as stored; sent,
   * the draft is gone and Back draws the report without a note.
   */
  @Test
  @Order(4)
  void anAnnualReportTypedOnThePortalIsKeptAcrossBackAndAReloadUntilDiscardedOrSent() {
    String stamp = Long.toString(System.currentTimeMillis(), 36);
    signIn("school.4@demo.aspnet.local");
    String school = schoolOfMe();
    int year = java.time.Year.now().getValue() - 1;
    String draft = "report-" + school + "-" + year;
    By section = By.id("report-" + school);
    By form = By.cssSelector("#report-" + school + " form.report-form");
    By activities = By.cssSelector("#report-" + school + " form [name=activities]");
    By note = By.cssSelector("#report-" + school + " form .form-status .draft-note");
    By notes = By.cssSelector("#main .draft-note");
    open("/portal");
    WebElement summary = waitFor(section).findElement(By.tagName("summary"));
    assertEquals("Annual report " + year, summary.getText());
    summary.click();
    WebElement written = waitFor(activities);
    assertEquals("textarea", written.getTagName());
    String stored = written.getDomProperty("value"); // the report as stored (empty when none was sent)
    assertTrue(driver.findElements(notes).isEmpty(), text(By.id("main")));
    String typed = "Our pupils planted a school garden " + stamp + ".\nThey wrote to a partner school.";
    written.clear();
    written.sendKeys(typed);
    assertTrue(draftKept(draft).contains(stamp), draftKept(draft));

    assertPortalDraftKeptAcrossBackAndReload(activities, typed, section, note, notes, draft, stamp, "report");
    // discarded: the report as stored, no note, no draft; a reload does not bring it back
    assertPortalDraftDiscarded(activities, stored, note, notes, draft);

    // typed again (with whatever else the report requires), kept across Back, and sent from the form
    // drawn again: the note and the draft are gone, what was sent is what was typed, and Back draws
    // the report as sent, without a note
    driver.findElement(section).findElement(By.tagName("summary")).click();
    written = waitFor(activities);
    written.clear();
    written.sendKeys(typed);
    WebElement report = driver.findElement(form);
    if (report.findElements(By.cssSelector("input[name=themes]:checked")).isEmpty()) {
      report.findElement(By.cssSelector("input[name=themes][value=ESD]")).click();
    }
    for (String n : List.of("studentsInvolved", "teachersInvolved")) {
      WebElement count = report.findElement(By.name(n));
      if (count.getDomProperty("value").isBlank()) {
        count.sendKeys("12");
      }
    }
    assertTrue(draftKept(draft).contains(stamp), draftKept(draft));
    String students = report.findElement(By.name("studentsInvolved")).getDomProperty("value");
    leaveForTheDirectory();
    markDrawn();
    driver.navigate().back();
    awaitDrawn("/portal");
    wait(10).until(d -> typed.equals(d.findElement(activities).getDomProperty("value")) && !d.findElements(note).isEmpty());
    assertEquals(students, driver.findElement(form).findElement(By.name("studentsInvolved")).getDomProperty("value"));
    driver.findElement(form).findElement(By.cssSelector("button[type=submit]")).click();
    wait(30).until(d -> text(By.cssSelector("#report-" + school + " form .form-status")).contains("The report is saved.")
        || !d.findElements(By.cssSelector("#report-" + school + " form .form-status .error")).isEmpty());
    assertTrue(driver.findElements(By.cssSelector("#report-" + school + " form .form-status .error")).isEmpty(), text(form));
    assertEquals("null", draftKept(draft), "sent, the draft is gone");
    assertTrue(driver.findElements(notes).isEmpty(), "sent, the note is gone: " + text(form));
    assertEquals(typed, apiGet("/api/v1/schools/" + school + "/annual-reports/" + year).get("activities"));
    leaveForTheDirectory();
    markDrawn();
    driver.navigate().back();
    awaitDrawn("/portal");
    assertEquals(typed, driver.findElement(activities).getDomProperty("value"), "the report as sent");
    assertTrue(driver.findElements(notes).isEmpty(), text(By.id("main")));
    assertEquals("null", draftKept(draft));
  }

  /**
   * A coordinator's comment on an application is kept across Back and a reload of the applications
   * tab, with the note beside its row; "Discard it" empties the box and forgets it.
   */
  @Test
  @Order(4)
  void aCoordinatorsCommentOnAnApplicationIsKeptAcrossBackAndAReloadUntilDiscarded() {
    String stamp = Long.toString(System.currentTimeMillis(), 36);
    signIn("nc.fr@demo.aspnet.local");
    open("/console/nc?tab=applications&country=FR");
    WebElement comment = wait(60).until(d -> d.findElements(By.cssSelector("#main tr[data-school] textarea[name=comment]")).stream()
        .findFirst().orElse(null));
    String id = comment.getDomAttribute("id");
    By box = By.id(id);
    By note = By.cssSelector("#" + id + "-message .draft-note");
    By notes = By.cssSelector("#main .draft-note");
    String address = driver.getCurrentUrl();
    assertEquals("", comment.getDomProperty("value"));
    assertTrue(driver.findElements(notes).isEmpty(), text(By.id("main")));
    String typed = "Please send the head teacher's letter " + stamp;
    comment.sendKeys(typed);
    assertTrue(draftKept(id).contains(typed), draftKept(id));

    leaveForTheDirectory();
    for (String how : List.of("back", "reload")) {
      backOrReload(how);
      wait(60).until(d -> d.getCurrentUrl().equals(address) && !d.findElements(DRAWN).isEmpty()
          && typed.equals(d.findElement(box).getDomProperty("value")) && !d.findElements(note).isEmpty());
      assertTrue(text(note).contains("Your unsent text was kept."), how + ": " + text(note));
      assertEquals(1, driver.findElements(notes).size(), how + ": only that comment was typed: " + text(By.id("main")));
      assertTrue(draftKept(id).contains(typed), how + ": " + draftKept(id));
    }

    // discarded: the box empty, the note and the draft gone; a reload does not bring it back
    driver.findElement(note).findElement(By.tagName("button")).click();
    wait(10).until(d -> "".equals(d.findElement(box).getDomProperty("value")) && d.findElements(notes).isEmpty());
    assertEquals("null", draftKept(id));
    markDrawn();
    driver.navigate().refresh();
    wait(60).until(d -> !d.findElements(DRAWN).isEmpty() && !d.findElements(box).isEmpty());
    assertEquals("", driver.findElement(box).getDomProperty("value"));
    assertTrue(driver.findElements(notes).isEmpty(), text(By.id("main")));

    // typed again, then a sign-out: the tab keeps no draft for the next person at this computer
    driver.findElement(box).sendKeys(typed);
    assertTrue(draftKept(id).contains(typed), draftKept(id));
    signOut();
    assertEquals(0L, ((Number) ((JavascriptExecutor) driver).executeScript(
        "return Object.keys(sessionStorage).filter((k) => k.startsWith('aspnet.drafts ')).length;")).longValue(), "no draft after a sign-out");
  }

  @Test
  @Order(4)
  void aTeachersActivityReportSurvivesALanguageSwitchAndIsSentOnceWithTheFocusWhereItIsSafe() throws Exception {
    String stamp = Long.toString(System.currentTimeMillis(), 36);
    String activity = "We cleaned the beach " + stamp + ".";
    // the tester's teacher: the focal point of a French member school taking part in Trash Hack
    signIn("school.7@demo.aspnet.local");
    String school = String.valueOf(((Map<?, ?>) ((List<?>) apiGet("/api/v1/me").get("roles")).get(0)).get("school"));
    open("/portal");

    // the school's certificate number, linked to its public check page
    Object membership = apiGet("/api/v1/schools/" + school).get("membershipId");
    String number = String.valueOf(apiGet("/api/v1/memberships/" + membership).get("certificateNumber"));
    assertTrue(number.matches("ASPNET-FR-\\d{4}-\\d{6}"), number);
    WebElement certificate = waitFor(By.id("certificate-" + school));
    assertEquals(number, certificate.getText());
    assertEquals("/certificates/" + number, certificate.getDomAttribute("href"));

    // the portal's parts are headings to jump to
    WebElement projects = waitFor(By.id("projects-" + school));
    assertEquals("h3", projects.findElement(By.cssSelector("summary > .summary-heading")).getTagName());
    projects.findElement(By.tagName("summary")).click();
    WebElement title = wait(30).until(d -> d.findElements(By.xpath("//h4[a[starts-with(normalize-space(), 'Trash Hack')]]")).stream().findFirst().orElse(null));
    String campaign = title.getDomAttribute("id").replaceFirst("^campaign-\\d+-", "");
    String activityId = "activity-" + school + "-" + campaign;
    driver.findElement(By.id(activityId)).findElement(By.tagName("summary")).click();
    By form = By.cssSelector("#" + activityId + " form");
    wait(30).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#" + activityId + " form select[name='metrics.waste.0.type']")));
    driver.findElement(form).findElement(By.name("text")).sendKeys(activity);
    driver.findElement(form).findElement(By.name("pupils")).sendKeys("23");
    new Select(driver.findElement(form).findElement(By.name("metrics.waste.0.type"))).selectByValue("PAPER");
    // a second waste row, added by hand: it comes back too
    driver.findElement(form).findElement(By.cssSelector("fieldset[data-metric='metrics.waste'] > button[data-add-row]")).click();
    new Select(driver.findElement(form).findElement(By.name("metrics.waste.1.type"))).selectByValue("PLASTIC");
    driver.findElement(form).findElement(By.name("metrics.waste.1.mass")).sendKeys("2,5");
    new Select(driver.findElement(form).findElement(By.name("metrics.waste.1.unit"))).selectByValue("kg");
    // an edit of the profile, not saved yet
    driver.findElement(By.id("edit-" + school)).findElement(By.tagName("summary")).click();
    WebElement city = driver.findElement(By.cssSelector("#edit-" + school + " input[name=city]"));
    city.clear();
    city.sendKeys("Bordeaux " + stamp);
    // each campaign's "Your reports" region has a name of its own (axe: landmark-unique)
    assertTrue(axeViolations("landmark-unique").isEmpty(), "the portal: " + axeViolations("landmark-unique"));

    // the language switches: the sections open before are open again, with what was typed
    switchLanguage("fr");
    try {
      wait(30).until(d -> activity.equals(d.findElement(form).findElement(By.name("text")).getDomProperty("value")));
      for (String open : List.of("projects-" + school, activityId, "edit-" + school)) {
        assertTrue(driver.findElement(By.id(open)).getDomProperty("open").equals("true"), open + " is closed");
      }
      assertEquals("Projets et campagnes", driver.findElement(By.id("projects-" + school)).findElement(By.tagName("summary")).getText());
      assertEquals("23", driver.findElement(form).findElement(By.name("pupils")).getDomProperty("value"));
      assertEquals("PAPER", driver.findElement(form).findElement(By.name("metrics.waste.0.type")).getDomProperty("value"));
      assertEquals("PLASTIC", driver.findElement(form).findElement(By.name("metrics.waste.1.type")).getDomProperty("value"));
      assertEquals("2,5", driver.findElement(form).findElement(By.name("metrics.waste.1.mass")).getDomProperty("value"));
      assertEquals("Bordeaux " + stamp, driver.findElement(By.cssSelector("#edit-" + school + " input[name=city]")).getDomProperty("value"));
      // the profile's errors name the national id as its field does: France's "Numéro UAI"
      WebElement nationalId = driver.findElement(By.cssSelector("#edit-" + school + " input[name=nationalId]"));
      String uai = nationalId.getDomProperty("value");
      nationalId.clear();
      nationalId.sendKeys("X");
      driver.findElement(By.cssSelector("#edit-" + school + " form button[type=submit]")).click();
      WebElement refused = wait(30).until(d -> d.findElements(By.cssSelector("#edit-" + school + " .form-status .error")).stream().findFirst().orElse(null));
      assertTrue(refused.getText().contains("Numéro UAI") && !refused.getText().contains("Identifiant national"), refused.getText());
      nationalId.clear();
      nationalId.sendKeys(uai);
    } finally {
      switchLanguage("en");
    }

    // a colleague saves the school meanwhile (another session): the save is refused, what they
    // changed is named and taken into the boxes left as they were, and saving again keeps both edits
    if (platform != null) {
      String token = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
          platform.login("school.7@demo.aspnet.local", PASSWORD).body()).path("token").asText();
      String etag = platform.get("/api/v1/schools/" + school, "Authorization", "Bearer " + token).headers().firstValue("ETag").orElseThrow();
      Map<?, ?> read = apiGet("/api/v1/schools/" + school);
      Object before = read.get("teachers");
      int teachers = 1 + (before == null ? 40 : ((Number) before).intValue());
      // and a box of a group and a national choice: the form once kept its own and wrote them back
      List<String> levels = new ArrayList<>(((List<?>) read.get("levels")).stream().map(String::valueOf).toList());
      if (!levels.remove("PRIMARY")) {
        levels.add("PRIMARY");
      }
      Object sector = read.get("fields") instanceof Map<?, ?> f ? f.get("secteur") : null;
      String otherSector = "public".equals(sector) ? "prive-sous-contrat" : "public";
      String colleague = "{\"teachers\":" + teachers + ",\"levels\":[\"" + String.join("\",\"", levels)
          + "\"],\"fields\":{\"secteur\":\"" + otherSector + "\"}}";
      java.net.http.HttpResponse<String> theirs = platform.send("PATCH", "/api/v1/schools/" + school, colleague, "Content-Type",
          "application/merge-patch+json", "Authorization", "Bearer " + token, "If-Match", etag);
      assertEquals(200, theirs.statusCode(), theirs.body());
      By editForm = By.cssSelector("#edit-" + school + " form");
      driver.findElement(editForm).findElement(By.cssSelector("button[type=submit]")).click();
      wait(30).until(d -> text(editForm).contains("Changed meanwhile"));
      assertTrue(text(editForm).contains("Teachers"), text(editForm));
      assertEquals(String.valueOf(teachers), driver.findElement(editForm).findElement(By.name("teachers")).getDomProperty("value"));
      driver.findElement(editForm).findElement(By.cssSelector("button[type=submit]")).click();
      wait(30).until(d -> text(editForm).contains("Saved."));
      Map<?, ?> saved = apiGet("/api/v1/schools/" + school);
      assertEquals("Bordeaux " + stamp, saved.get("city"), "the edit typed here");
      assertEquals(teachers, ((Number) saved.get("teachers")).intValue(), "the colleague's edit");
      assertEquals(new java.util.TreeSet<>(levels), new java.util.TreeSet<>(((List<?>) saved.get("levels")).stream().map(String::valueOf).toList()),
          "the colleague's levels");
      assertEquals(otherSector, ((Map<?, ?>) saved.get("fields")).get("secteur"), "the colleague's national field");
    }

    // sent once: the form is empty for the next one and the focus is on the report just sent, not
    // on the send button (Enter again sent it twice: a 409)
    wait(30).until(d -> activity.equals(d.findElement(form).findElement(By.name("text")).getDomProperty("value")));
    driver.findElement(form).findElement(By.name("teachers")).sendKeys("2");
    driver.findElement(form).findElement(By.name("metrics.waste.0.mass")).sendKeys("4.5");
    new Select(driver.findElement(form).findElement(By.name("metrics.waste.0.unit"))).selectByValue("kg");
    driver.findElement(form).findElement(By.cssSelector("button[type=submit]")).click();
    wait(30).until(d -> !d.findElement(form).findElements(By.cssSelector(".notice, .error")).isEmpty());
    assertTrue(driver.findElement(form).findElements(By.cssSelector(".error")).isEmpty(), "the activity was refused: " + text(form));
    assertEquals("Activity received.", text(By.cssSelector("#" + activityId + " form .form-status .notice")));
    WebElement sent = driver.switchTo().activeElement();
    assertEquals("li", sent.getTagName(), "the focus is on the new report");
    assertTrue(sent.getText().contains(activity) && sent.getText().contains("Status: Pending"), sent.getText());
    assertTrue(sent.getText().contains("23 pupils, 2 teachers"), "counts in words that agree with them: " + sent.getText());
    for (String name : List.of("text", "pupils", "teachers", "metrics.waste.0.mass")) {
      assertEquals("", driver.findElement(form).findElement(By.name(name)).getDomProperty("value"), name + " is emptied");
    }
    assertEquals(java.time.LocalDate.now().toString(), driver.findElement(form).findElement(By.name("date")).getDomProperty("value"));
    // a wrong photo consent is said on its box, in plain words
    driver.findElement(form).findElement(By.name("text")).sendKeys(activity);
    driver.findElement(form).findElement(By.name("pupils")).sendKeys("23");
    driver.findElement(form).findElement(By.name("teachers")).sendKeys("2");
    driver.findElement(form).findElement(By.name("mediaUrl")).sendKeys("https://example.org/beach.jpg");
    driver.findElement(form).findElement(By.name("showsPupils")).click();
    driver.findElement(form).findElement(By.cssSelector("button[type=submit]")).click();
    WebElement consent = driver.findElement(form).findElement(By.name("parentalConsent"));
    wait(30).until(d -> "true".equals(consent.getDomAttribute("aria-invalid")));
    WebElement why = driver.findElement(By.id(consent.getDomAttribute("aria-describedby")));
    assertEquals(consent, why.findElement(By.xpath("preceding-sibling::label[1]//input")), "the message is beside the consent box");
    assertTrue(why.getText().startsWith("Tick this box") && !why.getText().contains("true"), why.getText());

    // withdrawing asks first, the focus on the safe answer; then the report is gone
    By ours = By.xpath("//section[contains(@class,'your-reports')]//li[contains(., '" + stamp + "')]");
    driver.findElement(ours).findElement(By.xpath(".//button[normalize-space()='Withdraw']")).click();
    wait(10).until(d -> "Keep it".equals(d.switchTo().activeElement().getText()));
    driver.findElement(ours).findElement(By.xpath(".//button[normalize-space()='Yes, withdraw']")).click();
    wait(30).until(d -> d.findElements(ours).isEmpty());

    // joining puts the focus on what happened, not on "Leave"; leaving asks first, "Stay" first
    By sandwatch = By.xpath("//div[@class='campaign-entry'][h4/a[starts-with(normalize-space(), 'Sandwatch')]]");
    driver.findElement(sandwatch).findElement(By.xpath(".//button[normalize-space()='Join']")).click();
    wait(30).until(ExpectedConditions.textToBePresentInElementLocated(sandwatch, "Your school has joined."));
    assertEquals("Your school has joined.", driver.switchTo().activeElement().getText(), "the focus is on the status");
    // a measure inside an object (a measurement's water quality) refused by the module: said on its
    // own box, not only at the top of the form
    driver.findElement(sandwatch).findElement(By.xpath(".//details[summary[normalize-space()='Report an activity']]/summary")).click();
    WebElement beach = wait(30).until(d -> d.findElement(sandwatch).findElements(By.cssSelector("details form [name='metrics.measurements.0.water.0.ph']"))
        .isEmpty() ? null : d.findElement(sandwatch).findElement(By.cssSelector("details form")));
    beach.findElement(By.name("text")).sendKeys("Beach profile " + stamp);
    beach.findElement(By.name("pupils")).sendKeys("12");
    beach.findElement(By.name("teachers")).sendKeys("1");
    beach.findElement(By.name("metrics.site.0.name")).sendKeys("Plage du Nord");
    ((JavascriptExecutor) driver).executeScript("arguments[0].value = arguments[1];",
        beach.findElement(By.name("metrics.measurements.0.date")), java.time.LocalDate.now().toString());
    beach.findElement(By.name("metrics.measurements.0.beachWidth")).sendKeys("42");
    new Select(beach.findElement(By.name("metrics.measurements.0.unit"))).selectByValue("m");
    beach.findElement(By.name("metrics.measurements.0.water.0.ph")).sendKeys("15");
    beach.findElement(By.cssSelector("button[type=submit]")).click();
    WebElement ph = beach.findElement(By.name("metrics.measurements.0.water.0.ph"));
    wait(30).until(d -> "true".equals(ph.getDomAttribute("aria-invalid")));
    assertTrue(driver.findElement(By.id(ph.getDomAttribute("aria-describedby").replaceAll(".* ", ""))).getText().contains("14"),
        "the range is said beside the pH box: " + beach.getText());
    assertTrue(beach.findElement(By.cssSelector(".form-status")).getText().contains("Measurements (1): Water quality: pH"),
        beach.findElement(By.cssSelector(".form-status")).getText());
    driver.findElement(sandwatch).findElement(By.xpath(".//button[normalize-space()='Leave']")).click();
    wait(10).until(d -> "Stay".equals(d.switchTo().activeElement().getText()));
    driver.switchTo().activeElement().click();
    wait(10).until(d -> "Leave".equals(d.switchTo().activeElement().getText()));
    assertTrue(text(sandwatch).contains("Your school takes part."), text(sandwatch));
    driver.findElement(sandwatch).findElement(By.xpath(".//button[normalize-space()='Leave']")).click();
    wait(10).until(d -> d.findElement(sandwatch).findElement(By.xpath(".//button[normalize-space()='Yes, leave']"))).click();
    wait(30).until(ExpectedConditions.textToBePresentInElementLocated(sandwatch, "Your school no longer takes part."));
    assertFalse(driver.findElement(sandwatch).findElements(By.cssSelector("section.your-reports")).isEmpty(),
        "the school's reports stay listed after it left: pending ones are still moderated");
  }

  @Test
  @Order(4)
  void theConsolesFiltersShowTheirResultsWithoutReloadingTheAppAndHqMakesAResetLink() throws IOException {
    signIn("nc.fr@demo.aspnet.local");
    open("/console/nc?tab=directory&country=FR");
    WebElement search = wait(30).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#main form[role=search] input[name=q]")));
    // CSV for Excel: the same file with a byte order mark, beside the plain CSV
    wait(30).until(d -> !d.findElements(By.cssSelector("section.exports a")).isEmpty());
    List<String> links = driver.findElements(By.cssSelector("section.exports a")).stream().map(a -> a.getDomAttribute("href")).toList();
    assertTrue(links.contains("/api/v1/exports/schools.csv?country=FR&bom=true"), links.toString());
    assertEquals("CSV for Excel", driver.findElement(By.cssSelector("section.exports a[href='/api/v1/exports/schools.csv?country=FR&bom=true']")).getText());
    Object bom = ((JavascriptExecutor) driver).executeAsyncScript("const done = arguments[arguments.length - 1];"
        + "fetch('/api/v1/exports/schools.csv?country=FR&bom=true').then(r => r.arrayBuffer()).then(b => done([...new Uint8Array(b.slice(0, 3))].join(',')));");
    assertEquals("239,187,191", bom, "the file starts with a UTF-8 byte order mark");

    // a search: the results come without the app being downloaded again, the focus on their count
    ((JavascriptExecutor) driver).executeScript("window.aspnetNotReloaded = true;");
    search.sendKeys("lyc");
    driver.findElement(By.cssSelector("#main form[role=search] button[type=submit]")).click();
    wait(30).until(ExpectedConditions.urlContains("q=lyc"));
    wait(30).until(d -> d.switchTo().activeElement().getDomAttribute("data-results") != null
        && d.switchTo().activeElement().getText().matches("\\d+ schools? shown.*"));
    assertEquals(Boolean.TRUE, ((JavascriptExecutor) driver).executeScript("return window.aspnetNotReloaded === true;"), "the app was loaded again");

    // France's académies: a filter of the list, a column of it, and the exports take it too
    new Select(driver.findElement(By.cssSelector("#main form[role=search] select[name=unit]"))).selectByValue("bordeaux");
    driver.findElement(By.cssSelector("#main form[role=search] input[name=q]")).clear();
    driver.findElement(By.cssSelector("#main form[role=search] button[type=submit]")).click();
    wait(30).until(ExpectedConditions.urlContains("unit=bordeaux"));
    wait(30).until(d -> d.switchTo().activeElement().getDomAttribute("data-results") != null);
    List<String> academies = driver.findElements(By.cssSelector("#main tbody tr td:nth-child(3)")).stream().map(WebElement::getText).distinct().toList();
    assertEquals(List.of("Bordeaux"), academies, "the académie's schools only");
    assertTrue(driver.findElements(By.cssSelector("section.exports a")).stream().map(a -> a.getDomAttribute("href"))
        .anyMatch(href -> href.contains("unit=bordeaux")), "the exports of the académie");
    // France's own statistics, a link away: its statuses, its certifications per year, its académies
    driver.findElement(By.id("nc-stats")).click();
    wait(30).until(ExpectedConditions.textToBe(By.tagName("h1"), "Statistics – France"));
    wait(30).until(ExpectedConditions.textToBePresentInElementLocated(By.id("main"), "Schools by status"));
    String figures = text(By.id("main"));
    assertTrue(figures.contains("Certifications by year") && figures.contains("Académie"), figures);
    assertEquals("FR", new Select(driver.findElement(By.cssSelector("#main select[name=country]"))).getFirstSelectedOption().getDomAttribute("value"));
    Map<?, ?> france = apiGet("/api/v1/stats?country=FR");
    long members = ((Number) france.get("members")).longValue();
    long candidates = ((Number) france.get("candidates")).longValue();
    assertEquals(String.format(java.util.Locale.ENGLISH, "%,d member school%s and %,d candidate%s.", members, members == 1 ? "" : "s",
        candidates, candidates == 1 ? "" : "s"), text(By.cssSelector("#main p.lead")), "the counts agree with their nouns");
    // a country the statistics do not know: said, and the select stays to choose another
    open("/stats?country=XX");
    wait(30).until(ExpectedConditions.textToBePresentInElementLocated(By.id("main"), "XX is not a UNESCO Member State"));
    assertFalse(driver.findElements(By.cssSelector("#main select[name=country]")).isEmpty(), "the select stays");

    // annual reports of another year, alike
    open("/console/nc?tab=reports&country=FR");
    WebElement year = wait(30).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#main select[name=year]")));
    ((JavascriptExecutor) driver).executeScript("window.aspnetNotReloaded = true;");
    String other = String.valueOf(java.time.Year.now().getValue() - 2);
    new Select(year).selectByValue(other);
    year.findElement(By.xpath("ancestor::form//button[@type='submit']")).click();
    wait(30).until(ExpectedConditions.urlContains("year=" + other));
    wait(30).until(d -> "compliance".equals(d.switchTo().activeElement().getDomAttribute("id")));
    assertTrue(text(By.id("compliance")).contains(other + " report"), text(By.id("compliance")));
    assertEquals(Boolean.TRUE, ((JavascriptExecutor) driver).executeScript("return window.aspnetNotReloaded === true;"), "the app was loaded again");

    // an NC makes reset links for the staff of the country's schools, not for another country's
    open("/console/nc?tab=invitations&country=FR");
    String refused = resetRefused("school.20@demo.aspnet.local");
    assertTrue(refused.startsWith("You may not reset this account's password"), refused);
    String ncLink = resetLink("school.7@demo.aspnet.local");
    assertTrue(ncLink.startsWith(base + "/reset-password#token="), ncLink);
    // "Forgot your password?" on /signin: this installation sends no email, so the page says whom to ask
    signOut();
    open("/signin");
    waitFor(By.cssSelector("#signin-forgot a")).click();
    wait(30).until(d -> d.getCurrentUrl().endsWith("/forgot-password"));
    waitFor(By.id("forgot-email")).sendKeys("school.9@demo.aspnet.local");
    driver.findElement(By.id("forgot-submit")).click();
    assertEquals("This platform sends no email. Ask your National Coordinator or UNESCO HQ for a reset link.",
        waitFor(By.cssSelector("#forgot-result .notice")).getText());

    // HQ makes a reset link: an unknown address is said on the field, then a link to hand over
    signIn("hq@demo.aspnet.local");
    open("/console/hq?tab=accounts");
    assertEquals("No account has this email address. Check the spelling, or invite the person instead.",
        resetRefused("nobody." + System.currentTimeMillis() + "@example.org"));
    String link = resetLink("school.9@demo.aspnet.local");
    assertTrue(link.startsWith(base + "/reset-password#token="), link);
    assertTrue(driver.findElements(By.cssSelector("#reset-form [aria-invalid]")).isEmpty(), "the field is no longer marked");
    assertFalse(driver.findElements(By.cssSelector("#reset-result button.copy-link")).isEmpty(), "a button copies the link");
  }

  @Test
  @Order(4)
  void aFrenchSchoolProposesAPartnershipTheGermanSchoolAcceptsItAndItsPublicPageNamesThePartner() throws IOException {
    String stamp = Long.toString(System.currentTimeMillis(), 36);
    signIn("school.7@demo.aspnet.local");
    String school = String.valueOf(((Map<?, ?>) ((List<?>) apiGet("/api/v1/me").get("roles")).get(0)).get("school"));
    String ours = String.valueOf(apiGet("/api/v1/schools/" + school).get("name"));
    Map<?, ?> german = apiGet("/api/v1/schools/20");
    assertEquals("DE", german.get("country"), "the demo's school 20 (account school.20) is German");
    String theirs = String.valueOf(german.get("name"));

    // the portal's Partnerships: the demo's proposal to this school waits for its answer
    open("/portal");
    WebElement section = openPartnerships(school);
    assertTrue(section.findElement(By.tagName("summary")).getText().matches("Partnerships – \\d+ proposals? to answer"),
        section.findElement(By.tagName("summary")).getText());
    // (the demo's: from school 19, in Mexico)
    WebElement demo = wait(30).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#partners-incoming-" + school + " > li[data-other='19']")));
    assertTrue(demo.getText().contains("Mexico") && demo.findElements(By.cssSelector("button[data-move=ACCEPTED]")).size() == 1, demo.getText());
    // a partnership or proposal left open between the two schools (a run before this one) is closed first
    closeOpenPartnerships(school, "20");
    open("/portal");
    section = openPartnerships(school);

    // find a German member school: school.20's
    new Select(section.findElement(By.name("country"))).selectByValue("DE");
    section.findElement(By.name("q")).sendKeys(theirs);
    section.findElement(By.cssSelector("form[role=search] button[type=submit]")).click();
    By result = By.cssSelector("#partners-results-" + school + " > li[data-school='20']");
    wait(30).until(ExpectedConditions.presenceOfElementLocated(result));
    driver.findElement(result).findElement(By.cssSelector("button[data-propose='20']")).click();
    wait(10).until(d -> d.findElement(result).findElement(By.cssSelector("form.proposal-form")));
    driver.findElement(result).findElement(By.name("message")).sendKeys("Hallo");
    // the language switches: the search is asked again, its schools, countries and count in French,
    // with the proposal form open again and what was typed in it
    switchLanguage("fr");
    By heading = By.id("partners-find-" + school);
    wait(30).until(d -> "Trouver un établissement partenaire à l'étranger".equals(d.findElement(heading).getText()));
    wait(30).until(d -> d.findElement(result).getText().contains("Allemagne)"));
    wait(30).until(d -> "Hallo".equals(d.findElement(result).findElement(By.name("message")).getDomProperty("value")));
    // the numbers as the page's language writes them: 2 000 in French
    assertEquals("5 caractères sur 2 000",
        driver.findElement(result).findElement(By.className("char-count")).getText().replaceAll("[\u00a0\u202f]", " "));
    wait(30).until(d -> d.findElement(By.cssSelector("#partnerships-" + school + " .partner-search p[role=status]")).getText()
        .matches("\\d+ écoles? affichées?\\."));
    assertEquals("lang", driver.switchTo().activeElement().getDomAttribute("id"), "the focus stays on the language menu");
    switchLanguage("en");
    wait(30).until(d -> "Find a partner school abroad".equals(d.findElement(heading).getText()));
    wait(30).until(d -> d.findElement(result).getText().contains("Germany)"));
    WebElement form = wait(30).until(d -> d.findElement(result).findElement(By.cssSelector("form.proposal-form")));
    wait(30).until(d -> "Hallo".equals(d.findElement(result).findElement(By.name("message")).getDomProperty("value")));
    form.findElement(By.name("message")).clear();
    new Select(form.findElement(By.name("theme"))).selectByValue("ESD");
    WebElement message = form.findElement(By.name("message"));
    // maxlength counts UTF-16 units: twice the API's 2000 characters, so that no legal message is cut
    assertEquals("4000", message.getDomAttribute("maxlength"));
    // an empty message: the API's error is said beside the field, which is marked
    form.findElement(By.cssSelector("button[type=submit]")).click();
    wait(30).until(d -> "true".equals(message.getDomAttribute("aria-invalid")));
    String said = message.getDomAttribute("aria-describedby");
    WebElement error = driver.findElement(By.id(said.substring(said.lastIndexOf(' ') + 1)));
    assertEquals("field-error", error.getDomAttribute("class"));
    assertEquals(message, error.findElement(By.xpath("preceding-sibling::textarea[1]")), "the message is beside the field");
    assertFalse(error.getText().isBlank());
    // the section open, with its lists, the results and the refused form: no serious or critical violation
    List<String> portalProblems = axeViolations();
    assertTrue(portalProblems.isEmpty(), String.join("\n", portalProblems));
    // an emoji is one character, as the API counts (ChromeDriver types no emoji: set as if pasted)
    String words = "Shall our pupils write to each other about the rivers of our two cities? \uD83C\uDF0D " + stamp;
    ((JavascriptExecutor) driver).executeScript(
        "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'))", message, words);
    assertEquals(words.codePointCount(0, words.length()) + " of 2,000 characters",
        form.findElement(By.className("char-count")).getText());
    form.findElement(By.cssSelector("button[type=submit]")).click();
    WebElement sent = wait(30).until(d -> d.findElement(result).findElements(By.cssSelector(".notice")).stream().findFirst().orElse(null));
    assertEquals("Proposal sent to " + theirs + ". It is listed under your proposals until they answer.", sent.getText());
    assertEquals(sent, driver.switchTo().activeElement(), "the focus is on what happened");
    WebElement outgoing = waitFor(By.cssSelector("#partners-outgoing-" + school + " > li[data-other='20']"));
    assertTrue(outgoing.getText().contains(words) && outgoing.getText().contains("Proposed"), outgoing.getText());
    assertTrue(driver.findElement(result).getText().contains("A proposal or a partnership already links your schools."), "not offered twice");

    // the German school reads it among the proposals to answer, and accepts it
    signIn("school.20@demo.aspnet.local");
    open("/portal");
    WebElement theirSection = openPartnerships("20");
    By incoming = By.cssSelector("#partners-incoming-20 > li[data-other='" + school + "']");
    WebElement proposal = wait(30).until(ExpectedConditions.presenceOfElementLocated(incoming));
    assertTrue(proposal.getText().contains(words) && proposal.getText().contains("Education for sustainable development"), proposal.getText());
    proposal.findElement(By.cssSelector("button[data-move=ACCEPTED]")).click();
    By active = By.cssSelector("#partners-active-20 > li[data-other='" + school + "']");
    WebElement partnership = wait(30).until(ExpectedConditions.presenceOfElementLocated(active));
    assertEquals(partnership, driver.switchTo().activeElement(), "the focus follows the partnership into its new list");
    String id = partnership.getDomAttribute("data-partnership");
    assertTrue(driver.findElements(incoming).isEmpty());
    // ending is asked once more, the focus on the safe answer; kept, the focus is back on End
    partnership.findElement(By.cssSelector("button[data-move=ENDED]")).click();
    wait(10).until(d -> "Keep it".equals(d.switchTo().activeElement().getText()));
    driver.switchTo().activeElement().click();
    wait(10).until(d -> "ENDED".equals(d.switchTo().activeElement().getDomAttribute("data-move")));
    assertEquals("ACCEPTED", driver.findElement(active).getDomAttribute("data-status"));
    assertTrue(theirSection.findElements(By.cssSelector("[data-confirm]")).isEmpty());

    // the German school's public page names its new partner, with its country
    signOut();
    open("/schools/20");
    WebElement partners = waitFor(By.id("partners"));
    assertEquals("Partner schools", partners.findElement(By.tagName("h2")).getText());
    WebElement link = partners.findElement(By.cssSelector("a[href='/schools/" + school + "']"));
    assertEquals(ours, link.getText());
    assertTrue(link.findElement(By.xpath("ancestor::li")).getText().contains("France"), link.findElement(By.xpath("ancestor::li")).getText());
    List<String> problems = axeViolations();
    assertTrue(problems.isEmpty(), String.join("\n", problems));

    // France's NC reads it in the national console, read-only, filtered by status
    signIn("nc.fr@demo.aspnet.local");
    open("/console/nc?tab=partnerships&country=FR");
    WebElement status = wait(30).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#main select[name=status]")));
    new Select(status).selectByValue("ACCEPTED");
    status.findElement(By.xpath("ancestor::form//button[@type='submit']")).click();
    wait(30).until(ExpectedConditions.urlContains("status=ACCEPTED"));
    wait(30).until(d -> d.switchTo().activeElement().getDomAttribute("data-results") != null
        && d.switchTo().activeElement().getText().matches("\\d+ partnerships? shown\\."));
    List<WebElement> rows = driver.findElements(By.cssSelector("#main tr[data-partnership]"));
    assertTrue(rows.stream().allMatch(r -> "ACCEPTED".equals(r.getDomAttribute("data-status"))), "only accepted ones");
    assertTrue(rows.stream().anyMatch(r -> !r.findElements(By.cssSelector("a[href='/schools/20']")).isEmpty()
        && !r.findElements(By.cssSelector("a[href='/schools/" + school + "']")).isEmpty()), "school 7's with school 20");
    assertTrue(driver.findElements(By.cssSelector("#main table button")).isEmpty(), "read-only");
    List<String> consoleProblems = axeViolations();
    assertTrue(consoleProblems.isEmpty(), String.join("\n", consoleProblems));

    // HQ ends it from its console, with a comment for both schools: asked once more, the focus on Keep it
    signIn("hq@demo.aspnet.local");
    open("/console/hq?tab=partnerships&country=DE&status=ACCEPTED");
    By hqRow = By.cssSelector("#main tr[data-partnership='" + id + "']");
    WebElement toEnd = wait(30).until(ExpectedConditions.presenceOfElementLocated(hqRow));
    List<String> endProblems = axeViolations();
    assertTrue(endProblems.isEmpty(), String.join("\n", endProblems));
    String why = "Ended at both schools' request " + stamp;
    toEnd.findElement(By.tagName("textarea")).sendKeys(why);
    toEnd.findElement(By.cssSelector("button[data-move=ENDED]")).click();
    wait(10).until(d -> "Keep it".equals(d.switchTo().activeElement().getText()));
    driver.findElement(hqRow).findElement(By.cssSelector("button[data-confirm=ENDED]")).click();
    wait(30).until(d -> "ENDED".equals(d.findElement(hqRow).getDomAttribute("data-status")));
    WebElement done = driver.findElement(hqRow).findElement(By.className("row-message"));
    wait(10).until(d -> done.equals(d.switchTo().activeElement()));
    assertEquals("The partnership of " + ours + " and " + theirs + " has ended.", done.getText());
    assertEquals("Ended", driver.findElement(hqRow).findElement(By.className("row-status")).getText());
    assertTrue(driver.findElement(hqRow).findElements(By.tagName("button")).isEmpty(), "nothing more to end");
    Map<?, ?> ended = apiGet("/api/v1/partnerships/" + id);
    assertEquals("ENDED", ended.get("status"));
    assertEquals(why, ended.get("comment"));
  }

  /** Opens the portal's Partnerships part of a school and waits for its list. */
  private WebElement openPartnerships(String school) {
    WebElement section = wait(30).until(ExpectedConditions.presenceOfElementLocated(By.id("partnerships-" + school)));
    section.findElement(By.tagName("summary")).click();
    wait(30).until(d -> "true".equals(d.findElement(By.id("partnerships-" + school)).getDomAttribute("data-loaded")));
    assertTrue(section.findElements(By.cssSelector(".form-status .error")).isEmpty(), section.getText());
    return section;
  }

  /** Closes what is open between the signed-in person's school and another (declined, withdrawn or ended), through the API. */
  private void closeOpenPartnerships(String school, String other) {
    Object closed = ((JavascriptExecutor) driver).executeAsyncScript("const done = arguments[arguments.length - 1];"
        + "const [school, other] = [arguments[0], arguments[1]];"
        + "(async () => {"
        + " const json = {Accept: 'application/json', 'Content-Type': 'application/json'};"
        + " const csrf = (await (await fetch('/api/v1/me', {headers: json})).json()).csrfToken;"
        + " const page = await (await fetch('/api/v1/partnerships?limit=100&school=' + school, {headers: json})).json();"
        + " let n = 0;"
        + " for (const p of page.items) {"
        + "  const ids = [String(p.proposer.id), String(p.partner.id)];"
        + "  if (!ids.includes(String(other)) || !['PROPOSED', 'ACCEPTED'].includes(p.status)) continue;"
        + "  const to = p.status === 'ACCEPTED' ? 'ENDED' : String(p.proposer.id) === String(school) ? 'WITHDRAWN' : 'DECLINED';"
        + "  const r = await fetch('/api/v1/partnerships/' + p.id + '/transitions', {method: 'POST', headers: {...json, 'X-CSRF-Token': csrf},"
        + "   body: JSON.stringify({to})});"
        + "  if (!r.ok) throw new Error(p.id + ' to ' + to + ': ' + r.status);"
        + "  n++;"
        + " }"
        + " return n;"
        + "})().then(done, e => done('failed: ' + e));", school, other);
    assertTrue(closed instanceof Number, String.valueOf(closed));
  }

  /** Asks the reset form on the page for {@code email}'s link; the refusal said on the field. */
  private String resetRefused(String email) {
    submitReset(email);
    wait(30).until(d -> "true".equals(d.findElement(By.id("reset-email")).getDomAttribute("aria-invalid")));
    return driver.findElement(By.id(driver.findElement(By.id("reset-email")).getDomAttribute("aria-describedby").replaceFirst("^.* ", "")))
        .getText();
  }

  /** Asks the reset form on the page for {@code email}'s link; the link it shows to pass on. */
  private String resetLink(String email) {
    submitReset(email);
    return wait(30).until(d -> d.findElements(By.cssSelector("#reset-result .notice code.link")).stream().findFirst().orElse(null))
        .getText();
  }

  private void submitReset(String email) {
    WebElement field = waitFor(By.id("reset-email"));
    field.clear();
    field.sendKeys(email);
    driver.findElement(By.id("reset-submit")).click();
  }

  @Test
  @Order(4)
  void theLanguageSwitchesToFrenchAndIsRemembered() {
    open("/schools");
    waitFor(By.id("q"));
    new Select(driver.findElement(By.id("lang"))).selectByValue("fr");
    wait(30).until(d -> "fr".equals(d.findElement(By.tagName("html")).getDomAttribute("lang")));
    wait(30).until(ExpectedConditions.textToBe(By.tagName("h1"), "Annuaire des écoles membres"));
    assertEquals("Carte", driver.findElement(By.cssSelector("#nav a[href='/map']")).getText());
    open("/map");
    wait(30).until(ExpectedConditions.textToBe(By.tagName("h1"), "Carte des écoles membres"));
    // French puts a (narrow no-break) space before a colon: "Observer : 1 sept. 2026 – ..."
    open("/campaigns");
    wait(30).until(d -> !d.findElements(By.cssSelector("#main h2 a[href^='/campaigns/']")).isEmpty());
    open(driver.findElement(By.cssSelector("#main h2 a[href^='/campaigns/']")).getDomAttribute("href"));
    wait(60).until(d -> d.findElement(By.id("main")).getDomAttribute("data-ready") != null);
    String campaign = driver.findElement(By.id("main")).getText();
    assertTrue(campaign.contains("\u202f: "), campaign);
    new Select(driver.findElement(By.id("lang"))).selectByValue("en");
    wait(30).until(d -> "en".equals(d.findElement(By.tagName("html")).getDomAttribute("lang")));
  }

  @Test
  @Order(5)
  void axeFindsNoSeriousOrCriticalViolationOnTheMainPages() throws IOException {
    signOut();
    open("/schools");
    wait(30).until(d -> !d.findElements(By.cssSelector("#results h3 a")).isEmpty());
    String schoolPage = driver.findElement(By.cssSelector("#results h3 a")).getDomAttribute("href");
    // a campaign page: the demo Trash Hack campaign with its summary and coordinators
    open("/campaigns");
    wait(30).until(d -> !d.findElements(By.cssSelector("#main h2 a[href^='/campaigns/']")).isEmpty());
    String campaignPage = driver.findElement(By.cssSelector("#main h2 a[href^='/campaigns/']")).getDomAttribute("href");
    List<String> problems = new ArrayList<>();
    for (String page : List.of("/", "/schools", "/map", schoolPage, "/stats", "/apply", "/signin", "/campaigns", campaignPage, "/certificates")) {
      open(page);
      wait(60).until(d -> d.findElement(By.id("main")).getDomAttribute("data-ready") != null);
      if (page.equals(campaignPage)) {
        String text = driver.findElement(By.id("main")).getText();
        assertTrue(text.contains("Participating schools") && text.contains("Summary"), text);
        assertTrue(text.contains("Who may join") && text.contains("A school joins from its portal"), "who may join is said: " + text);
      }
      if (page.equals("/map")) {
        awaitDrawnMarker();
      }
      for (String v : axeViolations()) {
        problems.add(page + ": " + v);
      }
    }
    assertTrue(problems.isEmpty(), String.join("\n", problems));
  }

  @Test
  @Order(6)
  void thePagesFitAPhoneScreen() {
    Dimension before = driver.manage().window().getSize();
    try {
      driver.manage().window().setSize(new Dimension(375, 800));
      for (String page : List.of("/", "/schools", "/map", "/stats", "/apply")) {
        open(page);
        wait(60).until(d -> d.findElement(By.id("main")).getDomAttribute("data-ready") != null);
        assertNoSidewaysScroll(page + " at phone width (viewport " + ((JavascriptExecutor) driver).executeScript("return innerWidth") + ")");
      }
    } finally {
      driver.manage().window().setSize(before);
    }
  }

  /** An NC decides applications on a phone: each school a card, its buttons on the screen, not beyond its edge. */
  @Test
  @Order(6)
  void theApplicationsToDecideFitAPhoneScreen() throws IOException {
    signIn("nc.fr@demo.aspnet.local");
    Dimension before = driver.manage().window().getSize();
    try {
      driver.manage().window().setSize(new Dimension(375, 800));
      open("/console/nc?tab=applications&country=FR");
      wait(60).until(d -> !d.findElements(By.cssSelector("table.decisions tbody tr button")).isEmpty());
      // the phone's layout is the one measured: each row a card
      assertEquals("block", ((JavascriptExecutor) driver).executeScript(
          "return getComputedStyle(document.querySelector('table.decisions tbody td')).display;"));
      Object beyond = ((JavascriptExecutor) driver).executeScript(
          "const w = document.documentElement.clientWidth;"
              + "return [...document.querySelectorAll('table.decisions button, table.decisions textarea')]"
              + ".filter(e => e.getClientRects().length && e.getBoundingClientRect().right > w + 1)"
              + ".map(e => e.textContent + ' ' + Math.round(e.getBoundingClientRect().right)).slice(0, 5).join(', ');");
      assertEquals("", beyond, "controls beyond a 375 px screen");
      Number overflow = (Number) ((JavascriptExecutor) driver).executeScript(
          "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
      assertTrue(overflow.intValue() <= 1, "the console scrolls sideways by " + overflow + " px");
      List<String> violations = axeViolations();
      assertTrue(violations.isEmpty(), "the cards keep the table readable: " + violations);

      // the comment box is named on the card like the other cells, and "write a comment first" is
      // brought on screen, not left below the buttons beyond the screen's edge
      WebElement row = driver.findElement(By.xpath("//table[contains(@class,'decisions')]/tbody/tr[.//button[starts-with(normalize-space(), 'Reject')]]"));
      Object named = ((JavascriptExecutor) driver).executeScript(
          "return getComputedStyle(arguments[0].querySelector('textarea').closest('td'), '::before').content;", row);
      assertTrue(String.valueOf(named).contains("Comment"), "the comment cell's name: " + named);
      row.findElement(By.xpath(".//button[starts-with(normalize-space(), 'Reject')]")).click();
      WebElement said = wait(30).until(d -> row.findElement(By.cssSelector(".row-message .error")));
      assertEquals("Write a comment first: the school is told why.", said.getText());
      Object onScreen = ((JavascriptExecutor) driver).executeScript(
          "const r = arguments[0].getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight + 1 ? 'yes' : r.top + '-' + r.bottom + ' of ' + innerHeight;", said);
      assertEquals("yes", onScreen, "the message is on screen");
      assertEquals("textarea", driver.switchTo().activeElement().getTagName(), "the box to write in has the focus");
    } finally {
      driver.manage().window().setSize(before);
    }
  }

  @Test
  @Order(7)
  void aPluginAddsAPageAndANavigationEntryAndTakesThemAwayWhenRemoved() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(platform != null, "needs a platform of its own");
    String jar = "org.unesco.aspnet.example.hello.jar";
    platform.deployPlugin(Installation.HELLO_PLUGIN, jar);
    try {
      platform.awaitResponse("/api/v1/ui/pages", Duration.ofSeconds(60), r -> r.body().contains("\"hello\""));
      open("/");
      WebElement entry = wait(30).until(ExpectedConditions.elementToBeClickable(By.cssSelector("#nav a[href='/p/hello']")));
      assertEquals("Hello", entry.getText());
      entry.click();
      wait(30).until(ExpectedConditions.textToBePresentInElementLocated(By.id("hello-message"), "Hello"));
    } finally {
      platform.removePlugin(jar);
    }
    platform.awaitResponse("/api/v1/ui/pages", Duration.ofSeconds(60), r -> !r.body().contains("\"hello\""));
    open("/");
    waitFor(By.cssSelector("#nav a[href='/schools']"));
    assertTrue(driver.findElements(By.cssSelector("#nav a[href='/p/hello']")).isEmpty(), "the entry left with its plugin");
  }

  /** West of UTC, a backdated certification (midnight UTC: "member since" a day) is that day, not the evening before. */
  @Test
  @Order(4)
  void aBackdatedDayIsTheSameDayWestOfUtc() {
    org.openqa.selenium.chromium.ChromiumDriver chromium = (org.openqa.selenium.chromium.ChromiumDriver) driver;
    chromium.executeCdpCommand("Emulation.setTimezoneOverride", java.util.Map.of("timezoneId", "America/Mexico_City"));
    try {
      open("/");
      waitFor(By.cssSelector("#nav a[href='/schools']"));
      Object shown = ((JavascriptExecutor) driver).executeAsyncScript("const done = arguments[arguments.length - 1];"
          + "import(document.querySelector('script[type=module]').src).then(m => done([m.formatDate('2010-03-02T00:00:00Z'), m.formatDate('2010-03-02T00:00:00.123456Z')]));");
      List<?> both = (List<?>) shown;
      assertEquals("Mar 2, 2010", both.get(0), "a backdated day");
      assertTrue(String.valueOf(both.get(1)).startsWith("Mar 1, 2010"), "a real instant keeps its time, in the reader's zone: " + both.get(1));
    } finally {
      chromium.executeCdpCommand("Emulation.setTimezoneOverride", java.util.Map.of("timezoneId", ""));
    }
  }

  /** From My account a person changes their password (the current one first) and signs out everywhere. */
  @Test
  @Order(4)
  void aPersonChangesTheirPasswordAndSignsOutEverywhereFromTheirAccountPage() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(platform != null, "registers an account of its own on its own platform");
    String email = "own.account." + Long.toString(System.currentTimeMillis(), 36) + "@example.org";
    var registered = platform.send("POST", "/api/v1/accounts", "{\"email\":\"" + email + "\",\"name\":\"Nadia Haddad\",\"password\":\""
        + PASSWORD + "-first\",\"language\":\"en\"}", "Content-Type", "application/json");
    assertEquals(201, registered.statusCode(), registered.body());
    signIn(email, PASSWORD + "-first");
    waitFor(By.cssSelector("#account a.who")).click();
    wait(30).until(ExpectedConditions.urlToBe(base + "/account"));
    waitFor(By.cssSelector("input[name=currentPassword]")).sendKeys("not my password at all");
    driver.findElement(By.cssSelector("input[name=password]")).sendKeys(PASSWORD + "-second");
    driver.findElement(By.cssSelector("#main form button[type=submit]")).click();
    wait(30).until(d -> "true".equals(d.findElement(By.cssSelector("input[name=currentPassword]")).getDomAttribute("aria-invalid")));
    assertTrue(text(By.id("main")).contains("is not your current password"), text(By.id("main")));
    assertTrue(axeViolations().isEmpty(), "the account page: " + axeViolations());

    // a second tab of the same browser, open before the change: it shares the session the change renews
    String first = driver.getWindowHandle();
    driver.switchTo().newWindow(org.openqa.selenium.WindowType.TAB);
    String second = driver.getWindowHandle();
    open("/account");
    waitFor(By.cssSelector("section[aria-labelledby=account-tokens] input[name=name]"));
    driver.switchTo().window(first);

    WebElement current = driver.findElement(By.cssSelector("input[name=currentPassword]"));
    current.clear();
    current.sendKeys(PASSWORD + "-first");
    WebElement next = driver.findElement(By.cssSelector("input[name=password]"));
    next.clear();
    next.sendKeys(PASSWORD + "-second");
    driver.findElement(By.cssSelector("#main form button[type=submit]")).click();
    wait(30).until(d -> d.findElement(By.id("main")).getText().contains("Your password is changed"));
    assertEquals("", driver.findElement(By.cssSelector("input[name=password]")).getDomProperty("value"), "the form is emptied");
    assertEquals(401, platform.login(email, PASSWORD + "-first").statusCode(), "the old password is gone");

    // an API token, made in the other tab (its CSRF token went stale with the change: it is asked
    // for again): made with a name, its secret shown once, then revoked
    driver.switchTo().window(second);
    WebElement tokenName = driver.findElement(By.cssSelector("section[aria-labelledby=account-tokens] input[name=name]"));
    tokenName.sendKeys("regional dashboard");
    driver.findElement(By.cssSelector("section[aria-labelledby=account-tokens] form button[type=submit]")).click();
    WebElement secret = wait(30).until(d -> d.findElement(By.cssSelector("section[aria-labelledby=account-tokens] code.link")));
    assertTrue(secret.getText().startsWith("asp_t_"), secret.getText());
    assertEquals(200, platform.get("/api/v1/me", "Authorization", "Bearer " + secret.getText()).statusCode(), "the token works");
    driver.findElement(By.xpath("//section[@aria-labelledby='account-tokens']//li[contains(., 'regional dashboard')]//button")).click();
    wait(30).until(d -> d.findElement(By.cssSelector("section[aria-labelledby=account-tokens]")).getText().contains("is revoked"));
    assertEquals(401, platform.get("/api/v1/me", "Authorization", "Bearer " + secret.getText()).statusCode(), "revoked");
    assertTrue(axeViolations().isEmpty(), "the account page with its tokens: " + axeViolations());
    driver.close();
    driver.switchTo().window(first);

    // the platform's email to this person: in French, without membership notices
    new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("pref-language"))).selectByValue("fr");
    WebElement notices = driver.findElement(By.id("pref-notices"));
    assertTrue(notices.isSelected(), "membership notices are on until the person says otherwise");
    notices.click();
    driver.findElement(By.id("pref-submit")).click();
    wait(30).until(d -> d.findElement(By.cssSelector("#preferences-form .notice")).getText().contains("Saved"));
    String session = new com.fasterxml.jackson.databind.ObjectMapper().readTree(platform.login(email, PASSWORD + "-second").body())
        .path("token").asText();
    var saved = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
        platform.get("/api/v1/me/preferences", "Authorization", "Bearer " + session).body());
    assertEquals("fr", saved.path("language").asText(), saved.toString());
    assertFalse(saved.path("membershipNotices").asBoolean(), saved.toString());

    driver.findElement(By.id("signout-everywhere")).click();
    wait(30).until(ExpectedConditions.urlToBe(base + "/signin"));
    waitFor(By.id("signin-link"));
    assertTrue(text(By.id("signin-form")).contains("Every session of your account has ended"), text(By.id("signin-form")));
    open("/account");
    wait(30).until(d -> d.findElement(By.id("main")).getText().contains("Sign in"));
    signIn(email, PASSWORD + "-second");
  }

  /** A campaign coordinator's work is their campaign's reports: they land there, and the menu leads back to it. */
  @Test
  @Order(4)
  void aCampaignCoordinatorLandsOnTheirCampaignsModerationQueue() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(platform != null, "needs HQ's API of its own platform to invite one");
    var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
    String hq = mapper.readTree(platform.login("hq@demo.aspnet.local", PASSWORD).body()).path("token").asText();
    long campaign = -1;
    for (var c : mapper.readTree(platform.get("/api/v1/campaigns?limit=100", "Authorization", "Bearer " + hq).body()).path("items")) {
      if ("trash-hack".equals(c.path("module").asText())) {
        campaign = c.path("id").asLong();
      }
    }
    assertTrue(campaign > 0, "the demo has a Trash Hack campaign");
    String email = "coordinator." + Long.toString(System.currentTimeMillis(), 36) + "@example.org";
    newAccount(hq, email, "\"role\":\"CAMPAIGN_COORDINATOR\",\"campaign\":\"" + campaign + "\"", "Campaign Coordinator", PASSWORD + "-coordinator");

    signIn(email, PASSWORD + "-coordinator");
    wait(30).until(ExpectedConditions.urlToBe(base + "/campaigns/" + campaign + "/moderation"));
    waitFor(By.id("moderation-list"));
    WebElement entry = waitFor(By.linkText("Moderation"));
    assertEquals("/campaigns/" + campaign + "/moderation", entry.getDomAttribute("href"));
  }

  @Test
  @Order(8)
  void aSchoolSeesItsReportPendingAModeratorRejectsItWithACommentAndTheSchoolReadsWhy() throws IOException {
    String stamp = Long.toString(System.currentTimeMillis(), 36);
    String activity = "We sorted the canteen's waste " + stamp + ".";
    String why = "Please add a photo of the sorted bags (" + stamp + ").";
    // a demo focal point of a French member school that takes part in Trash Hack (the demo is seeded)
    String focalPoint = "school.7@demo.aspnet.local";
    By trashHack = By.xpath("//details[summary[normalize-space()='Projects and campaigns']]"
        + "//div[h4/a[starts-with(normalize-space(), 'Trash Hack')]]");
    By yourReports = By.xpath("//details[summary[normalize-space()='Projects and campaigns']]"
        + "//div[h4/a[starts-with(normalize-space(), 'Trash Hack')]]//section[h5[normalize-space()='Your reports']]");
    By ourReport = By.xpath("//section[h5[normalize-space()='Your reports']]//li[contains(., '" + stamp + "')]");

    // the school reports an activity; "Your reports" shows it first, pending
    signIn(focalPoint);
    openTrashHackInThePortal(trashHack);
    String campaignPage = driver.findElement(trashHack).findElement(By.cssSelector("h4 a")).getDomAttribute("href");
    assertTrue(driver.findElement(trashHack).getText().contains("Your school takes part."), driver.findElement(trashHack).getText());
    WebElement report = driver.findElement(trashHack).findElement(By.xpath(".//details[summary[normalize-space()='Report an activity']]"));
    report.findElement(By.tagName("summary")).click();
    WebElement form = wait(30).until(d -> d.findElement(trashHack).findElements(By.cssSelector("details form select[name='metrics.waste.0.unit']"))
        .isEmpty() ? null : d.findElement(trashHack).findElement(By.cssSelector("details form")));
    form.findElement(By.name("text")).sendKeys(activity);
    new Select(form.findElement(By.name("metrics.waste.0.type"))).selectByValue("PAPER");
    new Select(form.findElement(By.name("metrics.waste.0.unit"))).selectByValue("kg");
    // a count with a comma, and "1,000" on an English page: said on their boxes, nothing sent (a
    // number box sent 215 for "21,5", and "1,000" was read as 1)
    form.findElement(By.name("pupils")).sendKeys("21,5");
    form.findElement(By.name("teachers")).sendKeys("2");
    form.findElement(By.name("metrics.waste.0.mass")).sendKeys("1,000");
    form.findElement(By.cssSelector("button[type=submit]")).click();
    wait(10).until(d -> "true".equals(form.findElement(By.name("pupils")).getDomAttribute("aria-invalid")));
    assertEquals("true", form.findElement(By.name("metrics.waste.0.mass")).getDomAttribute("aria-invalid"));
    assertTrue(form.getText().contains("is not a number") && form.getText().contains("could be a thousand or a decimal"), form.getText());
    form.findElement(By.name("pupils")).clear();
    form.findElement(By.name("pupils")).sendKeys("21");
    form.findElement(By.name("metrics.waste.0.mass")).clear();
    // with a decimal comma, as a French teacher writes it: 7.5 kg, not the 75 a number box would send
    form.findElement(By.name("metrics.waste.0.mass")).sendKeys("7,5");
    new Select(form.findElement(By.name("metrics.waste.0.unit"))).selectByValue("kg");
    form.findElement(By.cssSelector("button[type=submit]")).click();
    wait(30).until(d -> !form.findElements(By.cssSelector(".notice, .error")).isEmpty());
    assertTrue(form.findElements(By.cssSelector(".error")).isEmpty(), "the activity was refused: " + form.getText());
    WebElement first = wait(30).until(d -> d.findElement(yourReports).findElements(By.cssSelector("ul.reports > li")).stream().findFirst().orElse(null));
    assertTrue(first.getText().contains(activity) && first.getText().contains("Status: Pending"), "newest first, pending: " + first.getText());
    // as the server has it, after a reload too
    openTrashHackInThePortal(trashHack);
    WebElement listed = wait(30).until(ExpectedConditions.presenceOfElementLocated(ourReport));
    assertEquals("PENDING", listed.getDomAttribute("data-status"), listed.getText());
    assertTrue(listed.getText().contains("Status: Pending") && !listed.getText().contains("Moderator"), listed.getText());

    // France's National Coordinator opens the campaign's moderation queue from the campaign page
    signIn("nc.fr@demo.aspnet.local");
    open(campaignPage);
    waitFor(By.linkText("Reports to moderate")).click();
    wait(30).until(ExpectedConditions.urlContains("/moderation"));
    By item = By.xpath("//ul[@id='moderation-list']/li[.//p[contains(@class,'submission-text')][contains(., '" + stamp + "')]]");
    WebElement pending = wait(60).until(ExpectedConditions.presenceOfElementLocated(item));
    String shown = pending.getText();
    // the school linked, its country, the phase by its label, the figures and the metrics in words
    assertTrue(shown.contains("France") && shown.contains("Pending") && shown.contains("21") && shown.contains("Waste collected")
        && shown.contains("Type of waste: Paper and cardboard, Mass: 7.5, Unit: kg"), shown);
    assertFalse(pending.findElements(By.cssSelector("h2 a[href^='/schools/']")).isEmpty(), "the school is linked: " + shown);
    assertTrue(axeViolations().isEmpty(), "the moderation queue: " + axeViolations());
    String sid = pending.getDomAttribute("data-submission");

    // someone else approves it meanwhile (the page's own session, behind its back): the page says so and shows it as it is now
    Object meanwhile = ((JavascriptExecutor) driver).executeAsyncScript(
        "const done = arguments[arguments.length - 1];"
            + "import(document.querySelector('script[type=module]').src).then(m => m.api('POST', arguments[0] + '/submissions/' + arguments[1] + '/decision', {decision: 'APPROVED'}))"
            + ".then(s => done(s.status)).catch(e => done('failed: ' + e));",
        "/api/v1" + campaignPage, sid);
    assertEquals("APPROVED", meanwhile);
    pending.findElement(By.name("comment")).sendKeys(why);
    pending.findElement(By.cssSelector("button[data-action=reject]")).click();
    wait(30).until(d -> d.findElement(item).getText().contains("changed in the meantime"));
    WebElement again = driver.findElement(item);
    assertEquals("APPROVED", again.findElement(By.className("submission-status")).getDomAttribute("data-status"), again.getText());
    assertTrue(again.getText().contains("it is now Approved"), again.getText());

    // a rejection needs a comment: asked for on the box, nothing sent
    again.findElement(By.cssSelector("button[data-action=reject]")).click();
    wait(30).until(d -> d.findElement(item).getText().contains("Write a comment first"));
    WebElement comment = driver.findElement(item).findElement(By.name("comment"));
    assertEquals("true", comment.getDomAttribute("aria-invalid"));
    assertEquals(comment, driver.switchTo().activeElement(), "the focus is on the comment box");
    comment.sendKeys(why);
    driver.findElement(item).findElement(By.cssSelector("button[data-action=reject]")).click();
    // decided: it leaves the list of pending ones, which says so; it is found among the rejected ones, with the comment
    // (the "Write a comment first" of the try before stays until the answer comes)
    wait(30).until(d -> d.findElements(item).isEmpty() || d.findElement(item).findElements(By.cssSelector(".row-message .error")).stream()
        .anyMatch(e -> !e.getText().contains("Write a comment first")));
    assertTrue(driver.findElements(item).isEmpty(), () -> "still listed: " + text(item));
    wait(10).until(ExpectedConditions.textToBePresentInElementLocated(By.id("announce"), "Rejected"));
    // the filters show the rejected ones of France within the app, as the directory's do (no reload)
    ((JavascriptExecutor) driver).executeScript("window.aspnetNotReloaded = true;");
    new Select(driver.findElement(By.cssSelector("form.filters select[name=status]"))).selectByValue("REJECTED");
    new Select(driver.findElement(By.cssSelector("form.filters select[name=country]"))).selectByValue("FR");
    driver.findElement(By.cssSelector("form.filters button[type=submit]")).click();
    wait(30).until(ExpectedConditions.urlContains("status=REJECTED"));
    WebElement rejected = wait(60).until(ExpectedConditions.presenceOfElementLocated(item));
    assertTrue(driver.getCurrentUrl().contains("country=FR"), driver.getCurrentUrl());
    assertEquals(Boolean.TRUE, ((JavascriptExecutor) driver).executeScript("return window.aspnetNotReloaded === true;"), "the app was loaded again");
    assertTrue(rejected.getText().contains("Rejected") && rejected.getText().contains(why), rejected.getText());
    open(campaignPage + "/moderation");
    wait(60).until(d -> d.findElement(By.id("main")).getDomAttribute("data-ready") != null && !d.findElements(By.id("moderation-list")).isEmpty());
    assertTrue(driver.findElements(item).isEmpty(), "a decided report is no longer pending");

    // the school reads that it was rejected, and why
    signIn(focalPoint);
    openTrashHackInThePortal(trashHack);
    WebElement ours = wait(30).until(ExpectedConditions.presenceOfElementLocated(ourReport));
    assertEquals("REJECTED", ours.getDomAttribute("data-status"), ours.getText());
    assertTrue(ours.getText().contains("Status: Rejected") && ours.getText().contains(why), ours.getText());

    // and withdraws it: asked once more in the page ("Keep it" changes nothing), then it is gone, after a reload too
    ours.findElement(By.xpath(".//button[normalize-space()='Withdraw']")).click();
    WebElement keep = wait(10).until(d -> d.findElement(ourReport).findElement(By.xpath(".//button[normalize-space()='Keep it']")));
    // the safe answer has the focus: Enter pressed twice does not delete the report
    assertEquals("Keep it", driver.switchTo().activeElement().getText(), "the focus is on the safe answer");
    keep.click();
    wait(10).until(d -> d.findElement(ourReport).findElement(By.xpath(".//button[normalize-space()='Withdraw']")).equals(d.switchTo().activeElement()));
    driver.findElement(ourReport).findElement(By.xpath(".//button[normalize-space()='Withdraw']")).click();
    wait(10).until(d -> d.findElement(ourReport).findElement(By.xpath(".//button[normalize-space()='Yes, withdraw']"))).click();
    wait(30).until(d -> d.findElements(ourReport).isEmpty());
    wait(10).until(ExpectedConditions.textToBePresentInElementLocated(By.id("announce"), "Report withdrawn."));
    openTrashHackInThePortal(trashHack);
    assertTrue(driver.findElements(ourReport).isEmpty(), "withdrawn, it is not listed again: " + driver.findElement(yourReports).getText());
  }

  @Test
  @Order(9)
  void aModeratorApprovesFromTheQueueWhichThenLeavesItAndFitsAPhoneScreen() {
    // the newest pending report (the demo leaves some for the coordinators; an earlier test sent one)
    signIn("hq@demo.aspnet.local");
    open("/campaigns");
    wait(30).until(d -> !d.findElements(By.cssSelector("#main h2 a[href^='/campaigns/']")).isEmpty());
    String campaignPage = driver.findElement(By.partialLinkText("Trash Hack")).getDomAttribute("href");
    open(campaignPage + "/moderation?status=PENDING");
    wait(60).until(d -> d.findElement(By.id("main")).getDomAttribute("data-ready") != null);
    List<WebElement> items = driver.findElements(By.cssSelector("#moderation-list > li"));
    // the demo leaves about one report in five pending (a fixed seed): none means the queue drew nothing
    assertFalse(items.isEmpty(), "no pending report in the queue: " + text(By.id("main")));
    String count = text(By.cssSelector("#main p.meta[role=status]"));
    WebElement first = items.get(0);
    String sid = first.getDomAttribute("data-submission");
    first.findElement(By.cssSelector("button[data-action=approve]")).click();
    wait(30).until(d -> d.findElements(By.cssSelector("#moderation-list > li[data-submission='" + sid + "']")).isEmpty()
        || !d.findElement(By.cssSelector("#moderation-list > li[data-submission='" + sid + "']")).findElements(By.className("error")).isEmpty());
    assertTrue(driver.findElements(By.cssSelector("#moderation-list > li[data-submission='" + sid + "']")).isEmpty(), text(By.id("moderation-list")));
    // the count follows, and the focus is on the next report (or the page), not lost
    assertFalse(count.equals(text(By.cssSelector("#main p.meta[role=status]"))), "the count did not change: " + count);
    WebElement focused = driver.switchTo().activeElement();
    assertFalse("body".equals(focused.getTagName()), "the focus was lost");
    // at phone width the queue does not scroll sideways
    Dimension before = driver.manage().window().getSize();
    try {
      driver.manage().window().setSize(new Dimension(375, 800));
      Number overflow = (Number) ((JavascriptExecutor) driver).executeScript(
          "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
      assertTrue(overflow.intValue() <= 1, "the moderation queue scrolls sideways by " + overflow + " px at phone width");
    } finally {
      driver.manage().window().setSize(before);
    }
  }

  /** Back from a school found after "Show more" returns to it: every school shown before, and the place in the list. */
  @Test
  @Order(12)
  void backFromASchoolFoundAfterShowMoreReturnsToTheSamePlaceInTheList() {
    signOut();
    open("/schools");
    By cards = By.cssSelector("#results > li");
    wait(30).until(d -> d.findElements(cards).size() == 24);
    for (int shown : new int[] {48, 72}) {
      driver.findElement(By.xpath("//button[normalize-space()='Show more']")).click();
      wait(30).until(d -> d.findElements(cards).size() == shown);
    }
    WebElement far = driver.findElements(cards).get(60).findElement(By.cssSelector("h3 a"));
    String name = far.getText();
    ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", far);
    long scrolled = ((Number) ((JavascriptExecutor) driver).executeScript("return window.scrollY")).longValue();
    assertTrue(scrolled > 500, "the 61st school is far down: " + scrolled);
    far.click();
    wait(30).until(ExpectedConditions.textToBe(By.tagName("h1"), name));
    driver.navigate().back();
    wait(30).until(d -> d.findElements(cards).size() == 72);
    wait(10).until(d -> Math.abs(((Number) ((JavascriptExecutor) d).executeScript("return window.scrollY")).longValue() - scrolled) < 50);
  }

  /**
   * A session ended elsewhere (another tab signed out; the same for one expired or revoked): the
   * console's next tab says so and offers to sign in, instead of showing the public's lists as the
   * coordinator's own ("Nothing to review").
   */
  @Test
  @Order(11)
  void aConsoleWhoseSessionEndedElsewhereSaysSoInsteadOfShowingThePublicsLists() {
    signIn("nc.fr@demo.aspnet.local");
    open("/console/nc?tab=directory");
    wait(30).until(ExpectedConditions.textToBePresentInElementLocated(By.id("main"), "shown"));
    Object status = ((JavascriptExecutor) driver).executeAsyncScript("const done = arguments[arguments.length - 1];"
        + "fetch('/api/v1/me').then(r => r.json()).then(me => fetch('/api/v1/auth/logout', {method: 'POST', headers: {'X-CSRF-Token': me.csrfToken}}))"
        + ".then(r => done(r.status));");
    assertEquals(204L, status, "signed out as from another tab");
    driver.findElement(By.cssSelector("#main .tabs a[href*='tab=applications']")).click();
    wait(30).until(ExpectedConditions.textToBePresentInElementLocated(By.id("main"), "Your session has ended"));
    assertFalse(text(By.id("main")).contains("Nothing to review"), text(By.id("main")));
    waitFor(By.id("signin-link"));
    WebElement again = driver.findElement(By.cssSelector("#main a[href^='/signin?next=']"));
    assertTrue(again.getDomAttribute("href").contains("console"), again.getDomAttribute("href"));
  }

  /**
   * A sign-in goes on to the page its link came from, on this site only: a `next` that a browser
   * reads as another site ('/<tab>/host') leads to the person's own page, not back to the form.
   */
  @Test
  void aSignInGoesOnToThePageItCameFromOnThisSiteOnly() {
    for (String[] next : new String[][] {{"/schools%3Fcountry%3DFR", "/schools?country=FR"}, {"/%09/evil.example/x", "/console/nc"}}) {
      signOut();
      open("/signin?next=" + next[0]);
      waitFor(By.id("signin-email")).sendKeys("nc.fr@demo.aspnet.local");
      driver.findElement(By.id("signin-password")).sendKeys(PASSWORD);
      driver.findElement(By.id("signin-submit")).click();
      wait(30).until(d -> !d.getCurrentUrl().contains("/signin"));
      assertTrue(driver.getCurrentUrl().startsWith(base + next[1]), next[0] + " led to " + driver.getCurrentUrl());
      waitFor(By.id("signout"));
    }
  }

  /**
   * A National Coordinator takes away the role of a teacher who left a school: found by email in the
   * People tab, asked once more in words, gone from the list and from the API, and named in the
   * audit log.
   */
  @Test
  void aNationalCoordinatorTakesAwayTheRoleOfATeacherWhoLeft() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(platform != null, "needs the API of its own platform to invite one");
    var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
    String nc = mapper.readTree(platform.login("nc.fr@demo.aspnet.local", PASSWORD).body()).path("token").asText();
    String school = mapper.readTree(platform.get("/api/v1/schools?country=FR&status=MEMBER&limit=1", "Authorization", "Bearer " + nc).body())
        .path("items").get(0).path("id").asText();
    String email = "leaving." + Long.toString(System.currentTimeMillis(), 36) + "@example.org";
    newAccount(nc, email, "\"role\":\"SCHOOL_STAFF\",\"school\":\"" + school + "\"", "Camille Martin", PASSWORD + "-leaving");

    signIn("nc.fr@demo.aspnet.local");
    open("/console/nc?tab=people&country=FR&q=" + email);
    By row = By.cssSelector("#people-table tr[data-role=SCHOOL_STAFF]");
    waitFor(row);
    assertTrue(text(row).contains("Camille Martin") && text(row).contains(email), text(row));
    driver.findElement(row).findElement(By.cssSelector("button[data-action=revoke]")).click();
    String asked = waitFor(By.cssSelector("#people-table [data-ask]")).getText();
    assertTrue(asked.startsWith("Take away Camille Martin's role as school staff of "), asked);
    assertEquals(driver.switchTo().activeElement(), driver.findElement(By.cssSelector("button[data-keep-it]")), "Keep the role is focused");
    driver.findElement(By.cssSelector("button[data-confirm=revoke]")).click();
    wait(30).until(ExpectedConditions.textToBePresentInElementLocated(By.id("people-result"), "Camille Martin's role has been taken away"));
    assertTrue(driver.findElements(row).isEmpty(), "the row is gone");
    assertEquals(0, mapper.readTree(platform.get("/api/v1/roles?q=" + email, "Authorization", "Bearer " + nc).body()).path("items").size());

    open("/console/nc?tab=audit&country=FR");
    wait(30).until(ExpectedConditions.textToBePresentInElementLocated(By.id("main"), "Role taken away"));
    assertTrue(text(By.id("main")).contains(email), "the account by its email");
  }

  /**
   * A National Coordinator disables the account of a teacher who left, from the People tab: the
   * reason is asked for in the row (its box focused, an empty one said beside it), the row is then
   * marked with the reason; the teacher's right password is answered with the disabled message on
   * the sign-in page; the audit log names it with the reason; inviting its address is refused in
   * the invitation form (the 409's detail, focused); enabled again (*Keep it disabled* focused
   * first), the teacher signs in. HQ then reads when: "Last signed in …" in the People tab's row,
   * the Accounts tab's column (*Never* for a colleague who never signed in), and *Not signed in
   * since* (kept in the address) lists both from tomorrow, the colleague only from the teacher's
   * day; axe finds nothing serious there.
   */
  @Test
  void aNationalCoordinatorDisablesTheAccountOfATeacherWhoLeftAndEnablesItAgain() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(platform != null, "needs the API of its own platform to invite one");
    var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
    String nc = mapper.readTree(platform.login("nc.fr@demo.aspnet.local", PASSWORD).body()).path("token").asText();
    String school = mapper.readTree(platform.get("/api/v1/schools?country=FR&status=MEMBER&limit=1", "Authorization", "Bearer " + nc).body())
        .path("items").get(0).path("id").asText();
    String stamp = Long.toString(System.currentTimeMillis(), 36);
    String email = "disabled." + stamp + "@example.org";
    String password = PASSWORD + "-disabled";
    newAccount(nc, email, "\"role\":\"SCHOOL_STAFF\",\"school\":\"" + school + "\"", "Lucie Bernard", password);
    // a colleague who never signs in (accepting an invitation opens no session)
    String unused = "unused." + stamp + "@example.org";
    newAccount(nc, unused, "\"role\":\"SCHOOL_STAFF\",\"school\":\"" + school + "\"", "Marc Petit", PASSWORD + "-unused");

    signIn("nc.fr@demo.aspnet.local");
    open("/console/nc?tab=people&country=FR&q=" + email);
    By row = By.cssSelector("#people-table tr[data-role=SCHOOL_STAFF]");
    waitFor(row);
    assertFalse(text(row).contains("Account disabled"), text(row));
    assertFalse(text(row).contains("Last signed in"), "never signed in: nothing said, " + text(row));
    String account = driver.findElement(row).getDomAttribute("data-account-id");
    driver.findElement(row).findElement(By.cssSelector("button[data-action=disable]")).click();
    WebElement reason = waitFor(By.cssSelector("#people-table [data-disable-form] input[name=reason]"));
    assertEquals(reason, driver.switchTo().activeElement(), "the reason's box is focused");
    String asked = text(By.cssSelector("#people-table [data-disable-form] [data-ask]"));
    assertTrue(asked.startsWith("Disable Lucie Bernard's account? They can no longer sign in"), asked);
    driver.findElement(By.cssSelector("button[data-confirm=disable]")).click();
    wait(10).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#people-table [data-disable-form] .field-error"),
        "Write why the account is disabled"));
    assertEquals("true", reason.getDomAttribute("aria-invalid"), "the empty reason is marked on its box");
    reason.sendKeys("Left the school in June");
    driver.findElement(By.cssSelector("button[data-confirm=disable]")).click();
    wait(30).until(ExpectedConditions.textToBePresentInElementLocated(By.id("people-" + driver.findElement(row).getDomAttribute("data-role-id")
        + "-account-message"), "Lucie Bernard's account is disabled"));
    assertEquals("true", driver.findElement(row).getDomAttribute("data-disabled"));
    assertTrue(text(row).contains("Account disabled") && text(row).contains("Left the school in June"), text(row));
    assertEquals(driver.switchTo().activeElement(), driver.findElement(row).findElement(By.cssSelector(".account-switch .row-message")),
        "what happened takes the focus");
    var stored = mapper.readTree(platform.get("/api/v1/accounts/" + account, "Authorization", "Bearer " + nc).body());
    assertTrue(stored.path("disabled").asBoolean() && stored.path("disabledReason").asText().equals("Left the school in June"), stored.toString());

    signOut();
    open("/signin");
    waitFor(By.id("signin-email")).sendKeys(email);
    driver.findElement(By.id("signin-password")).sendKeys(password);
    driver.findElement(By.id("signin-submit")).click();
    wait(30).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#signin-form .error"),
        "This account is disabled: ask your National Coordinator or UNESCO HQ"));
    assertTrue(driver.getCurrentUrl().contains("/signin") && driver.findElements(By.id("signout")).isEmpty(), driver.getCurrentUrl());

    signIn("nc.fr@demo.aspnet.local");
    open("/console/nc?tab=audit&country=FR&action=account.disable");
    wait(30).until(ExpectedConditions.textToBePresentInElementLocated(By.id("main"), "Account disabled"));
    wait(30).until(ExpectedConditions.textToBePresentInElementLocated(By.id("main"), email));
    assertTrue(text(By.id("main")).contains("Reason: “Left the school in June”"), text(By.id("main")));

    // inviting the disabled account's address again: refused at once, the 409's detail said in the form and focused
    open("/console/nc?tab=invitations&country=FR");
    WebElement invite = wait(30).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#main form:not(#reset-form)")));
    invite.findElement(By.name("email")).sendKeys(email);
    new Select(invite.findElement(By.name("role"))).selectByValue("SCHOOL_STAFF");
    invite.findElement(By.name("school")).sendKeys("#" + school);
    invite.findElement(By.cssSelector("button[type=submit]")).click();
    By inviteStatus = By.cssSelector("#main form:not(#reset-form) .form-status");
    wait(30).until(ExpectedConditions.textToBePresentInElementLocated(inviteStatus, "This address belongs to a disabled account: enable it first"));
    assertTrue(text(inviteStatus).startsWith("This conflicts with the current state."), text(inviteStatus));
    assertEquals(driver.findElement(inviteStatus), driver.switchTo().activeElement(), "the refusal takes the focus");

    open("/console/nc?tab=people&country=FR&q=" + email);
    waitFor(row).findElement(By.cssSelector("button[data-action=enable]")).click();
    waitFor(By.cssSelector("#people-table button[data-confirm=enable]"));
    assertEquals(driver.findElement(By.cssSelector("button[data-keep-disabled]")), driver.switchTo().activeElement(), "Keep it disabled is focused");
    driver.findElement(By.cssSelector("button[data-confirm=enable]")).click();
    wait(30).until(ExpectedConditions.textToBePresentInElementLocated(row, "Lucie Bernard's account is enabled again"));
    assertEquals("false", driver.findElement(row).getDomAttribute("data-disabled"));
    assertFalse(text(row).contains("Account disabled"), text(row));
    signIn(email, password);

    // HQ reads when she last signed in, as the page's language writes it in the reader's zone
    signIn("hq@demo.aspnet.local");
    String at = String.valueOf(apiGet("/api/v1/accounts/" + account).get("lastSignedInAt"));
    String shown = (String) ((JavascriptExecutor) driver).executeScript("return new Intl.DateTimeFormat(document.documentElement.lang,"
        + " {dateStyle: 'medium', timeStyle: 'short'}).format(new Date(arguments[0]));", at);
    open("/console/hq?tab=people&q=" + email);
    By lastIn = By.cssSelector("#people-table tr[data-account-id='" + account + "'] [data-last-signed-in]");
    assertEquals("Last signed in " + shown, waitFor(lastIn).getText());
    assertEquals(at, driver.findElement(lastIn).findElement(By.tagName("time")).getDomAttribute("datetime"));

    // the Accounts tab: a column, "Never" for the colleague
    open("/console/hq?tab=accounts&q=" + stamp);
    By accountRows = By.cssSelector("#accounts-table tbody tr");
    wait(30).until(d -> d.findElements(accountRows).size() == 2);
    List<String> headers = driver.findElements(By.cssSelector("#accounts-table thead th")).stream().map(WebElement::getText).toList();
    assertTrue(headers.contains("Last signed in"), headers.toString());
    By lucieSignedIn = By.cssSelector("#accounts-table tr[data-account-id='" + account + "'] td[data-last-signed-in]");
    assertEquals(shown, text(lucieSignedIn));
    assertEquals(at, driver.findElement(lucieSignedIn).findElement(By.tagName("time")).getDomAttribute("datetime"));
    WebElement marc = driver.findElements(accountRows).stream().filter(r -> r.getText().contains(unused)).findFirst().orElseThrow();
    assertEquals("Never", marc.findElement(By.cssSelector("td[data-last-signed-in]")).getText());

    // not signed in since tomorrow: both, the day kept in the address and in its box, the focus on the count
    String tomorrow = java.time.LocalDate.now().plusDays(1).toString();
    setValue(driver.findElement(By.id("accounts-not-signed-in-since")), tomorrow);
    driver.findElement(By.id("accounts-search")).click();
    wait(30).until(ExpectedConditions.urlContains("notSignedInSince=" + tomorrow));
    assertTrue(driver.getCurrentUrl().contains("q=" + stamp), driver.getCurrentUrl());
    wait(30).until(d -> "accounts-count".equals(d.switchTo().activeElement().getDomAttribute("id"))
        && "2 accounts shown.".equals(d.switchTo().activeElement().getText()));
    assertEquals(tomorrow, driver.findElement(By.id("accounts-not-signed-in-since")).getDomProperty("value"));
    assertTrue(axeViolations().isEmpty(), "the accounts tab filtered by the last sign-in: " + axeViolations());
    // from the day she signed in (the reader's day): the colleague only
    String herDay = (String) ((JavascriptExecutor) driver).executeScript("const d = new Date(arguments[0]);"
        + " return d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0') + '-' + String(d.getDate()).padStart(2, '0');", at);
    setValue(driver.findElement(By.id("accounts-not-signed-in-since")), herDay);
    driver.findElement(By.id("accounts-search")).click();
    wait(30).until(ExpectedConditions.urlContains("notSignedInSince=" + herDay));
    wait(30).until(d -> "accounts-count".equals(d.switchTo().activeElement().getDomAttribute("id"))
        && "1 account shown.".equals(d.switchTo().activeElement().getText()));
    assertTrue(text(accountRows).contains(unused) && text(accountRows).contains("Never"), text(accountRows));
  }

  /**
   * A National Coordinator sends France's news to another system from the console's Webhooks tab:
   * an http:// address is refused beside its box (what was typed stays); an https:// one makes the
   * webhook, whose secret is shown once in a box that takes the focus (not again when the tab is
   * opened again); the list names its country and events in words; a test is queued and its delivery
   * shows with its state in words; removing it is asked once more (*Keep it* focused); the audit log
   * names both with the address.
   */
  @Test
  void aNationalCoordinatorSendsTheCountrysNewsToAnotherSystemByAWebhookAndRemovesIt() {
    signIn("nc.fr@demo.aspnet.local");
    open("/console/nc?tab=webhooks&country=FR");
    WebElement url = waitFor(By.id("webhook-url"));
    assertTrue(driver.findElements(By.cssSelector("#webhook-events input[type=checkbox]:not(:checked)")).isEmpty(), "both events are ticked");
    url.sendKeys("http://hooks.example.org/aspnet");
    driver.findElement(By.id("webhook-description")).sendKeys("Ministry of Education");
    driver.findElement(By.id("webhook-submit")).click();
    wait(30).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#webhook-form .field-error"), "https://"));
    assertEquals("true", url.getDomAttribute("aria-invalid"), "the address is marked");
    assertEquals("http://hooks.example.org/aspnet", url.getDomProperty("value"), "what was typed stays");

    // a public address that needs no DNS (example.com's): a delivery there may wait or fail, as the list then says
    String address = "https://93.184.215.14/aspnet-" + Long.toString(System.currentTimeMillis(), 36);
    url.clear();
    url.sendKeys(address);
    driver.findElement(By.id("webhook-submit")).click();
    String secret = waitFor(By.id("webhook-secret")).getText();
    assertTrue(secret.startsWith("whsec_"), secret);
    assertTrue(text(By.id("webhook-made")).contains("It will not be shown again"), text(By.id("webhook-made")));
    assertEquals(driver.findElement(By.id("webhook-made")), driver.switchTo().activeElement(), "the secret's box takes the focus");
    assertTrue(driver.findElements(By.cssSelector("#webhook-form .field-error")).isEmpty(), "the refusal's message is gone");
    By card = By.xpath("//ul[@id='webhooks-list']/li[h3[normalize-space()='" + address + "']]");
    String shown = text(card);
    assertTrue(shown.contains("France") && shown.contains("Membership status changes") && shown.contains("Schools moved or renamed")
        && shown.contains("Ministry of Education") && !shown.contains(secret), shown);

    driver.findElement(card).findElement(By.cssSelector("button[data-action=ping]")).click();
    wait(30).until(ExpectedConditions.textToBePresentInElementLocated(card, "A test is queued"));
    By delivery = By.xpath("//ul[@id='webhooks-list']/li[h3[normalize-space()='" + address + "']]//table//tr[@data-delivery-id]");
    String line = wait(30).until(d -> {
      String now = text(delivery);
      return now.contains("Test") && List.of("Waiting to be sent", "Not taken yet", "Delivered at", "Given up at").stream().anyMatch(now::contains)
          ? now : null;
    });
    assertTrue(line.contains("Test"), line);

    open("/console/nc?tab=webhooks&country=FR");
    waitFor(card);
    assertFalse(driver.getPageSource().contains(secret), "the secret is shown once");
    driver.findElement(card).findElement(By.cssSelector("button[data-action=remove]")).click();
    String asked = text(By.cssSelector("#webhooks-list [data-ask]"));
    assertTrue(asked.startsWith("Remove the webhook to " + address + "?"), asked);
    assertEquals(driver.findElement(card).findElement(By.cssSelector("button[data-keep-it]")), driver.switchTo().activeElement(), "Keep it is focused");
    driver.findElement(card).findElement(By.cssSelector("button[data-confirm=remove]")).click();
    wait(30).until(ExpectedConditions.textToBePresentInElementLocated(By.id("webhooks-result"), "The webhook to " + address + " has been removed."));
    assertTrue(driver.findElements(card).isEmpty(), "its card is gone");
    assertEquals(driver.findElement(By.id("webhooks-result")), driver.switchTo().activeElement(), "what happened takes the focus");
    assertFalse(String.valueOf(apiGet("/api/v1/webhooks").get("items")).contains(address), "removed from the platform");

    open("/console/nc?tab=audit&country=FR&entity=webhook");
    wait(30).until(ExpectedConditions.textToBePresentInElementLocated(By.id("main"), "Webhook removed"));
    String audit = text(By.id("main"));
    assertTrue(audit.contains("Webhook made") && audit.contains(address), audit);
  }

  @Test
  void aDecisionOnASchoolDecidedMeanwhileSaysWhereItIsNowInWords() {
    signIn("hq@demo.aspnet.local");
    open("/console/hq?tab=queue");
    WebElement row = wait(60).until(d -> d.findElements(By.cssSelector("tr[data-school]")).stream()
        .filter(r -> !r.findElements(By.cssSelector("button[data-action=certify]")).isEmpty()).findFirst().orElse(null));
    String school = row.getDomAttribute("data-school");
    Object membership = apiGet("/api/v1/schools/" + school).get("membershipId");
    // another window certifies it meanwhile
    Object status = ((JavascriptExecutor) driver).executeAsyncScript("const done = arguments[arguments.length - 1];"
        + "const path = '/api/v1/memberships/' + arguments[0];"
        + "import(document.querySelector('script[type=module]').src).then(async m => {"
        + "  let now = await m.api('GET', path);"
        + "  for (const to of now.status === 'RECOMMENDED' ? ['UNDER_HQ_REVIEW', 'MEMBER'] : ['MEMBER']) {"
        + "    now = await m.api('GET', path);"
        + "    await m.api('POST', path + '/transitions', {to}, {'If-Match': now._etag});"
        + "  }"
        + "  done((await m.api('GET', path)).status);"
        + "}).catch(e => done('failed: ' + e));", membership);
    assertEquals("MEMBER", status);
    By here = By.cssSelector("tr[data-school='" + school + "']");
    driver.findElement(here).findElement(By.cssSelector("button[data-action=certify]")).click();
    wait(30).until(d -> d.findElement(here).findElement(By.className("row-message")).getText().contains("in the meantime"));
    String said = driver.findElement(here).findElement(By.className("row-message")).getText();
    assertTrue(said.contains("it is now Member"), said);
    assertFalse(said.contains("(MEMBER)") || said.contains("UNDER_HQ_REVIEW"), "no status codes: " + said);
    assertEquals("Member", driver.findElement(here).findElement(By.className("row-status")).getText());
  }

  @Test
  void theDirectorySortsByNameKeptInTheAddressAndAcrossALanguageSwitch() {
    open("/schools");
    new Select(waitFor(By.id("filter-sort"))).selectByValue("name");
    driver.findElement(By.id("search-button")).click();
    wait(30).until(d -> d.getCurrentUrl().contains("sort=name") && !d.findElements(By.cssSelector("#results h3")).isEmpty());
    List<String> shown = driver.findElements(By.cssSelector("#results h3")).stream().map(WebElement::getText).toList();
    List<String> byName = new ArrayList<>();
    ((List<?>) apiGet("/api/v1/schools?limit=24&sort=name").get("items")).forEach(s -> byName.add((String) ((Map<?, ?>) s).get("name")));
    assertEquals(byName, shown, "the directory's order is the API's by name");
    switchLanguage("de");
    assertEquals("name", new Select(driver.findElement(By.id("filter-sort"))).getFirstSelectedOption().getDomAttribute("value"));
    switchLanguage("en");
  }

  @Test
  @Order(10)
  void hqEditsACampaignsFrenchTitleAndAPhaseAndASchoolIsNotOfferedTheForm() throws IOException {
    String stamp = Long.toString(System.currentTimeMillis(), 36);
    String frenchTitle = "Sandwatch : édition " + stamp;
    signIn("hq@demo.aspnet.local");
    open("/campaigns");
    wait(30).until(d -> !d.findElements(By.cssSelector("#main h2 a[href^='/campaigns/']")).isEmpty());
    String campaignPage = driver.findElement(By.partialLinkText("Sandwatch")).getDomAttribute("href");
    String api = "/api/v1" + campaignPage;
    Map<?, ?> before = apiGet(api);
    Map<?, ?> phase = (Map<?, ?>) ((List<?>) before.get("phases")).get(0);
    String starts = (String) phase.get("starts");
    String ends = (String) phase.get("ends");
    String newEnds = java.time.LocalDate.parse(ends).minusDays(1).toString();
    open(campaignPage);
    waitFor(By.id("campaign-edit-toggle")).click();
    WebElement form = waitFor(By.id("campaign-edit-form"));
    assertEquals("title.", driver.switchTo().activeElement().getDomAttribute("name").replaceAll("[a-z]+$", ""), "the focus is on the first title");
    // the module's phase by its label, with its dates
    WebElement row = form.findElement(By.cssSelector("fieldset.phase[data-key='" + phase.get("key") + "']"));
    assertEquals("Monitor", row.findElement(By.tagName("legend")).getText(), row.getText());
    WebElement endInput = row.findElement(By.cssSelector("input[type=date][name$='.ends']"));
    assertEquals(ends, endInput.getDomProperty("value"));
    assertTrue(axeViolations().isEmpty(), "the edit form: " + axeViolations());

    // someone else changes the French title meanwhile: the save is refused in words, and Reload shows their title in the form again
    String meanwhile = "Sandwatch (" + stamp + ")";
    Object patched = ((JavascriptExecutor) driver).executeAsyncScript(
        "const done = arguments[arguments.length - 1];"
            + "import(document.querySelector('script[type=module]').src).then(m => m.api('GET', arguments[0]).then(c => m.api('PATCH', arguments[0], {title: {fr: arguments[1]}},"
            + " {'Content-Type': 'application/merge-patch+json', 'If-Match': c._etag}))).then(c => done(c.title.fr)).catch(e => done('failed: ' + e));",
        api, meanwhile);
    assertEquals(meanwhile, patched);
    form.findElement(By.name("title.es")).sendKeys(" " + stamp);
    driver.findElement(By.id("campaign-edit-save")).click();
    WebElement reload = waitFor(By.id("campaign-edit-reload"));
    assertTrue(text(By.cssSelector("#campaign-edit-form .form-status")).contains("changed this campaign in the meantime"),
        text(By.cssSelector("#campaign-edit-form .form-status")));
    assertEquals("Sandwatch " + java.time.Year.now().getValue(), ((Map<?, ?>) apiGet(api).get("title")).get("es"), "nothing of ours was saved");
    reload.click();
    wait(30).until(d -> meanwhile.equals(d.findElement(By.name("title.fr")).getDomProperty("value")));
    assertEquals("true", driver.findElement(By.id("campaign-edit-toggle")).getDomAttribute("aria-expanded"), "the form is open again");
    before = apiGet(api);
    form = driver.findElement(By.id("campaign-edit-form"));
    row = form.findElement(By.cssSelector("fieldset.phase[data-key='" + phase.get("key") + "']"));
    endInput = row.findElement(By.cssSelector("input[type=date][name$='.ends']"));

    WebElement title = form.findElement(By.name("title.fr"));
    title.clear();
    title.sendKeys(frenchTitle);
    // a phase that ends before it starts: said beside its end, nothing sent
    setValue(endInput, java.time.LocalDate.parse(starts).minusDays(1).toString());
    driver.findElement(By.id("campaign-edit-save")).click();
    WebElement error = wait(10).until(d -> d.findElement(By.id("campaign-edit-form")).findElements(By.cssSelector("span.field-error"))
        .stream().findFirst().orElse(null));
    WebElement end = driver.findElement(By.name(endInput.getDomAttribute("name")));
    assertEquals("true", end.getDomAttribute("aria-invalid"), "the end is marked invalid");
    assertTrue(end.getDomAttribute("aria-describedby").contains(error.getDomAttribute("id")), "the message describes the end field");
    assertEquals(end, error.findElement(By.xpath("preceding-sibling::input[1]")), "the message is beside the end field");
    assertTrue(error.getText().contains("before the start"), error.getText());
    assertEquals(before.get("revision"), apiGet(api).get("revision"), "nothing was saved");

    // a country code the API refuses: its message beside the countries field, nothing saved
    setValue(end, newEnds);
    WebElement countries = driver.findElement(By.id("campaign-countries"));
    countries.clear();
    countries.sendKeys("ZZ");
    driver.findElement(By.id("campaign-edit-save")).click();
    wait(30).until(d -> "true".equals(d.findElement(By.id("campaign-countries")).getDomAttribute("aria-invalid")));
    assertTrue(driver.findElement(By.name(endInput.getDomAttribute("name"))).getDomAttribute("aria-invalid") == null, "the end is no longer invalid");
    assertFalse(driver.findElements(By.xpath("//input[@id='campaign-countries']/following-sibling::span[contains(@class,'field-error')]")).isEmpty(),
        text(By.id("campaign-edit-form")));
    assertEquals(before.get("revision"), apiGet(api).get("revision"), "nothing was saved");

    // saved: the page is drawn again from the server and says so
    driver.findElement(By.id("campaign-countries")).clear();
    String ready = driver.findElement(By.id("main")).getDomAttribute("data-ready");
    driver.findElement(By.id("campaign-edit-save")).click();
    wait(30).until(d -> !ready.equals(d.findElement(By.id("main")).getDomAttribute("data-ready"))
        || !d.findElements(By.cssSelector("#campaign-edit-form .error")).isEmpty());
    assertTrue(driver.findElements(By.cssSelector("#campaign-edit-form .error")).isEmpty(), text(By.id("campaign-edit-form")));
    waitFor(By.id("campaign-edit-saved"));
    assertEquals("campaign-edit-toggle", driver.switchTo().activeElement().getDomAttribute("id"), "the focus is back on the Edit button");
    wait(10).until(ExpectedConditions.textToBePresentInElementLocated(By.id("announce"), "Campaign saved."));
    String shownEnd = (String) ((JavascriptExecutor) driver).executeScript(
        "return new Intl.DateTimeFormat('en', {dateStyle: 'medium'}).format(new Date(arguments[0]))", newEnds);
    assertTrue(text(By.cssSelector("#main dl.props")).contains(shownEnd), shownEnd + " not in " + text(By.cssSelector("#main dl.props")));
    Map<?, ?> after = apiGet(api);
    assertEquals(frenchTitle, ((Map<?, ?>) after.get("title")).get("fr"));
    assertEquals(((Map<?, ?>) before.get("title")).get("en"), ((Map<?, ?>) after.get("title")).get("en"), "the other languages stay");
    assertEquals(newEnds, ((Map<?, ?>) ((List<?>) after.get("phases")).get(0)).get("ends"));
    assertEquals(before.get("countries"), after.get("countries"), "the countries were not sent");
    // the form, drawn again from the server's answer, has the new title
    driver.findElement(By.id("campaign-edit-toggle")).click();
    assertEquals(frenchTitle, waitFor(By.name("title.fr")).getDomProperty("value"));
    // a language added to the open form, its title typed, comes back after a switch of the page's language
    new Select(driver.findElement(By.id("campaign-add-language"))).selectByValue("ar");
    driver.findElement(By.id("campaign-add-language-button")).click();
    waitFor(By.name("title.ar")).sendKeys("رمال " + stamp);
    switchLanguage("fr");
    assertEquals("رمال " + stamp, waitFor(By.name("title.ar")).getDomProperty("value"), "the added language and its title");
    assertTrue(driver.findElements(By.cssSelector("#campaign-add-language option[value='ar']")).isEmpty(), "not offered again");
    switchLanguage("en");

    // a school's account sees the campaign, and no Edit button
    signIn("school.7@demo.aspnet.local");
    open(campaignPage);
    wait(30).until(d -> d.findElement(By.id("main")).getDomAttribute("data-ready") != null && !d.findElements(By.cssSelector("#main dl.props")).isEmpty());
    assertTrue(driver.findElements(By.id("campaign-edit-toggle")).isEmpty() && driver.findElements(By.id("campaign-edit-form")).isEmpty(),
        "a school is offered the edit form");
  }

  @Test
  @Order(13)
  void aNationalCoordinatorAddsEditsAndRemovesATeachingResourceThatSchoolsRead() throws IOException {
    signIn("nc.fr@demo.aspnet.local");
    open("/campaigns");
    wait(30).until(d -> !d.findElements(By.cssSelector("#main h2 a[href^='/campaigns/']")).isEmpty());
    String campaignPage = driver.findElement(By.partialLinkText("Peace week")).getDomAttribute("href");
    String api = "/api/v1" + campaignPage + "/resources";
    open(campaignPage);
    WebElement form = waitFor(By.id("resource-form"));
    assertTrue(axeViolations().isEmpty(), "the resource form: " + axeViolations());
    new org.openqa.selenium.support.ui.Select(form.findElement(By.name("kind"))).selectByValue("LESSON_PLAN");
    form.findElement(By.name("url")).sendKeys("not a link");
    form.findElement(By.name("title")).sendKeys("Peace circles in class");
    form.findElement(By.cssSelector("input[name=languages][value=fr]")).click();
    driver.findElement(By.id("resource-save")).click();
    // refused beside the address, in words; nothing written
    WebElement url = form.findElement(By.name("url"));
    wait(30).until(d -> "true".equals(url.getDomAttribute("aria-invalid")));
    assertTrue(text(By.id("resource-form")).contains("http or https"), text(By.id("resource-form")));
    assertEquals(0, ((List<?>) apiGet(api).get("items")).size(), "nothing was written");
    url.clear();
    url.sendKeys("https://example.org/peace-circles");
    driver.findElement(By.id("resource-save")).click();
    WebElement link = wait(30).until(d -> d.findElements(By.cssSelector("#campaign-resources-list a")).stream().findFirst().orElse(null));
    assertEquals("Peace circles in class", link.getText());
    assertEquals("https://example.org/peace-circles", link.getDomAttribute("href"));
    assertTrue(text(By.id("campaign-resources-list")).contains("Lesson plan") && text(By.id("campaign-resources-list")).contains("in French"),
        text(By.id("campaign-resources-list")));
    assertTrue(text(By.id("resources-said")).contains("was added"), text(By.id("resources-said")));
    assertEquals("", url.getDomProperty("value"), "the form is empty for the next one");

    // edited in French: the English title stays, the French one is added; the page switched to French meanwhile stays in the edit
    driver.findElement(By.cssSelector("#campaign-resources-list [data-edit]")).click();
    assertEquals("kind", driver.switchTo().activeElement().getDomAttribute("name"), "the focus moves into the form");
    driver.findElement(By.id("resource-form")).findElement(By.name("description")).sendKeys("Typed before the switch");
    switchLanguage("fr");
    wait(30).until(d -> d.findElement(By.id("resource-form-title")).getText().startsWith("Modifier"));
    form = driver.findElement(By.id("resource-form"));
    WebElement kept = form.findElement(By.name("description"));
    wait(10).until(d -> "Typed before the switch".equals(kept.getDomProperty("value")));
    assertEquals("en", form.findElement(By.name("textLanguage")).getDomProperty("value"), "the text's language as it was");
    new org.openqa.selenium.support.ui.Select(form.findElement(By.name("textLanguage"))).selectByValue("fr");
    assertEquals("", form.findElement(By.name("title")).getDomProperty("value"), "no French title yet");
    form.findElement(By.name("title")).sendKeys("Cercles de paix en classe");
    driver.findElement(By.id("resource-save")).click();
    wait(30).until(d -> text(By.id("resources-said")).contains("a été enregistrée"));
    List<?> all = (List<?>) apiGet(api).get("items");
    assertEquals(1, all.size(), "the edit after the switch changed the resource, and added none: " + all);
    Map<?, ?> saved = (Map<?, ?>) all.get(0);
    assertEquals(Map.of("en", "Peace circles in class", "fr", "Cercles de paix en classe"), saved.get("title"));
    switchLanguage("en");

    // a school's people read the list, and are offered no form
    signIn("school.7@demo.aspnet.local");
    open(campaignPage);
    waitFor(By.cssSelector("#campaign-resources-list a"));
    assertTrue(driver.findElements(By.id("resource-form")).isEmpty() && driver.findElements(By.cssSelector("[data-remove]")).isEmpty(),
        "a school is offered the resource form");

    // removal is asked once more, Keep it focused; then gone from the list and the API
    signIn("nc.fr@demo.aspnet.local");
    open(campaignPage);
    waitFor(By.cssSelector("#campaign-resources-list [data-remove]")).click();
    assertEquals("Keep it", driver.switchTo().activeElement().getText());
    driver.findElement(By.cssSelector("#campaign-resources-list [data-remove-yes]")).click();
    wait(30).until(d -> d.findElements(By.cssSelector("#campaign-resources-list li")).isEmpty());
    assertTrue(text(By.id("campaign-resources")).contains("No resources yet"), text(By.id("campaign-resources")));
    assertEquals(0, ((List<?>) apiGet(api).get("items")).size());
  }

  @Test
  @Order(14)
  void hqReadsLastYearsAnnualReportsRolledUpPerCountryAndOpensACountrysList() throws IOException {
    int year = java.time.Year.now().getValue() - 1;
    signIn("hq@demo.aspnet.local");
    open("/console/hq?tab=reports&year=" + year);
    WebElement sentence = waitFor(By.id("rollup"));
    Map<?, ?> rollup = apiGet("/api/v1/annual-reports/" + year);
    Map<?, ?> total = (Map<?, ?>) rollup.get("total");
    assertTrue(((Number) total.get("owed")).longValue() > 0, "the demo's members owe last year's report: " + rollup);
    String owed = (String) ((JavascriptExecutor) driver).executeScript(
        "return new Intl.NumberFormat('en').format(arguments[0])", total.get("owed"));
    assertTrue(sentence.getText().startsWith(owed + " member schools owe their " + year + " report"), sentence.getText());
    // one row per country, the most not sent first, each linked to its own list
    List<WebElement> rows = driver.findElements(By.cssSelector("#rollup-countries tbody tr"));
    assertEquals(((List<?>) rollup.get("countries")).size(), rows.size());
    double previous = 2;
    for (WebElement row : rows) {
      List<WebElement> cells = row.findElements(By.tagName("td"));
      double owedHere = Double.parseDouble(cells.get(0).getText().replace(",", ""));
      double notSent = Double.parseDouble(cells.get(3).getText().replace(",", ""));
      double share = owedHere == 0 ? 0 : notSent / owedHere;
      assertTrue(share <= previous + 1e-9, "sorted by the share not sent: " + text(By.id("rollup-countries")));
      previous = share;
    }
    long byRegions = 0;
    for (WebElement region : driver.findElements(By.cssSelector("#rollup-regions tbody tr"))) {
      byRegions += Long.parseLong(region.findElements(By.tagName("td")).get(0).getText().replace(",", ""));
    }
    assertEquals(((Number) total.get("owed")).longValue(), byRegions, "the regions add up to the total: " + text(By.id("rollup-regions")));
    assertTrue(axeViolations().isEmpty(), "the roll-up: " + axeViolations());
    WebElement first = rows.get(0);
    String country = first.getDomAttribute("data-country");
    first.findElement(By.tagName("a")).click();
    wait(30).until(d -> d.getCurrentUrl().contains("/console/nc?tab=reports&country=" + country + "&year=" + year));
    waitFor(By.id("compliance"));
    assertTrue(text(By.id("compliance")).contains(String.valueOf(year)), text(By.id("compliance")));
  }

  /**
   * A visitor reads 2027's international days in French: World Philosophy Day under November on
   * the 18th (its third Thursday), in French; the theme filter keeps the address shareable and
   * lists only that theme's days; the calendar file is of that year, in French.
   */
  @Test
  @Order(15)
  void aVisitorReadsAYearsInternationalDaysInFrenchFiltersThemByThemeAndDownloadsTheCalendar() throws IOException {
    signOut();
    // a year the API does not read, typed into the address: said beside the year box, named by its label
    open("/days?year=1800");
    wait(30).until(d -> "true".equals(d.findElement(By.id("days-year")).getDomAttribute("aria-invalid")));
    assertTrue(text(By.cssSelector("#main .error")).contains("Year: must be a year from 1900 to 2200"), text(By.cssSelector("#main .error")));
    open("/days?year=2027");
    waitFor(By.id("days-count"));
    switchLanguage("fr");
    try {
      wait(30).until(ExpectedConditions.textToBe(By.tagName("h1"), "Journées internationales"));
      WebElement november = driver.findElement(By.cssSelector("[data-month='2027-11']"));
      assertEquals("novembre", november.findElement(By.tagName("h2")).getText().toLowerCase(Locale.ROOT));
      WebElement philosophy = november.findElement(By.id("day-world-philosophy-day"));
      WebElement name = philosophy.findElement(By.className("day-name"));
      assertEquals("Journée mondiale de la philosophie", name.getText());
      assertNull(name.getDomAttribute("lang"), "a name in the page's language carries none");
      WebElement date = philosophy.findElement(By.className("day-date"));
      assertEquals("18 novembre", date.getText());
      assertEquals("2027-11-18", date.getDomAttribute("datetime"));
      // a period is written as one: the Global Media and Information Literacy Week
      String week = text(By.cssSelector("#day-global-media-and-information-literacy-week .day-date"));
      assertTrue(week.contains("24") && week.contains("31 octobre"), week);
      // not this year: nothing is marked next, and nothing "comes up"
      assertTrue(driver.findElements(By.cssSelector("#main li.next")).isEmpty() && driver.findElements(By.id("days-coming-up")).isEmpty());
      assertTrue(text(By.id("days-long")).contains("2021–2030"), "the Ocean Decade with its span: " + text(By.id("days-long")));
      String ics = driver.findElement(By.id("days-ics")).getDomAttribute("href");
      assertTrue(ics.startsWith("/api/v1/international-days.ics?") && ics.contains("year=2027") && ics.contains("lang=fr"), ics);
      String file = fetchText(ics);
      assertTrue(file.startsWith("BEGIN:VCALENDAR") && file.contains("SUMMARY:Journée mondiale de la philosophie")
          && file.contains("DTSTART;VALUE=DATE:20271118"), file);
      String subscription = driver.findElement(By.id("days-subscribe")).getDomProperty("value");
      assertEquals(base + "/api/v1/international-days.ics?lang=fr", subscription);
      assertTrue(axeViolations().isEmpty(), "the days page in French: " + axeViolations());

      // the theme filter: the address says it, every day listed is of it, the focus on the count
      String drawn = driver.findElement(By.id("main")).getDomAttribute("data-ready");
      new Select(driver.findElement(By.id("days-theme"))).selectByValue("ESD");
      driver.findElement(By.id("days-show")).click();
      wait(30).until(d -> d.getCurrentUrl().endsWith("/days?year=2027&theme=ESD")
          && !java.util.Objects.equals(drawn, d.findElement(By.id("main")).getDomAttribute("data-ready")));
      List<WebElement> rows = driver.findElements(By.cssSelector("#main li.day"));
      assertFalse(rows.isEmpty(), text(By.id("main")));
      for (WebElement row : rows) {
        assertTrue(List.of(row.getDomAttribute("data-themes").split(" ")).contains("ESD"), row.getText());
      }
      assertTrue(driver.findElements(By.id("day-world-philosophy-day")).isEmpty(), "World Philosophy Day has no theme");
      assertTrue(text(By.id("days-count")).contains("Éducation au développement durable"), text(By.id("days-count")));
      assertEquals("days-count", driver.switchTo().activeElement().getDomAttribute("id"), "the focus on what sums up the list");
      String filtered = driver.findElement(By.id("days-ics")).getDomAttribute("href");
      assertTrue(filtered.contains("year=2027") && filtered.contains("lang=fr") && filtered.contains("theme=ESD"), filtered);

      // on a 360 px phone, in French and in German (the longest names), nothing scrolls sideways
      Dimension before = driver.manage().window().getSize();
      try {
        driver.manage().window().setSize(new Dimension(360, 800));
        open("/days");
        waitFor(By.id("days-count"));
        assertNoSidewaysScroll("/days in French at 360 px");
        switchLanguage("de");
        assertNoSidewaysScroll("/days in German at 360 px");
      } finally {
        driver.manage().window().setSize(before);
      }
    } finally {
      switchLanguage("en");
    }

    // What comes up and what is next, on days chosen for it: the page's clock set (the server's and
    // the shipped list as they are). This year's 20 December: next January's days come up, each
    // leading to next year's row, not to this year's row of last January.
    int year = java.time.Year.now().getValue();
    String clock = pageScript(FIXED_CLOCK.replace("AT", year + "-12-20T12:00:00"));
    // every year has every shipped day: an empty list is stubbed in the page (the API answering nothing)
    String stub = pageScript("""
        const fetched = window.fetch;
        window.fetch = (url, options) => String(url).includes('/api/v1/international-days?year=YEAR&theme=INTERCULTURAL')
          ? Promise.resolve(new Response('{"items":[]}', {headers: {'Content-Type': 'application/json'}})) : fetched(url, options);"""
        .replace("YEAR", String.valueOf(year)));
    try {
      open("/days");
      WebElement logic = waitFor(By.cssSelector("#days-coming-up li[data-day='world-logic-day'] a"));
      assertEquals("/days?year=" + (year + 1) + "#day-world-logic-day", logic.getDomAttribute("href"));
      logic.click();
      wait(30).until(d -> d.getCurrentUrl().endsWith("/days?year=" + (year + 1) + "#day-world-logic-day")
          && "day-name".equals(d.switchTo().activeElement().getDomAttribute("class")));
      assertEquals("World Logic Day", driver.switchTo().activeElement().getText());
      assertEquals((year + 1) + "-01", ((JavascriptExecutor) driver).executeScript(
          "return document.activeElement.closest('[data-month]').dataset.month"), "next year's row is the one focused");
      // a theme with nothing in the next 60 days: said with the theme
      open("/days?theme=ESD");
      wait(30).until(d -> text(By.id("days-coming-up"))
          .contains("No international day for “Education for sustainable development” in the next 60 days."));
      // a list with nothing: said in a sentence, with the way back to every theme (a link, not its address as text)
      open("/days?year=" + year + "&theme=INTERCULTURAL");
      WebElement all = waitFor(By.cssSelector("#days-count a"));
      assertEquals("/days?year=" + year, all.getDomAttribute("href"));
      assertEquals("No international day of this theme in " + year + ". Show all themes", text(By.id("days-count")));
    } finally {
      removePageScript(stub);
      removePageScript(clock);
    }
    // This year's 25 October: the Media and Information Literacy Week is under way, and what is next
    // is the first day that begins today or later (not the week, begun yesterday)
    clock = pageScript(FIXED_CLOCK.replace("AT", year + "-10-25T12:00:00"));
    try {
      open("/days");
      WebElement week = waitFor(By.id("day-global-media-and-information-literacy-week"));
      assertEquals("under way", week.findElement(By.className("day-mark")).getText());
      WebElement next = driver.findElement(By.id("day-world-day-for-audiovisual-heritage"));
      assertEquals("day next", next.getDomAttribute("class"), next.getText());
      assertEquals("next", next.findElement(By.className("day-mark")).getText());
    } finally {
      removePageScript(clock);
    }
  }

  /**
   * HQ adds an international day (a rule the API cannot read is said beside its box, in words, and
   * nothing is written; the same English name again is said beside the name, with a link to the
   * day), edits its rule and removes its French name, and removes it (asked once more, Keep it
   * focused); a school's focal point and a National Coordinator are offered no form.
   */
  @Test
  @Order(16)
  void hqAddsEditsAndRemovesAnInternationalDayAndOthersAreOfferedNoForm() throws IOException {
    String stamp = String.valueOf(System.currentTimeMillis());
    String name = "School Gardens Test Day " + stamp;
    String id = "school-gardens-test-day-" + stamp;
    signIn("hq@demo.aspnet.local");
    open("/days?year=2027");
    WebElement form = waitFor(By.id("day-form"));
    assertTrue(axeViolations().isEmpty(), "the days page with HQ's form: " + axeViolations());

    // nothing typed: the English name and the rule are asked for, in the page's words
    driver.findElement(By.id("day-save")).click();
    wait(10).until(d -> "true".equals(d.findElement(By.id("day-name-en")).getDomAttribute("aria-invalid"))
        && "true".equals(d.findElement(By.id("day-observed")).getDomAttribute("aria-invalid")));
    assertTrue(text(By.id("day-form")).contains("Fill this in."), text(By.id("day-form")));

    // a rule the API cannot read: said beside the rule's box, nothing written
    driver.findElement(By.id("day-name-en")).sendKeys(name);
    driver.findElement(By.id("day-name-fr")).sendKeys("Journée des jardins scolaires " + stamp);
    driver.findElement(By.id("day-observed")).sendKeys("31 June");
    driver.findElement(By.id("day-save")).click();
    wait(30).until(d -> d.findElements(By.cssSelector("#day-form .field-error")).stream().anyMatch(e -> e.getText().contains("such as 03-22")));
    assertEquals("true", driver.findElement(By.id("day-observed")).getDomAttribute("aria-invalid"));
    assertNull(driver.findElement(By.id("day-name-en")).getDomAttribute("aria-invalid"), "the name is fine now");
    assertFalse(listed(2027).contains(id), "nothing was written");

    WebElement observed = driver.findElement(By.id("day-observed"));
    observed.clear();
    observed.sendKeys("06-11");
    driver.findElement(By.id("day-save")).click();
    wait(30).until(d -> !d.findElements(By.id("day-" + id)).isEmpty());
    WebElement row = driver.findElement(By.id("day-" + id));
    assertEquals("2027-06", row.findElement(By.xpath("ancestor::div[@data-month]")).getDomAttribute("data-month"), "under June");
    assertEquals("June 11", row.findElement(By.className("day-date")).getText());
    // the sentence alone (no "null" after it), the day's name isolated in it (its own direction: a
    // right-to-left name ending in digits is not reordered with the words around it)
    assertEquals("“" + name + "” was added.", text(By.id("days-said")));
    assertEquals(name, text(By.cssSelector("#days-said .notice [dir='auto']")));
    assertEquals("day-name", driver.switchTo().activeElement().getDomAttribute("class"), "the focus on the new day");
    assertEquals("", driver.findElement(By.id("day-name-en")).getDomProperty("value"), "the form is empty for the next one");

    // the same English name again: said beside the name, with a link to the day listed
    driver.findElement(By.id("day-name-en")).sendKeys(name.toUpperCase(Locale.ROOT));
    driver.findElement(By.id("day-observed")).sendKeys("06-12");
    driver.findElement(By.id("day-save")).click();
    WebElement existing = wait(30).until(d -> d.findElements(By.cssSelector("#day-form .field-error a")).stream().findFirst().orElse(null));
    assertEquals("#day-" + id, existing.getDomAttribute("href"));
    assertEquals("true", driver.findElement(By.id("day-name-en")).getDomAttribute("aria-invalid"));
    existing.click();
    assertEquals(name, driver.switchTo().activeElement().getText(), "the link leads to the day's row");
    assertEquals(1, listed(2027).stream().filter(x -> x.startsWith("school-gardens-test-day-" + stamp)).count(), "no second day");
    driver.findElement(By.id("day-name-en")).clear();
    driver.findElement(By.id("day-observed")).clear();

    // the same under a theme the day does not have: the link leads to the year's whole list, where
    // the day is brought into view, and what was typed stays there, and Back
    open("/days?year=2027&theme=ESD");
    waitFor(By.id("day-form"));
    driver.findElement(By.id("day-name-en")).sendKeys(name.toUpperCase(Locale.ROOT));
    driver.findElement(By.id("day-observed")).sendKeys("06-12");
    driver.findElement(By.id("day-save")).click();
    existing = wait(30).until(d -> d.findElements(By.cssSelector("#day-form .field-error a")).stream().findFirst().orElse(null));
    assertEquals("/days?year=2027#day-" + id, existing.getDomAttribute("href"));
    existing.click();
    wait(30).until(d -> d.getCurrentUrl().endsWith("/days?year=2027#day-" + id) && name.equals(d.switchTo().activeElement().getText()));
    assertEquals(name.toUpperCase(Locale.ROOT), driver.findElement(By.id("day-name-en")).getDomProperty("value"));
    assertEquals("06-12", driver.findElement(By.id("day-observed")).getDomProperty("value"));
    String drawn = driver.findElement(By.id("main")).getDomAttribute("data-ready");
    driver.navigate().back();
    wait(30).until(d -> d.getCurrentUrl().endsWith("/days?year=2027&theme=ESD")
        && !java.util.Objects.equals(drawn, d.findElement(By.id("main")).getDomAttribute("data-ready")));
    assertEquals(name.toUpperCase(Locale.ROOT), driver.findElement(By.id("day-name-en")).getDomProperty("value"));
    assertEquals("06-12", driver.findElement(By.id("day-observed")).getDomProperty("value"));
    open("/days?year=2027");
    waitFor(By.id("day-" + id));

    // a name missing in the page's language is shown in English, marked so
    switchLanguage("de");
    try {
      WebElement german = waitFor(By.cssSelector("#day-" + id + " .day-name"));
      assertEquals(name, german.getText());
      assertEquals("en", german.getDomAttribute("lang"));
    } finally {
      switchLanguage("en");
    }

    // edited: a new rule, the French name removed (null), the rest as it was
    waitFor(By.cssSelector("#day-" + id + " [data-edit]")).click();
    assertEquals("day-name-en", driver.switchTo().activeElement().getDomAttribute("id"), "the focus moves into the form");
    assertEquals("Edit “" + name + "”", text(By.id("day-form-title")));
    assertEquals("06-11", driver.findElement(By.id("day-observed")).getDomProperty("value"));
    observed = driver.findElement(By.id("day-observed"));
    observed.clear();
    observed.sendKeys("second Sunday of June");
    // the page in French meanwhile: still the same day's edit, what was typed kept
    switchLanguage("fr");
    try {
      wait(30).until(d -> text(By.id("day-form-title")).startsWith("Modifier"));
      wait(10).until(d -> "second Sunday of June".equals(d.findElement(By.id("day-observed")).getDomProperty("value")));
    } finally {
      switchLanguage("en");
    }
    wait(10).until(d -> "second Sunday of June".equals(d.findElement(By.id("day-observed")).getDomProperty("value")));
    driver.findElement(By.id("day-name-fr")).clear();
    // someone changed the day meanwhile: the list shows it as it is now, the form keeps what was typed
    assertEquals(200L, apiWrite("PATCH", "/api/v1/international-days/" + id, "{\"observed\":\"06-15\"}", "\"1\""));
    driver.findElement(By.id("day-save")).click();
    wait(30).until(d -> text(By.cssSelector("#day-form .form-status")).contains("Someone changed this day meanwhile"));
    assertEquals("June 15", text(By.cssSelector("#day-" + id + " .day-date")));
    assertEquals("second Sunday of June", driver.findElement(By.id("day-observed")).getDomProperty("value"));
    assertEquals("", driver.findElement(By.id("day-name-fr")).getDomProperty("value"));
    // saved again, knowingly: over their change
    driver.findElement(By.id("day-save")).click();
    wait(30).until(d -> "June 13".equals(text(By.cssSelector("#day-" + id + " .day-date"))));
    assertTrue(text(By.id("days-said")).contains("“" + name + "” was saved."), text(By.id("days-said")));
    Map<?, ?> saved = apiGet("/api/v1/international-days/" + id);
    assertEquals("second Sunday of June", saved.get("observed"));
    assertEquals(Map.of("en", name), saved.get("names"), "the French name was removed");
    assertEquals("Add an international day", text(By.id("day-form-title")), "the form is back to adding");

    // edited while someone else changed the French name and the source: a save sends only what this
    // person changed since the edit opened (the German name), before the 412 and after it, so theirs stays
    String german = "Schulgartentag " + stamp;
    String french = "Journée des jardins d'école " + stamp;
    driver.findElement(By.cssSelector("#day-" + id + " [data-edit]")).click();
    driver.findElement(By.id("day-name-de")).sendKeys(german);
    assertEquals(200L, apiWrite("PATCH", "/api/v1/international-days/" + id,
        "{\"names\":{\"fr\":\"" + french + "\"},\"source\":\"https://example.org/gardens\"}", "\"" + ((Number) saved.get("revision")).longValue() + "\""));
    driver.findElement(By.id("day-save")).click();
    wait(30).until(d -> text(By.cssSelector("#day-form .form-status")).contains("Someone changed this day meanwhile"));
    // what was typed stays; the boxes not changed here show the day as it is now
    assertEquals(german, driver.findElement(By.id("day-name-de")).getDomProperty("value"));
    assertEquals(french, driver.findElement(By.id("day-name-fr")).getDomProperty("value"));
    driver.findElement(By.id("day-save")).click();
    wait(30).until(d -> text(By.id("days-said")).contains("“" + name + "” was saved."));
    Map<?, ?> merged = apiGet("/api/v1/international-days/" + id);
    assertEquals(Map.of("en", name, "fr", french, "de", german), merged.get("names"), "the other change stays, the German name is saved");
    assertEquals("https://example.org/gardens", merged.get("source"));

    // the same with the page drawn again in another language mid-edit: the edit still goes with the
    // version it was opened on, so the change made meanwhile is said (412), not overwritten unseen
    String spanish = "Día de los huertos escolares " + stamp;
    driver.findElement(By.cssSelector("#day-" + id + " [data-edit]")).click();
    driver.findElement(By.id("day-name-es")).sendKeys(spanish);
    assertEquals(200L, apiWrite("PATCH", "/api/v1/international-days/" + id, "{\"themes\":[\"INTERCULTURAL\"]}", "\"" + ((Number) merged.get("revision")).longValue() + "\""));
    switchLanguage("de");
    switchLanguage("en");
    wait(10).until(d -> spanish.equals(d.findElement(By.id("day-name-es")).getDomProperty("value")));
    assertTrue(text(By.id("day-form-title")).startsWith("Edit"), text(By.id("day-form-title")));
    driver.findElement(By.id("day-save")).click();
    wait(30).until(d -> text(By.cssSelector("#day-form .form-status")).contains("Someone changed this day meanwhile"));
    driver.findElement(By.id("day-save")).click();
    wait(30).until(d -> text(By.id("days-said")).contains("“" + name + "” was saved."));
    merged = apiGet("/api/v1/international-days/" + id);
    assertEquals(List.of("INTERCULTURAL"), merged.get("themes"), "the other change stays");
    assertEquals(spanish, ((Map<?, ?>) merged.get("names")).get("es"));

    // an edit left open does not outlive leaving the page: back through the menu, the form adds
    driver.findElement(By.cssSelector("#day-" + id + " [data-edit]")).click();
    assertTrue(text(By.id("day-form-title")).startsWith("Edit"), text(By.id("day-form-title")));
    driver.findElement(By.cssSelector("#nav a[href='/']")).click();
    wait(30).until(d -> d.findElements(By.id("day-form")).isEmpty());
    driver.findElement(By.cssSelector("#nav a[href='/days']")).click();
    waitFor(By.id("day-form"));
    assertEquals("Add an international day", text(By.id("day-form-title")));
    assertEquals("", driver.findElement(By.id("day-name-en")).getDomProperty("value"));
    open("/days?year=2027");
    waitFor(By.id("day-" + id));
    saved = apiGet("/api/v1/international-days/" + id);

    // removed, asked once more with Keep it focused; then gone from the list and the API
    driver.findElement(By.cssSelector("#day-" + id + " [data-remove]")).click();
    assertEquals("Keep it", driver.switchTo().activeElement().getText());
    driver.switchTo().activeElement().click();
    assertEquals(id, driver.switchTo().activeElement().getDomAttribute("data-remove"), "kept: the focus back on Remove");
    // changed meanwhile: not removed; the row shows it as it is now, the focus on its Remove
    driver.findElement(By.cssSelector("#day-" + id + " [data-remove]")).click();
    assertEquals(200L, apiWrite("PATCH", "/api/v1/international-days/" + id, "{\"themes\":[\"ESD\"]}", "\"" + (((Number) saved.get("revision")).longValue()) + "\""));
    driver.findElement(By.cssSelector("#day-" + id + " [data-remove-yes]")).click();
    wait(30).until(d -> text(By.id("days-said")).contains("Someone changed"));
    assertEquals(name, text(By.cssSelector("#days-said .notice [dir='auto']")), "the name isolated in the sentence");
    assertEquals("ESD", driver.findElement(By.cssSelector("#day-" + id)).getDomAttribute("data-themes"));
    assertEquals(id, driver.switchTo().activeElement().getDomAttribute("data-remove"));
    assertTrue(listed(2027).contains(id), "not removed");
    driver.findElement(By.cssSelector("#day-" + id + " [data-remove]")).click();
    driver.findElement(By.cssSelector("#day-" + id + " [data-remove-yes]")).click();
    wait(30).until(d -> d.findElements(By.id("day-" + id)).isEmpty());
    assertEquals("“" + name + "” was removed.", text(By.id("days-said")));
    assertEquals("days-said", driver.switchTo().activeElement().getDomAttribute("id"));
    assertFalse(listed(2027).contains(id));
    assertEquals(404L, ((Number) apiGet("/api/v1/international-days/" + id).get("status")).longValue());

    // a school's focal point and a National Coordinator read the calendar, and are offered no form
    for (String other : List.of("school.1@demo.aspnet.local", "nc.fr@demo.aspnet.local")) {
      signIn(other);
      open("/days?year=2027");
      waitFor(By.id("day-world-philosophy-day"));
      assertTrue(driver.findElements(By.id("day-form")).isEmpty() && driver.findElements(By.cssSelector("[data-edit], [data-remove]")).isEmpty(),
          other + " is offered HQ's form");
    }
  }

  /**
   * A school's portal has a box of the international days of the next 45 days (the shipped list
   * has one at most 27 days after any day), each with how far it is and leading to its row.
   */
  @Test
  @Order(17)
  void aSchoolsPortalShowsTheInternationalDaysComingUp() {
    signIn("school.1@demo.aspnet.local");
    open("/portal");
    WebElement box = waitFor(By.id("coming-up"));
    List<WebElement> items = box.findElements(By.tagName("li"));
    assertTrue(!items.isEmpty() && items.size() <= 3, box.getText());
    for (WebElement item : items) {
      assertTrue(item.findElement(By.tagName("a")).getDomAttribute("href").matches("/days\\?year=\\d{4}#day-[\\w-]+"), item.getText());
      assertTrue(item.findElement(By.className("days-away")).getText().matches("today|tomorrow|in \\d+ days|under way, until .+"), item.getText());
    }
    assertEquals("/days", box.findElement(By.cssSelector("p a")).getDomAttribute("href"));
    String first = items.get(0).findElement(By.tagName("a")).getText();
    items.get(0).findElement(By.tagName("a")).click();
    wait(30).until(d -> d.getCurrentUrl().contains("/days?year=") && "day-name".equals(d.switchTo().activeElement().getDomAttribute("class")));
    assertEquals(first, driver.switchTo().activeElement().getText(), "the day's row, in view and focused");
    // Back, and the same link again: the row is brought into view and focused again, each time it is followed
    driver.navigate().back();
    WebElement again = wait(30).until(d -> d.findElements(By.cssSelector("#coming-up li a")).stream().findFirst().orElse(null));
    assertEquals(first, again.getText());
    again.click();
    wait(30).until(d -> d.getCurrentUrl().contains("/days?year=") && "day-name".equals(d.switchTo().activeElement().getDomAttribute("class")));
    assertEquals(first, driver.switchTo().activeElement().getText(), "the day's row, in view and focused again");
  }
  @Test
  @Order(18)
  void aMembersCertificatePrintsOnOneLandscapePageWithItsQrCodeAndAnInvalidOneIsNotPrinted() throws Exception {
    // a teacher of a member school prints its certificate from the portal
    signIn("school.7@demo.aspnet.local");
    String school = String.valueOf(((Map<?, ?>) ((List<?>) apiGet("/api/v1/me").get("roles")).get(0)).get("school"));
    String name = String.valueOf(apiGet("/api/v1/schools/" + school).get("name"));
    Object membership = apiGet("/api/v1/schools/" + school).get("membershipId");
    String number = String.valueOf(apiGet("/api/v1/memberships/" + membership).get("certificateNumber"));
    open("/portal");
    waitFor(By.id("certificate-print-" + school)).click();
    wait(30).until(ExpectedConditions.presenceOfElementLocated(By.id("certificate-sheet")));
    assertEquals("/certificates/" + number + "/print", new java.net.URI(driver.getCurrentUrl()).getPath());
    assertEquals(name, text(By.id("certificate-school")), "the official name exactly as registered");
    assertEquals(number, text(By.id("certificate-number-printed")));
    // the QR code is drawn (an image the browser decoded) and says in words where it leads
    WebElement qr = driver.findElement(By.id("certificate-qr"));
    wait(30).until(d -> ((Number) ((JavascriptExecutor) d).executeScript(
        "return arguments[0].complete ? arguments[0].naturalWidth : 0", qr)).intValue() > 0);
    assertTrue(qr.getDomAttribute("alt").endsWith(base + "/certificates/" + number), qr.getDomAttribute("alt"));
    assertEquals(List.of(), axeViolations());
    // printed: no header, menu or buttons, and the sheet on one A4 landscape page
    ChromeDriver chrome = (ChromeDriver) driver;
    chrome.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
    try {
      assertEquals("none", ((JavascriptExecutor) driver).executeScript(
          "return getComputedStyle(document.querySelector('header.top')).display"));
      assertEquals("none", ((JavascriptExecutor) driver).executeScript(
          "return getComputedStyle(document.querySelector('.certificate-tools')).display"));
      // the sheet uses the page's width, centred on it (the gaps either side within a few pixels)
      Map<?, ?> sheet = (Map<?, ?>) ((JavascriptExecutor) driver).executeScript(
          "const r = document.getElementById('certificate-sheet').getBoundingClientRect(), w = document.documentElement.clientWidth;"
              + " return {left: r.left, right: w - r.right, width: r.width, page: w};");
      double left = ((Number) sheet.get("left")).doubleValue();
      double right = ((Number) sheet.get("right")).doubleValue();
      assertTrue(Math.abs(left - right) <= 3, "centred: " + sheet);
      assertTrue(((Number) sheet.get("width")).doubleValue() >= 0.9 * ((Number) sheet.get("page")).doubleValue(), "the page's width: " + sheet);
    } finally {
      chrome.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
    }
    Map<String, Object> pdf = chrome.executeCdpCommand("Page.printToPDF", Map.of("preferCSSPageSize", true));
    String document = new String(java.util.Base64.getDecoder().decode(String.valueOf(pdf.get("data"))), StandardCharsets.ISO_8859_1);
    java.util.regex.Matcher pages = java.util.regex.Pattern.compile("/Type\\s*/Page[^s]").matcher(document);
    int count = 0;
    while (pages.find()) {
      count++;
    }
    assertEquals(1, count, "one page");
    java.util.regex.Matcher box = java.util.regex.Pattern.compile("/MediaBox\\s*\\[\\s*0\\s+0\\s+([\\d.]+)\\s+([\\d.]+)").matcher(document);
    assertTrue(box.find(), "a page size");
    assertTrue(Double.parseDouble(box.group(1)) > Double.parseDouble(box.group(2)), "landscape: " + box.group());

    // a certificate that is no longer valid is not printed: the check says why (the demo has suspended members)
    signOut();
    signIn("hq@demo.aspnet.local");
    List<?> suspended = (List<?>) apiGet("/api/v1/schools?status=SUSPENDED&limit=1").get("items");
    assertFalse(suspended.isEmpty(), "the demo has a suspended school");
    Object other = ((Map<?, ?>) suspended.get(0)).get("membershipId");
    String invalid = String.valueOf(apiGet("/api/v1/memberships/" + other).get("certificateNumber"));
    assertTrue(invalid.startsWith("ASPNET-"), invalid);
    signOut();
    open("/certificates/" + invalid + "/print");
    wait(30).until(ExpectedConditions.presenceOfElementLocated(By.id("certificate-not-printed")));
    assertTrue(driver.findElements(By.id("certificate-sheet")).isEmpty());
    // the public check of a valid one offers the print
    open("/certificates/" + number);
    // the school's name in its own direction (a right-to-left name with digits or Latin letters in its order)
    WebElement named = waitFor(By.id("certificate-result-school"));
    assertEquals(name, named.getText());
    assertEquals("auto", named.getDomAttribute("dir"));
    waitFor(By.id("certificate-print")).click();
    wait(30).until(ExpectedConditions.textToBePresentInElementLocated(By.id("certificate-school"), name));
  }


  /**
   * The page's clock set to a moment (AT, the browser's local time) and running on from it: Date,
   * Date.now and Date() (a page's notion of today), not the timers.
   */
  static final String FIXED_CLOCK = """
      (() => {
        const Real = Date;
        const shift = new Real('AT').getTime() - Real.now();
        function Fixed(...args) {
          if (!new.target) return new Real(Real.now() + shift).toString();
          return new Real(...(args.length ? args : [Real.now() + shift]));
        }
        Fixed.prototype = Real.prototype;
        Fixed.now = () => Real.now() + shift;
        Fixed.parse = Real.parse;
        Fixed.UTC = Real.UTC;
        globalThis.Date = Fixed;
      })();""";

  /** A script run in every page loaded from now on, before the page's own; its identifier, for removePageScript. */
  static String pageScript(String source) {
    Map<String, Object> added = ((ChromeDriver) driver).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", source));
    return String.valueOf(added.get("identifier"));
  }

  static void removePageScript(String identifier) {
    ((ChromeDriver) driver).executeCdpCommand("Page.removeScriptToEvaluateOnNewDocument", Map.of("identifier", identifier));
  }

  /** A write to the API with the browser's session (its CSRF token read from /me), as someone else's change; its status. */
  static long apiWrite(String method, String path, String json, String ifMatch) {
    Object status = ((JavascriptExecutor) driver).executeAsyncScript(
        "const [method, path, body, ifMatch, done] = arguments;"
            + "fetch('/api/v1/me', {credentials: 'same-origin', headers: {Accept: 'application/json'}}).then(r => r.json())"
            + ".then(me => fetch(path, {method, credentials: 'same-origin', body, headers: {'Content-Type': 'application/merge-patch+json',"
            + " 'If-Match': ifMatch, 'X-CSRF-Token': me.csrfToken, Accept: 'application/json'}}))"
            + ".then(r => done(r.status)).catch(e => done(-1));", method, path, json, ifMatch);
    return ((Number) status).longValue();
  }

  /** Fails when the page scrolls sideways (a long name that does not wrap, a box wider than the screen). */
  static void assertNoSidewaysScroll(String what) {
    Number overflow = (Number) ((JavascriptExecutor) driver).executeScript(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
    Object wide = ((JavascriptExecutor) driver).executeScript(
        "const w = document.documentElement.clientWidth; return [...document.querySelectorAll('body *')]"
            + ".filter(e => e.getBoundingClientRect().right > w + 1).slice(0, 5)"
            + ".map(e => e.tagName + '#' + e.id + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).join(', ');");
    assertTrue(overflow.intValue() <= 1, what + " scrolls sideways by " + overflow + " px: " + wide);
  }

  /** The ids of the international days listed for `year`. */
  static List<String> listed(int year) {
    List<String> ids = new ArrayList<>();
    for (Object item : (List<?>) apiGet("/api/v1/international-days?year=" + year).get("items")) {
      ids.add((String) ((Map<?, ?>) item).get("id"));
    }
    return ids;
  }

  /** A text answer (a calendar file), read with the browser's session. */
  static String fetchText(String path) {
    return (String) ((JavascriptExecutor) driver).executeAsyncScript(
        "const done = arguments[arguments.length - 1];"
            + "fetch(arguments[0], {credentials: 'same-origin'}).then(r => r.text()).then(done).catch(e => done('failed: ' + e));", path);
  }

  // ---------- helpers ----------

  /**
   * Leaflet's canvas renderer paints every marker on one canvas (no element per marker): finds a
   * fully painted pixel of it that a visitor can click (not under a control, not in the canvas's
   * margin outside the map), three pixels into the marker; null until one is drawn.
   */
  private static final String DRAWN_MARKER = """
      const box = document.getElementById('map');
      const canvas = box && box.dataset.markers && box.querySelector('canvas');
      if (!canvas || !canvas.width) return null;
      box.scrollIntoView({block: 'center'});
      const m = box.getBoundingClientRect(), r = canvas.getBoundingClientRect();
      const sx = canvas.width / r.width, sy = canvas.height / r.height;
      const px = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      for (let y = 0; y < canvas.height; y++) {
        for (let x = 0; x < canvas.width; x++) {
          if (px[(y * canvas.width + x) * 4 + 3] < 255) continue;
          const vx = Math.round(r.left + x / sx), vy = Math.round(r.top + y / sy) + 3;
          if (vx <= m.left || vx >= m.right || vy <= m.top || vy >= m.bottom) continue;
          if (document.elementFromPoint(vx, vy) === canvas) return [vx, vy];
        }
      }
      return null;""";

  /**
   * Waits until the map has painted its markers and they stay where they are (the same point found
   * twice, one poll of the wait apart); returns the viewport point of one.
   */
  static long[] awaitDrawnMarker() {
    List<?>[] last = new List<?>[1];
    List<?> point = wait(60).until(d -> {
      List<?> now = (List<?>) ((JavascriptExecutor) d).executeScript(DRAWN_MARKER);
      List<?> before = last[0];
      last[0] = now;
      return now != null && now.equals(before) ? now : null;
    });
    return new long[] {((Number) point.get(0)).longValue(), ((Number) point.get(1)).longValue()};
  }

  /** A date input's value as a date picker sets it (typing a date depends on the browser's locale), with its events. */
  static void setValue(WebElement input, String value) {
    ((JavascriptExecutor) driver).executeScript("arguments[0].value = arguments[1];"
        + "arguments[0].dispatchEvent(new Event('input', {bubbles: true})); arguments[0].dispatchEvent(new Event('change', {bubbles: true}));",
        input, value);
  }

  /** Chooses a language in the header and waits until the page is drawn again in it (not only the header). */
  static void switchLanguage(String lang) {
    String drawn = driver.findElement(By.id("main")).getDomAttribute("data-ready");
    new Select(driver.findElement(By.id("lang"))).selectByValue(lang);
    wait(30).until(d -> lang.equals(d.findElement(By.tagName("html")).getDomAttribute("lang"))
        && !java.util.Objects.equals(drawn, d.findElement(By.id("main")).getDomAttribute("data-ready")));
  }

  /** A JSON answer of the API, read with the browser's session. */
  /** An account made through the API: invited by the holder of {@code token} with {@code grant} (JSON members), and accepted. */
  static void newAccount(String token, String email, String grant, String name, String password) throws Exception {
    var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
    var invited = platform.send("POST", "/api/v1/invitations", "{\"email\":\"" + email + "\"," + grant + "}",
        "Content-Type", "application/json", "Authorization", "Bearer " + token);
    assertEquals(201, invited.statusCode(), invited.body());
    var accepted = platform.send("POST", "/api/v1/invitations/accept", "{\"token\":\"" + mapper.readTree(invited.body()).path("token").asText()
        + "\",\"name\":\"" + name + "\",\"password\":\"" + password + "\"}", "Content-Type", "application/json");
    assertEquals(200, accepted.statusCode(), accepted.body());
  }

  static Map<?, ?> apiGet(String path) {
    Object answer = ((JavascriptExecutor) driver).executeAsyncScript(
        "const done = arguments[arguments.length - 1];"
            + "fetch(arguments[0], {credentials: 'same-origin', headers: {Accept: 'application/json'}}).then(r => r.json()).then(done)"
            + ".catch(e => done({failed: String(e)}));", path);
    assertTrue(answer instanceof Map && !((Map<?, ?>) answer).containsKey("failed"), path + ": " + answer);
    return (Map<?, ?>) answer;
  }

  /** The school of the person signed in (their first role's). */
  static String schoolOfMe() {
    return String.valueOf(((Map<?, ?>) ((List<?>) apiGet("/api/v1/me").get("roles")).get(0)).get("school"));
  }

  /** The draft `name` of the page shown, as kept in the tab's sessionStorage (JSON), "null" when none is kept. */
  static String draftKept(String name) {
    return String.valueOf(((JavascriptExecutor) driver).executeScript(
        "const key = Object.keys(sessionStorage).find((k) => k.startsWith('aspnet.drafts ') && k.endsWith(' ' + location.pathname + location.search));"
            + "const all = key ? JSON.parse(sessionStorage.getItem(key)) : {};"
            + "return JSON.stringify(all[arguments[0]] ?? null);", name));
  }

  /** Marks the page as drawn already, so that awaitDrawn waits for the next drawing (Back, a reload). */
  static void markDrawn() {
    ((JavascriptExecutor) driver).executeScript("document.getElementById('main').dataset.ready = 'before';");
  }

  /** A page drawn since markDrawn (the app marks #main data-ready when a page is drawn). */
  static final By DRAWN = By.cssSelector("#main[data-ready]:not([data-ready=before])");

  /** Waits until `path` is drawn after markDrawn. */
  static void awaitDrawn(String path) {
    wait(60).until(d -> d.getCurrentUrl().equals(base + path) && !d.findElements(DRAWN).isEmpty());
  }

  /** Browser Back ({@code how} "back") or a reload ("reload"), after markDrawn: wait with DRAWN or awaitDrawn. */
  static void backOrReload(String how) {
    markDrawn();
    if (how.equals("back")) {
      driver.navigate().back();
    } else {
      driver.navigate().refresh();
    }
  }

  /**
   * On the portal, after typing {@code typed} into {@code field}: another page, then Back, then a
   * reload each draw the page again with the typed text, its section open and the one note of a kept
   * draft; the draft {@code draft} is still stored (holding {@code mark}).
   */
  static void assertPortalDraftKeptAcrossBackAndReload(By field, String typed, By section, By note, By notes, String draft,
      String mark, String what) {
    leaveForTheDirectory();
    for (String how : List.of("back", "reload")) {
      backOrReload(how);
      awaitDrawn("/portal");
      wait(10).until(d -> typed.equals(d.findElement(field).getDomProperty("value")) && !d.findElements(note).isEmpty());
      assertEquals("true", driver.findElement(section).getDomProperty("open"), how + ": the " + what + "'s section is open");
      assertTrue(text(note).contains("Your unsent text was kept."), how + ": " + text(note));
      assertEquals(1, driver.findElements(notes).size(), how + ": only the " + what + " was typed in: " + text(By.id("main")));
      assertTrue(draftKept(draft).contains(mark), how + ": the draft is still kept: " + draftKept(draft));
    }
  }

  /** *Discard it* on the portal: the stored value back, the note and the draft gone, and a reload does not bring them back. */
  static void assertPortalDraftDiscarded(By field, String stored, By note, By notes, String draft) {
    driver.findElement(note).findElement(By.tagName("button")).click();
    wait(10).until(d -> stored.equals(d.findElement(field).getDomProperty("value")) && d.findElements(notes).isEmpty());
    assertEquals("null", draftKept(draft));
    markDrawn();
    driver.navigate().refresh();
    awaitDrawn("/portal");
    assertEquals(stored, driver.findElement(field).getDomProperty("value"));
    assertTrue(driver.findElements(notes).isEmpty(), text(By.id("main")));
  }

  /** Goes to the directory by the menu, and waits until it is drawn. */
  static void leaveForTheDirectory() {
    markDrawn();
    driver.findElement(By.cssSelector("#nav-list a[href='/schools']")).click();
    awaitDrawn("/schools");
  }

  /** Saves the portal's profile form of `school` and waits for "Saved.". */
  static void saveProfile(String school) {
    driver.findElement(By.cssSelector("#edit-" + school + " form button[type=submit]")).click();
    wait(30).until(d -> text(By.cssSelector("#edit-" + school + " form .form-status")).contains("Saved.")
        || !d.findElements(By.cssSelector("#edit-" + school + " form .form-status .error")).isEmpty());
    assertTrue(driver.findElements(By.cssSelector("#edit-" + school + " form .form-status .error")).isEmpty(),
        text(By.cssSelector("#edit-" + school + " form")));
  }

  static void open(String path) {
    driver.get(path.startsWith("about:") ? path : base + path);
  }

  /** Polls until the condition holds; an element the page replaced meanwhile is looked up again at the next poll. */
  static WebDriverWait wait(int seconds) {
    WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(seconds));
    wait.ignoring(StaleElementReferenceException.class);
    return wait;
  }

  static WebElement waitFor(By by) {
    return wait(30).until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  /** The element's text, "" when there is none; for messages, so an element replaced meanwhile is not an error. */
  static String text(By by) {
    try {
      return driver.findElements(by).stream().map(WebElement::getText).findFirst().orElse("");
    } catch (StaleElementReferenceException replaced) {
      return "(replaced while read)";
    }
  }

  static void signIn(String email) {
    signIn(email, PASSWORD);
  }

  static void signIn(String email, String password) {
    signOut();
    open("/signin");
    waitFor(By.id("signin-email")).sendKeys(email);
    driver.findElement(By.id("signin-password")).sendKeys(password);
    driver.findElement(By.id("signin-submit")).click();
    wait(30).until(d -> !d.getCurrentUrl().contains("/signin") || !d.findElements(By.cssSelector("#signin-form .error")).isEmpty());
    assertTrue(driver.findElements(By.cssSelector("#signin-form .error")).isEmpty(), () -> "sign-in of " + email + " failed: " + text(By.id("signin-form")));
    waitFor(By.id("signout"));
  }

  static void signOut() {
    open("/");
    wait(30).until(d -> !d.findElements(By.id("signout")).isEmpty() || !d.findElements(By.id("signin-link")).isEmpty());
    if (!driver.findElements(By.id("signout")).isEmpty()) {
      driver.findElement(By.id("signout")).click();
      waitFor(By.id("signin-link"));
    }
  }

  /** Clicks an action in the row of a school and waits for the row to show the new status. */
  static void decide(String school, String action, String status) {
    By row = By.cssSelector("tr[data-name='" + school.replace("'", "\\'") + "']");
    wait(60).until(d -> !d.findElements(row).isEmpty() || !d.findElements(By.cssSelector("#main .error")).isEmpty());
    assertTrue(driver.findElements(By.cssSelector("#main > .error")).isEmpty(), text(By.id("main")));
    driver.findElement(row).findElement(By.cssSelector("button[data-action=" + action + "]")).click();
    wait(30).until(d -> status.equals(d.findElement(row).findElement(By.className("row-status")).getText())
        || !d.findElement(row).findElements(By.className("error")).isEmpty());
    assertEquals(status, driver.findElement(row).findElement(By.className("row-status")).getText(), driver.findElement(row).getText());
  }

  /** A national profile may add required fields (FR, DE...): give each a plausible value. */
  static void fillRequiredProfileFields() {
    wait(10).until(d -> true);
    for (WebElement input : driver.findElements(By.cssSelector("#profile-fields [required]"))) {
      String tag = input.getTagName();
      if (tag.equals("select")) {
        List<WebElement> options = new Select(input).getOptions();
        if (options.size() > 1) {
          new Select(input).selectByIndex(1);
        }
      } else if ("number".equals(input.getDomAttribute("type"))) {
        String min = input.getDomAttribute("min");
        input.sendKeys(min == null ? "1" : min);
      } else if ("date".equals(input.getDomAttribute("type"))) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].value = '2020-01-01'", input);
      } else {
        input.sendKeys("Test");
      }
    }
  }

  /** Opens the portal's "Projects and campaigns" and waits for Trash Hack's entry and its reports. */
  static void openTrashHackInThePortal(By trashHack) {
    open("/portal");
    By projects = By.xpath("//details[summary[normalize-space()='Projects and campaigns']]");
    wait(30).until(ExpectedConditions.presenceOfElementLocated(projects)).findElement(By.tagName("summary")).click();
    wait(30).until(ExpectedConditions.presenceOfElementLocated(trashHack));
    wait(30).until(d -> d.findElement(trashHack).findElements(By.cssSelector(".your-reports p.meta[role=status]")).stream()
        .anyMatch(p -> !p.getText().isEmpty()));
  }

  /** axe-core's serious and critical violations on the page as it is. */
  static List<String> axeViolations() throws IOException {
    ((JavascriptExecutor) driver).executeScript(axeSource());
    Object result = ((JavascriptExecutor) driver).executeAsyncScript(
        "const done = arguments[arguments.length - 1];"
            + "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations"
            + ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
            + ".map(v => v.impact + ' ' + v.id + ': ' + v.help + ' at ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '))))"
            + ".catch(e => done(['axe failed: ' + e]));");
    List<String> out = new ArrayList<>();
    for (Object v : (List<?>) result) {
      out.add(String.valueOf(v));
    }
    return out;
  }

  /** axe-core's violations of one rule on the page as it is, whatever their impact (landmark-unique is "moderate"). */
  static List<String> axeViolations(String rule) throws IOException {
    ((JavascriptExecutor) driver).executeScript(axeSource());
    Object result = ((JavascriptExecutor) driver).executeAsyncScript(
        "const done = arguments[arguments.length - 1];"
            + "axe.run(document, {runOnly: [arguments[0]], resultTypes: ['violations']}).then(r => done(r.violations"
            + ".map(v => v.impact + ' ' + v.id + ': ' + v.help + ' at ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '))))"
            + ".catch(e => done(['axe failed: ' + e]));", rule);
    List<String> out = new ArrayList<>();
    for (Object v : (List<?>) result) {
      out.add(String.valueOf(v));
    }
    return out;
  }

  static String axeSource() throws IOException {
    try (InputStream in = BrowserIT.class.getResourceAsStream("/META-INF/resources/webjars/axe-core/4.6.3/axe.min.js")) {
      if (in == null) {
        fail("axe-core is missing from the test class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Keeps a screenshot and the HTML of the page of each failed test. */
  static final class Screenshots implements TestWatcher {
    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
      if (driver == null) {
        return;
      }
      try {
        Files.createDirectories(SCREENSHOTS);
        String name = context.getRequiredTestMethod().getName();
        Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(SCREENSHOTS.resolve(name + ".html"), driver.getCurrentUrl() + "\n" + driver.getPageSource());
        System.err.println("Screenshot of the failure: " + SCREENSHOTS.resolve(name + ".png").toAbsolutePath());
      } catch (Exception e) {
        System.err.println("No screenshot: " + e);
      }
    }
  }

  @Test
  @Order(14)
  void aNationalCoordinatorEmailsRemindersFromTheAnnualReportsTab() throws Exception {
    if (platform == null) {
      return; // a running demo of one's own (aspnet.ui.baseUrl): its mail settings are not the test's to change
    }
    // from here on the platform sends email, to a port where no server listens: the messages wait in
    // the outbox, and what the tab offers and says is the subject
    Path cfg = platform.home.resolve("config/org.unesco.aspnet.mail.cfg");
    String settings = Files.readString(cfg);
    Files.writeString(cfg, settings.replaceAll("(?m)^host=.*$", "host=127.0.0.1")
        .replaceAll("(?m)^port=.*$", "port=" + Installation.anyFreePort()).replaceAll("(?m)^security=.*$", "security=NONE"));
    try {
      signIn("nc.fr@demo.aspnet.local");
      int year = java.time.Year.now().getValue() - 1;
      String tab = "/console/nc?tab=reports&country=FR&year=" + year;
      // the settings apply within a second or two: the button comes once they are in force
      WebElement send = wait(60).until(d -> {
        open(tab);
        wait(30).until(x -> !x.findElements(By.cssSelector("#main table tbody tr")).isEmpty());
        List<WebElement> button = d.findElements(By.id("send-reminders"));
        return button.isEmpty() ? null : button.get(0);
      });
      int owing = driver.findElements(By.cssSelector("#main table tbody tr[data-state=MISSING], #main table tbody tr[data-state=OPEN]")).size();
      assertTrue(owing > 0, "France's NC has reports to chase: " + text(By.id("main")));
      assertEquals(owing == 1 ? "Email a reminder to the school that has not reported"
          : "Email a reminder to the " + owing + " schools that have not reported", send.getText());

      // asked once more with the count, Not now focused (Enter twice sends nothing), and it goes back
      send.click();
      assertEquals("Not now", driver.switchTo().activeElement().getText());
      assertTrue(text(By.id("reminders")).contains(owing == 1 ? "Email a reminder of its " + year + " report to 1 school?"
          : "Email a reminder of their " + year + " report to " + owing + " schools?"), text(By.id("reminders")));
      driver.switchTo().activeElement().click();
      assertEquals("send-reminders", driver.switchTo().activeElement().getDomAttribute("id"));

      driver.findElement(By.id("send-reminders")).click();
      driver.findElement(By.id("reminders-yes")).click();
      wait(30).until(d -> text(By.id("reminders-result")).startsWith("Reminded "));
      assertEquals(owing == 1 ? "Reminded 1 school by email." : "Reminded " + owing + " schools by email.", text(By.id("reminders-result")));
      assertEquals("reminders-result", driver.switchTo().activeElement().getDomAttribute("id"), "the focus goes to what was done");
      assertTrue(driver.findElements(By.id("send-reminders")).isEmpty(), "no second send offered");
      assertTrue(axeViolations().isEmpty(), "the annual reports tab after reminders: " + axeViolations());

      // back on the tab: nobody to remind before a week has passed, and it says so
      open(tab);
      wait(30).until(d -> text(By.id("reminders")).contains("in the last 7 days"));
      assertTrue(driver.findElements(By.id("send-reminders")).isEmpty());
    } finally {
      Files.writeString(cfg, settings);
    }
  }

  /**
   * The API reference (the apidocs plugin, shipped in plugins/): Swagger UI draws the OpenAPI
   * document that every bundle adds to, without breaking the page's Content-Security-Policy, and
   * "Try it out" runs under the reader's own session, a change with its CSRF token.
   */
  @Test
  @Order(19)
  void theApiReferenceListsEveryBundlesEndpointsAndTriesThemUnderTheReadersSession() throws IOException {
    open("/");
    Map<?, ?> page = ((List<?>) apiGet("/api/v1/ui/pages").get("items")).stream().map(Map.class::cast)
        .filter(p -> "api".equals(p.get("path"))).findFirst().orElseThrow(() -> new AssertionError("no API page"));
    // marked with its bundle's install time: an updated plugin's script is not answered from the cache
    assertTrue(String.valueOf(page.get("script")).matches("/api-reference/page\\.js\\?v=[0-9a-z]+"), page.toString());

    signIn("nc.fr@demo.aspnet.local");
    WebElement entry = wait(30).until(ExpectedConditions.elementToBeClickable(By.cssSelector("#nav a[href='/p/api']")));
    assertEquals("API", entry.getText());
    entry.click();
    waitFor(By.cssSelector(".swagger-ui .opblock-tag[data-tag=security]"));
    List<String> tags = driver.findElements(By.cssSelector(".swagger-ui .opblock-tag")).stream()
        .map(t -> t.getDomAttribute("data-tag")).toList();
    assertTrue(tags.containsAll(List.of("membership", "campaigns", "exports", "partnerships", "security")), tags.toString());
    assertEquals("API reference", driver.findElement(By.cssSelector("#main h1")).getText());
    assertTrue(driver.findElements(By.cssSelector("#main .loading")).isEmpty(), "the loading line went once drawn");
    assertEquals(List.of("API reference"), driver.findElements(By.cssSelector("h1")).stream().filter(WebElement::isDisplayed).map(WebElement::getText).toList(),
        "one h1: Swagger UI's title block is left out");
    assertEquals(List.of("main"), driver.findElements(By.cssSelector("main:not([role]), [role=main]")).stream().map(e -> e.getDomAttribute("id")).toList(),
        "one main landmark, the site's");
    List<String> violations = axeViolations();
    assertTrue(violations.isEmpty(), "the API reference: " + violations);

    driver.findElement(By.cssSelector(".opblock-tag[data-tag=security]")).click();
    // a read: GET /api/v1/me answers with the signed-in person
    String me = tryItOut("operations-security-me", null);
    assertTrue(me.startsWith("200") && me.contains("nc.fr@demo.aspnet.local"), me);
    // a change: POST /api/v1/tokens passes the CSRF check (403 without its token) and makes the token
    String made = tryItOut("operations-security-createToken", "{\"name\":\"reference check\",\"days\":1}");
    assertTrue(made.startsWith("201") && made.contains("\"token\""), made);
    Map<?, ?> tokens = apiGet("/api/v1/tokens");
    assertTrue(tokens.toString().contains("reference check"), tokens.toString());

    driver.manage().window().setSize(new Dimension(360, 740));
    try {
      assertNoSidewaysScroll("the API reference at phone width");
    } finally {
      driver.manage().window().setSize(new Dimension(1280, 900));
    }

    // signed out, with an API token given under Authorize: the token goes with each request
    String token = String.valueOf(((Map<?, ?>) ((JavascriptExecutor) driver).executeAsyncScript(
        "const done = arguments[arguments.length - 1];"
            + "fetch('/api/v1/tokens', {method: 'POST', credentials: 'same-origin', headers: {'Content-Type': 'application/json',"
            + " 'X-CSRF-Token': arguments[0]}, body: JSON.stringify({name: 'reference token', days: 1})}).then(r => r.json()).then(done);",
        String.valueOf(apiGet("/api/v1/me").get("csrfToken")))).get("token"));
    assertTrue(token.startsWith("asp_"), token);
    signOut();
    open("/p/api");
    waitFor(By.cssSelector(".swagger-ui .btn.authorize")).click();
    WebElement value = waitFor(By.cssSelector(".auth-container input[type=text], .auth-container input[type=password]"));
    value.sendKeys(token);
    driver.findElement(By.cssSelector(".auth-container .btn.modal-btn.auth.authorize")).click();
    driver.findElement(By.cssSelector(".modal-ux .btn-done, .modal-ux .close-modal")).click();
    driver.findElement(By.cssSelector(".opblock-tag[data-tag=security]")).click();
    String asToken = tryItOut("operations-security-me", null);
    assertTrue(asToken.startsWith("200") && asToken.contains("nc.fr@demo.aspnet.local"), "the token was sent: " + asToken);
  }

  /** Opens an operation of the API reference, tries it with the body given (if any), and returns "status body". */
  static String tryItOut(String operation, String body) {
    By block = By.id(operation);
    driver.findElement(block).findElement(By.cssSelector(".opblock-summary-control")).click();
    wait(30).until(d -> d.findElement(block).findElement(By.cssSelector("button.try-out__btn"))).click();
    if (body != null) {
      WebElement text = wait(30).until(d -> d.findElement(block).findElement(By.cssSelector("textarea.body-param__text")));
      text.sendKeys(org.openqa.selenium.Keys.chord(org.openqa.selenium.Keys.CONTROL, "a"), org.openqa.selenium.Keys.DELETE);
      text.sendKeys(body);
    }
    driver.findElement(block).findElement(By.cssSelector("button.execute")).click();
    By status = By.cssSelector(".live-responses-table tbody .response-col_status");
    String code = wait(30).until(d -> d.findElement(block).findElement(status)).getText().trim();
    String answer = driver.findElement(block).findElement(By.cssSelector(".live-responses-table tbody .response-col_description")).getText();
    return code + " " + answer;
  }
}
