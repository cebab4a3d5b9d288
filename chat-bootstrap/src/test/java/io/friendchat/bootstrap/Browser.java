package io.friendchat.bootstrap;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A headless Chromium driven through the chromedriver installed beside it (Debian's
 * {@code chromium} and {@code chromium-driver}); Selenium is never let to download one.
 * Where none is installed the test is skipped, unless {@code CHAT_REQUIRE_BROWSER=1}.
 */
final class Browser implements AutoCloseable {

    private static final List<String> CHROMIUM_NAMES = List.of("chromium", "chromium-browser", "google-chrome");

    final ChromeDriver driver;
    private final ChromeDriverService service;

    private Browser(ChromeDriver driver, ChromeDriverService service) {
        this.driver = driver;
        this.service = service;
    }

    /** What to run: the browser and its driver, found on the PATH (or named by CHAT_CHROMIUM, CHAT_CHROMEDRIVER). */
    record Installation(Path chromium, Path chromedriver) {
    }

    /** The installed browser, or the test is skipped (failed when CHAT_REQUIRE_BROWSER=1) with one line saying why. */
    static Installation installedOrSkip() {
        Optional<Path> chromium = configured("CHAT_CHROMIUM").or(() -> onPath(CHROMIUM_NAMES));
        Optional<Path> chromedriver = configured("CHAT_CHROMEDRIVER").or(() -> onPath(List.of("chromedriver")));
        if (chromium.isPresent() && chromedriver.isPresent()) {
            return new Installation(chromium.get(), chromedriver.get());
        }
        String why = "no Chromium and chromedriver found on the PATH: browser test skipped "
                + "(apt-get install chromium chromium-driver)";
        if ("1".equals(System.getenv("CHAT_REQUIRE_BROWSER"))) {
            throw new AssertionError(why.replace("skipped", "required by CHAT_REQUIRE_BROWSER=1"));
        }
        System.err.println(why);
        Assumptions.abort(why);
        throw new IllegalStateException("unreachable");
    }

    /** A fresh browser (its own profile in {@code profile}) whose page is this size. */
    static Browser open(Installation installation, Path profile, int width, int height) throws IOException {
        Files.createDirectories(profile);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(installation.chromium().toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile.toAbsolutePath(),
                "--window-size=" + width + "," + height, "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(installation.chromedriver().toFile())
                .usingAnyFreePort()
                .withLogFile(profile.resolve("chromedriver.log").toFile())
                .build();
        ChromeDriver driver;
        try {
            driver = new ChromeDriver(service, options);
        } catch (RuntimeException e) {
            service.stop();
            throw e;
        }
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30)).scriptTimeout(Duration.ofSeconds(30));
        // The window size counts the browser's own frame: grow it until the page itself has the size asked for.
        List<?> inner = (List<?>) driver.executeScript("return [window.innerWidth, window.innerHeight];");
        int frameWidth = width - ((Number) inner.get(0)).intValue();
        int frameHeight = height - ((Number) inner.get(1)).intValue();
        if (frameWidth > 0 || frameHeight > 0) {
            driver.manage().window().setSize(new Dimension(width + Math.max(0, frameWidth),
                    height + Math.max(0, frameHeight)));
        }
        return new Browser(driver, service);
    }

    byte[] screenshot() {
        return ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
        }
    }

    private static Optional<Path> configured(String variable) {
        String value = System.getenv(variable);
        return value == null || value.isBlank() ? Optional.empty()
                : Optional.of(Path.of(value)).filter(Files::isExecutable);
    }

    private static Optional<Path> onPath(List<String> names) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String name : names) {
            for (String directory : path.split(File.pathSeparator)) {
                Path candidate = Path.of(directory).resolve(name);
                if (!directory.isEmpty() && Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }
}
