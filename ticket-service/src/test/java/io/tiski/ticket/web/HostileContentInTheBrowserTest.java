package io.tiski.ticket.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tiski.events.v1.AttachmentReference;
import io.tiski.events.v1.Channel;
import io.tiski.events.v1.EmailHeaders;
import io.tiski.events.v1.EventEnvelope;
import io.tiski.events.v1.InboundMessageReceived;
import io.tiski.events.v1.Participant;
import io.tiski.events.v1.SenderClassification;
import io.tiski.infrastructure.testing.Browser;
import io.tiski.infrastructure.testing.KafkaTestResource;
import io.tiski.infrastructure.testing.PostgresTestResource;
import io.tiski.infrastructure.testing.TopicProbe;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The hostile-HTML corpus (email-ingest's test resources: 40 payloads) sent unsanitised straight onto the inbound
 * topic, so the web UI's own defences are what is tested: each payload is a ticket's subject, the customer's
 * name, the message's text and HTML and an attachment's file name. The inbox and every ticket are rendered in
 * real Chromium; no payload may open a dialog, run script or make the browser request anything from another
 * origin.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "service", value = "ticket"))
class HostileContentInTheBrowserTest {
    static final String PASSWORD = "correct horse battery staple";
    static final Path CORPUS = Path.of("../email-ingest-service/src/test/resources/hostile/xss-payloads.txt");
    static Browser browser;

    @TestHTTPResource("/")
    URL root;

