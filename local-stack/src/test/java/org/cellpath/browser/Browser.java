package org.cellpath.browser;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium driven through Debian's chromedriver: nothing is downloaded (the
 * driver's path is given, so Selenium Manager never runs), and the background-networking features
 * that would call out of a closed network are off. Every page the test looks at can be saved as a
 * screenshot; every URL the browser visited is kept, so that a test can check that none holds
 * patient data.
 */
final class Browser implements AutoCloseable {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final String INSTALL_HINT = "apt-get install -y chromium chromium-driver";

  private final ChromeDriver driver;
  private final Path profile;
  private final Path screenshots;
  private final String baseUrl;
  private final List<String> visited = new ArrayList<>();

  /** Numbers the screenshots of a whole run in the order they were taken. */
  private static final java.util.concurrent.atomic.AtomicInteger SHOTS =
      new java.util.concurrent.atomic.AtomicInteger();

  private Browser(ChromeDriver driver, Path profile, Path screenshots, String baseUrl) {
    this.driver = driver;
    this.profile = profile;
    this.screenshots = screenshots;
    this.baseUrl = baseUrl;
  }

  static boolean installed() {
    return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
  }

  static Browser open(String baseUrl, Path screenshots) throws IOException {
    Path profile = Files.createTempDirectory("cellpath-chromium-");
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-default-apps",
        "--disable-extensions",
        "--user-data-dir=" + profile,
        "--window-size=1366,900",
        "--lang=en-US");
    options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "en-US,en"));
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    Files.createDirectories(screenshots);
    return new Browser(new ChromeDriver(service, options), profile, screenshots, baseUrl);
  }

  WebDriver driver() {
    return driver;
  }

  void go(String path) {
    driver.get(baseUrl + path);
    visited.add(driver.getCurrentUrl());
  }

  /**
   * Whether the element's page has been replaced. Chromium answers a question about a node of a
   * page being replaced with a stale reference, or with another error ("does not belong to the
   * document"): both mean it is going.
   */
  private static boolean gone(WebElement element) {
    try {
      element.isEnabled();
      return false;
    } catch (WebDriverException going) {
      return true;
    }
  }

  List<String> visited() {
    return List.copyOf(visited);
  }

  /** An element by its exact id (the console's ids hold dots, which CSS would need escaped). */
  WebElement id(String id) {
    return driver.findElement(byId(id));
  }

  static By byId(String id) {
    return By.xpath("//*[@id='" + id + "']");
  }

  void type(String id, String text) {
    WebElement field = id(id);
    field.clear();
    field.sendKeys(text);
  }

  /** Sets a date field's ISO value: typing depends on the browser's date format. */
  void date(String id, String isoDate) {
    ((JavascriptExecutor) driver)
        .executeScript("arguments[0].value = arguments[1];", id(id), isoDate);
  }

  void choose(String id, String value) {
    new Select(id(id)).selectByValue(value);
  }

  void check(String name, String value) {
    WebElement box =
        driver.findElement(
            By.xpath(
                "//input[@type='checkbox' and @name='" + name + "' and @value='" + value + "']"));
    if (!box.isSelected()) {
      box.click();
    }
  }

  /** Clicks and records where the browser went. */
  void click(By by) {
    WebElement page = driver.findElement(By.tagName("html"));
    driver.findElement(by).click();
    // A click that submits a form or follows a link loads another page, and may return before the
    // old one is gone: reading then would read the old page. A click that only changes this page
    // leaves it in place, and the wait ends without it.
    try {
      new WebDriverWait(driver, Duration.ofSeconds(3), Duration.ofMillis(50))
          .until(d -> gone(page));
    } catch (TimeoutException stayed) {
      // The same page: nothing to wait for.
    }
    visited.add(driver.getCurrentUrl());
  }

  /**
   * Waits for a condition, reloading the page before each look: what the page shows changes on the
   * server.
   */
  <T> T awaitOnReload(Duration timeout, Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, timeout, Duration.ofMillis(750))
        .until(
            d -> {
              d.navigate().refresh();
              return condition.apply(d);
            });
  }

  <T> T await(Duration timeout, Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, timeout, Duration.ofMillis(200)).until(condition);
  }

  /** Saves the page as {@code NN-name.png}, the whole page height at the window's width. */
  Path screenshot(String name) throws IOException {
    visited.add(driver.getCurrentUrl());
    Dimension window = driver.manage().window().getSize();
    long height =
        (Long)
            ((JavascriptExecutor) driver)
                .executeScript(
                    "return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight);");
    driver
        .manage()
        .window()
        .setSize(
            new Dimension(window.getWidth(), (int) Math.min(Math.max(height + 140, 600), 6000)));
    try {
      File shot = driver.getScreenshotAs(OutputType.FILE);
      Path target =
          screenshots.resolve(String.format("%02d-%s.png", SHOTS.incrementAndGet(), name));
      Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
      return target;
    } finally {
      driver.manage().window().setSize(window);
    }
  }

  /**
   * Signs in with the development token issuer's form as the given role and name (and NPI, for a
   * physician), and waits for the page that follows.
   */
  void signIn(String role, String name, String npi, Duration wait) {
    go("/signin");
    driver.findElement(By.xpath("//input[@name='role' and @value='" + role + "']")).click();
    type("name", name);
    if (npi != null) {
      type("npi", npi);
    }
    click(By.id("signin-submit"));
    await(wait, d -> !d.getCurrentUrl().endsWith("/signin"));
    if (!driver.findElement(By.cssSelector(".signout")).getText().contains(name)) {
      throw new AssertionError("Signed in, but the page does not name " + name);
    }
  }

  void signOut(Duration wait) {
    click(By.cssSelector(".signout button"));
    await(wait, d -> d.getCurrentUrl().contains("/signin"));
  }

  /** A phone-sized window (the width and height of a common phone's viewport). */
  void phoneSized() {
    resize(390, 844);
  }

  void resize(int width, int height) {
    driver.manage().window().setSize(new Dimension(width, height));
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      } catch (IOException e) {
        // A temporary profile left behind is harmless.
      }
    }
  }
}
