package io.tiski.localstack.bench;

import io.tiski.infrastructure.testing.Browser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/** What the browser tools share: signing in through the page, waiting for it, and calling the API. */
final class WorkspaceTour {
    private WorkspaceTour() {
    }

    static void signIn(Browser browser, String base, String username, String password) {
        ChromeDriver driver = browser.driver();
        driver.get(base + "/");
        until(() -> !driver.findElements(By.id("username")).isEmpty(), "the sign-in page");
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.cssSelector("form.signin-card button[type=submit]")).click();
        until(() -> !driver.findElements(By.cssSelector(".topbar")).isEmpty(), "the workspace after sign-in");
    }

    static void until(BooleanSupplier condition, String what) {
        Instant end = Instant.now().plus(Duration.ofSeconds(60));
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
        throw new IllegalStateException("Waited 60 s for " + what);
    }

    static String call(HttpClient http, String token, String method, String url, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30));
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + url + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body();
    }
}