    @BeforeAll
    static void startBrowser() {
        assertThat(Browser.available()).as("Chromium and ChromeDriver (apt-get install chromium chromium-driver)")
                .isTrue();
        browser = Browser.start(Browser.DESKTOP, "en");
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    static List<String> payloads() throws IOException {
        return Files.readAllLines(CORPUS, StandardCharsets.UTF_8).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
    }

    static InboundMessageReceived hostile(String payload, String subject, String conversation, String messageId,
            String marker) {
        // one sender per conversation: the threading engine keeps a stranger's "reply" out of someone's ticket
        String from = "hostile-" + (conversation == null ? messageId.replace("@", ".")
                : conversation.replace("@", ".")) + "@example.fi";
        List<String> references = conversation == null ? List.of() : List.of(conversation);
        return new InboundMessageReceived(UUID.randomUUID().toString(), Instant.now(), Channel.EMAIL, messageId,
                "email:" + (conversation == null ? messageId : conversation), "support@localhost",
                new Participant(from, payload), List.of(new Participant("support@localhost", null)), List.of(),
                subject, payload + "\n" + marker, payload + "\n" + marker, "<p>Hei!</p>" + payload + "<p>Terveisin</p>", "fi",
                SenderClassification.PERSON, new EmailHeaders(messageId, references, references, null, null,
                        subject, null),
                List.of(new AttachmentReference(null, payload, "text/html", 10, null, false,
                        "kept out for this test")), null, Map.of(), null, null);
    }

    @Test
    void noPayloadRunsOrReachesOutInTheInboxOrTheTicketView() throws IOException {
        try {
            renderEveryPayload();
        } catch (AssertionError | RuntimeException e) {
            browser.screenshot(Path.of("target/screenshots/hostile-content-failure.png"));
            System.err.println("Browser console: " + String.join("\n", browser.consoleMessages()));
            throw e;
        }
    }

    void renderEveryPayload() throws IOException {
        List<String> payloads = payloads();
        assertThat(payloads).hasSizeGreaterThanOrEqualTo(30);
        TopicProbe topics = TopicProbe.ofTestBroker();
        String marker = "xss-" + UUID.randomUUID();
        for (int i = 0; i < payloads.size(); i++) {
            topics.publish(EventEnvelope.of(hostile(payloads.get(i), payloads.get(i), null,
                    marker + "-" + i + "@evil.example", marker),
                    "/test"));
        }
        // one conversation holding every payload as a message of its own
        String thread = marker + "-thread@evil.example";
        topics.publish(EventEnvelope.of(hostile("Kaikki yhdessä " + marker,
                "Kaikki yhdessä " + marker, null, thread, marker), "/test"));
        for (int i = 0; i < payloads.size(); i++) {
            topics.publish(EventEnvelope.of(hostile(payloads.get(i), "Re: Kaikki yhdessä " + marker, thread,
                    marker + "-reply-" + i
                    + "@evil.example", marker), "/test"));
        }
        String origin = root.toString().replaceAll("/$", "");
        ChromeDriver driver = browser.driver();
        // every payload ends in alert(), confirm() or prompt() when it runs: count those calls in every frame
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", "for (const name of "
                + "['alert', 'confirm', 'prompt', 'print']) { window[name] = function () { try { top.__tiskiRan = "
                + "(top.__tiskiRan || 0) + 1; } catch (e) { window.__tiskiRan = 1; } }; }"));
        browser.signInToWorkspace(origin, "admin", PASSWORD);
        browser.requestsLeaving(origin); // what the sign-in page did is not under test

        driver.get(origin + "/#/inbox/search?q=" + marker);
        List<String> numbers = await().ignoreExceptions().atMost(Duration.ofSeconds(60)).until(() -> {
            driver.navigate().refresh();
            await().ignoreExceptions().atMost(Duration.ofSeconds(10)).until(() -> !driver.findElements(
                    By.cssSelector(".list-region[aria-busy=false]")).isEmpty());
            return numbersShown(driver);
        }, shown -> shown.size() == payloads.size() + 1);
        assertNothingRan(driver, origin, "the inbox");

        for (String number : numbers) {
            driver.get(origin + "/#/tickets/" + number);
            await().ignoreExceptions().atMost(Duration.ofSeconds(10)).until(() -> !driver.findElements(By.cssSelector("#ticket-title"))
                    .isEmpty() && !driver.findElements(By.cssSelector(".timeline .message")).isEmpty());
            assertNothingRan(driver, origin, "ticket #" + number);
            // read in one script: a live update may redraw the page between two WebDriver calls
            @SuppressWarnings("unchecked")
            List<String> sandboxes = (List<String>) driver.executeScript("return [...document.querySelectorAll("
                    + "'iframe.message-frame')].map(f => f.getAttribute('sandbox'))");
            assertThat(sandboxes).allSatisfy(sandbox -> assertThat(sandbox).doesNotContain("allow-scripts"));
        }
        // the whole conversation: every payload's message in order
        driver.get(origin + "/#/tickets/" + numbers.get(numbers.size() - 1));
        await().ignoreExceptions().atMost(Duration.ofSeconds(10)).until(() -> driver.findElements(By.cssSelector(".timeline .message"))
                .size() == 1 || driver.findElements(By.cssSelector(".timeline .message")).size() > payloads.size());
        assertNothingRan(driver, origin, "the conversation of every payload");
    }

    @SuppressWarnings("unchecked")
    static List<String> numbersShown(ChromeDriver driver) {
        // read in one go: the live feed may redraw the list between two WebDriver calls
        return (List<String>) driver.executeScript("return [...document.querySelectorAll('tr.ticket-row')]"
                + ".map(row => row.dataset.number)");
    }

    static void assertNothingRan(ChromeDriver driver, String origin, String where) {
        // give lazy frames and images their chance to load (and to misbehave)
        driver.executeAsyncScript("const done = arguments[arguments.length - 1]; requestAnimationFrame(() => "
                + "setTimeout(done, 300));");
        try {
            driver.switchTo().alert();
            throw new AssertionError("a dialog opened on " + where);
        } catch (NoAlertPresentException expected) {
            // nothing opened
        }
        assertThat(browser.requestsLeaving(origin)).as("requests to other origins, or dialogs, from " + where)
                .isEmpty();
        assertThat(driver.executeScript("return window.__tiskiRan || 0")).as("payload script ran on " + where)
                .isEqualTo(0L);
        Object marks = driver.executeScript("return document.querySelectorAll('script:not([src]), [onerror], "
                + "[onload], [onclick], [onmouseover], [onfocus], [ontoggle], [onstart]').length");
        assertThat(((Number) marks).intValue()).as("inline script or event handler in the page on " + where)
                .isZero();
    }
}
