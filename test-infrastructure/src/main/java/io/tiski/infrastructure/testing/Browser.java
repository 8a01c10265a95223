package io.tiski.infrastructure.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.UnexpectedAlertBehaviour;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.remote.CapabilityType;

/**
 * The machine's Chromium, headless, driven by its own ChromeDriver (Debian's {@code chromium} and
 * {@code chromium-driver}; {@code .ci/run} installs them). Nothing is downloaded: Selenium Manager is off, and the
 * browser is told not to reach anything on its own (no updates, sync or background requests), so every request it
 * makes is one the page under test asked for. The performance log records those requests.
 */
public final class Browser implements AutoCloseable {
    public static final Dimension DESKTOP = new Dimension(1440, 900);
    public static final Dimension PHONE = new Dimension(390, 844);

    private final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Whether this machine has Chromium and its driver where Debian puts them (or where the environment says). */
    public static boolean available() {
        return new File(chromium()).canExecute() && new File(chromedriver()).canExecute();
    }

    public static Browser start(Dimension size, String acceptLanguage) {
        System.setProperty("SE_OFFLINE", "true");
        System.setProperty("webdriver.http.factory", "jdk-http-client");
        Path profile;
        try {
            profile = Files.createTempDirectory("tiski-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-default-apps", "--disable-extensions", "--hide-scrollbars",
                "--window-size=" + size.getWidth() + "," + size.getHeight(), "--lang=" + acceptLanguage,
                "--user-data-dir=" + profile);
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", acceptLanguage));
        options.setUnhandledPromptBehaviour(UnexpectedAlertBehaviour.IGNORE);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        options.setCapability(CapabilityType.ACCEPT_INSECURE_CERTS, false);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(chromedriver())).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        // the page's viewport exactly as asked (a headless window's size includes its frame); phones at 2x
        boolean phone = size.getWidth() < 600;
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", size.getWidth(), "height",
                size.getHeight(), "deviceScaleFactor", phone ? 2 : 1, "mobile", phone));
        return new Browser(driver, profile);
    }

    public ChromeDriver driver() {
        return driver;
    }

    /**
     * Signs in to the agents' workspace at {@code base} through its sign-in form, and waits for the workspace; an
     * agent still signed in (the session cookie) is left as is.
     */
    public void signInToWorkspace(String base, String username, String password) {
        driver.get(base + "/");
        waitFor(() -> !driver.findElements(By.id("username")).isEmpty()
                || !driver.findElements(By.cssSelector(".topbar")).isEmpty(), Duration.ofSeconds(30), "the sign-in page");
        if (driver.findElements(By.id("username")).isEmpty()) {
            return;
        }
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.cssSelector("form.signin-card button[type=submit]")).click();
        waitFor(() -> !driver.findElements(By.cssSelector(".topbar")).isEmpty(), Duration.ofSeconds(30),
                "the workspace after signing in as " + username);
    }

    /** {@link #waitFor(BooleanSupplier, Duration, String)} for up to a minute. */
    public static void waitFor(BooleanSupplier condition, String what) {
        waitFor(condition, Duration.ofMinutes(1), what);
    }

    /**
     * Waits until {@code condition} holds, asking every 100 ms; an exception from the page (an element redrawn
     * meanwhile) counts as "not yet". Fails naming {@code what} after {@code timeout}.
     */
    public static void waitFor(BooleanSupplier condition, Duration timeout, String what) {
        Instant end = Instant.now().plus(timeout);
        while (Instant.now().isBefore(end)) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException e) {
                // the page is still drawing
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("Waited " + timeout.toSeconds() + " s for " + what);
    }

    /**
     * The requests since the last call that left for another origin than {@code origin} and were not blocked by
     * the browser (a request the Content-Security-Policy stopped is reported by DevTools too, with a reason).
     */
    public List<String> requestsLeaving(String origin) {
        Map<String, String> urls = new java.util.LinkedHashMap<>();
        java.util.Set<String> blocked = new java.util.HashSet<>();
        List<String> dialogs = new ArrayList<>();
        org.openqa.selenium.json.Json json = new org.openqa.selenium.json.Json();
        for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE)) {
            Map<String, Object> message = json.toType(entry.getMessage(), org.openqa.selenium.json.Json.MAP_TYPE);
            @SuppressWarnings("unchecked")
            Map<String, Object> inner = (Map<String, Object>) message.get("message");
            String method = String.valueOf(inner.get("method"));
            @SuppressWarnings("unchecked")
            Map<String, Object> params = (Map<String, Object>) inner.getOrDefault("params", Map.of());
            if (method.equals("Network.requestWillBeSent")) {
                @SuppressWarnings("unchecked")
                Map<String, Object> request = (Map<String, Object>) params.get("request");
                urls.put(String.valueOf(params.get("requestId")), String.valueOf(request.get("url")));
            } else if (method.equals("Network.loadingFailed") && params.get("blockedReason") != null) {
                blocked.add(String.valueOf(params.get("requestId")));
            } else if (method.equals("Page.javascriptDialogOpening")) {
                dialogs.add("dialog: " + params.get("message"));
            }
        }
        List<String> leaving = new ArrayList<>(dialogs);
        urls.forEach((id, url) -> {
            boolean local = url.startsWith(origin) || url.startsWith("data:") || url.startsWith("about:")
                    || url.startsWith("blob:") || url.startsWith("chrome:") || url.startsWith("chrome-untrusted:");
            // chrome:// pages are the browser's own (its start page), not the network
            if (!local && !blocked.contains(id)) {
                leaving.add(url);
            }
        });
        return leaving;
    }

    /** The browser console's messages since the last call (CSP reports land here). */
    public List<String> consoleMessages() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage).toList();
    }

    public void screenshot(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String chromium() {
        return System.getenv().getOrDefault("TISKI_CHROMIUM", "/usr/bin/chromium");
    }

    private static String chromedriver() {
        return System.getenv().getOrDefault("TISKI_CHROMEDRIVER", "/usr/bin/chromedriver");
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temp directory left behind is harmless
            }
        }
    }
}
