package io.tiski.localstack;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.path.json.JsonPath;
import io.tiski.infrastructure.testing.Browser;
import jakarta.mail.Message;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

/**
 * Two agents in real Chromium on the whole running stack: a customer's mail appears in the inbox without a
 * reload, the agent opens it, sees the acknowledgement go out, answers with a canned answer and solves the ticket
 * with a contact reason, while a second agent (working in Finnish) sees that someone else is on the ticket, and
 * then does the same in Finnish.
 */
class AgentWorkspaceIT {
    static final String TOKEN = "ui-admin-token-" + UUID.randomUUID();
    static final String PASSWORD = "kolme kenkää ja sateenvarjo ja kissa";
    static LocalStack stack;
    static Browser aino;
    static Browser maija;

    @BeforeAll
    static void start() throws Exception {
        assertThat(Browser.available()).as("Chromium and ChromeDriver (apt-get install chromium chromium-driver)")
                .isTrue();
        stack = LocalStack.start(LocalStack.Settings.throwaway("ui", TOKEN), System.out::println);
        account("aino", "Aino Agentti", "en");
        account("maija", "Maija Meikäläinen", "fi");
        given().auth().oauth2(TOKEN).contentType("application/json").body(Map.of("labelFi", "Toimitus myöhässä",
                "labelSv", "Leveransen försenad", "labelEn", "Delivery late", "active", true, "position", 1))
                .put(api() + "/api/v1/contact-reasons/DELIVERY_LATE").then().statusCode(200);
        cannedAnswer("Delivery delayed", "Hello {{customer.first_name}}, your parcel is on its way; ticket "
                + "{{ticket.number}} stays open until it arrives. Best regards, {{agent.name}}", "en");
        cannedAnswer("Toimitus viivästyy", "Hei {{customer.first_name}}, pakettisi on matkalla. Tiketti "
                + "{{ticket.number}} on auki, kunnes se saapuu. Terveisin {{agent.name}}", "fi");
        aino = Browser.start(Browser.DESKTOP, "en");
        maija = Browser.start(Browser.DESKTOP, "fi");
    }

    @AfterAll
    static void stop() {
        for (Browser browser : new Browser[] {aino, maija}) {
            if (browser != null) {
                browser.close();
            }
        }
        if (stack != null) {
            stack.close();
        }
    }

    static String api() {
        return stack.service(LocalStack.TICKET).url();
    }

    static void account(String username, String name, String locale) {
        given().auth().oauth2(TOKEN).contentType("application/json").body(Map.of("username", username,
                "displayName", name, "role", "agent", "locale", locale, "password", PASSWORD))
                .post(api() + "/api/v1/accounts").then().statusCode(201);
    }

    static void cannedAnswer(String title, String body, String language) {
        given().auth().oauth2(TOKEN).contentType("application/json").body(Map.of("title", title, "body", body,
                "language", language)).post(api() + "/api/v1/canned-answers").then().statusCode(201);
    }

    /** Signs in through the form (unless still signed in) and waits for the live stream to be open. */
    static void signIn(Browser browser, String username) {
        browser.signInToWorkspace(api(), username, PASSWORD);
        await().ignoreExceptions().atMost(Duration.ofSeconds(15)).until(() -> browser.driver().findElement(
                By.id("live-state")).getAttribute("class").contains("on"));
    }

    static void sendMail(String from, String name, String subject, String text) throws Exception {
        MimeMessage mail = new MimeMessage(stack.mail().session());
        mail.setFrom(new InternetAddress(from, name, "UTF-8"));
        mail.setRecipients(Message.RecipientType.TO, "support@localhost");
        mail.setSubject(subject, "UTF-8");
        mail.setText(text, "UTF-8");
        Transport.send(mail);
    }

    static int mailsTo(String address) throws Exception {
        return stack.mail().inbox(address).size();
    }

    /**
     * The number of the listed ticket with this subject, once it is listed; read in one script, since the live
     * feed may redraw the list between two WebDriver calls.
     */
    static String rowWithSubject(ChromeDriver driver, String subject) {
        return await().ignoreExceptions().atMost(Duration.ofSeconds(60)).until(() -> (String) driver.executeScript(
                "const row = [...document.querySelectorAll('tr.ticket-row')].find(r => r.textContent.includes("
                        + "arguments[0])); return row ? row.dataset.number : null", subject), n -> n != null);
    }

    /** Does something to the page, again if the element was redrawn meanwhile (live updates redraw parts). */
    static void retrying(Runnable action) {
        await().ignoreExceptions().atMost(Duration.ofSeconds(10)).until(() -> {
            action.run();
            return true;
        });
    }

    /** Marks the page so that a reload (which would wipe the mark) is noticed. */
    static void markPage(ChromeDriver driver) {
        driver.executeScript("window.__stillTheSamePage = true");
    }

    static boolean samePage(ChromeDriver driver) {
        return Boolean.TRUE.equals(driver.executeScript("return window.__stillTheSamePage === true"));
    }

    /** Open → acknowledgement seen → canned answer sent → solved with a contact reason, in the agent's language. */
    static String workTicket(ChromeDriver driver, String subject, String customerFirstName, String cannedSearch,
            String reasonLabel) {
        markPage(driver);
        String number = rowWithSubject(driver, subject);
        assertThat(samePage(driver)).as("the new ticket appeared without a reload").isTrue();
        retrying(() -> driver.findElement(By.cssSelector("tr.ticket-row[data-number='" + number + "'] a.subject-link"))
                .click());
        await().ignoreExceptions().atMost(Duration.ofSeconds(15)).until(() -> driver.findElements(By.cssSelector(
                ".timeline .message.dir-INBOUND")).size() == 1);
        await().ignoreExceptions().atMost(Duration.ofSeconds(60)).until(() -> !driver.findElements(By.cssSelector(
                "li.delivery[data-kind=ACKNOWLEDGEMENT] .status-SENT")).isEmpty());

        driver.findElement(By.id("canned-toggle")).click();
        driver.findElement(By.id("canned-search")).sendKeys(cannedSearch);
        await().ignoreExceptions().atMost(Duration.ofSeconds(10)).until(() -> driver.findElements(By.cssSelector(".canned-answer"))
                .size() == 1);
        retrying(() -> driver.findElement(By.cssSelector(".canned-answer")).click());
        String text = driver.findElement(By.id("composer-text")).getAttribute("value");
        assertThat(text).contains(customerFirstName).contains(number).doesNotContain("{{");
        retrying(() -> driver.findElement(By.id("send")).click());
        await().ignoreExceptions().atMost(Duration.ofSeconds(15)).until(() -> driver.findElements(By.cssSelector(
                ".timeline .message.dir-OUTBOUND")).stream().anyMatch(m -> m.getText().contains(customerFirstName)));
        await().ignoreExceptions().atMost(Duration.ofSeconds(60)).until(() -> !driver.findElements(By.cssSelector(
                "li.delivery[data-kind=AGENT_REPLY] .status-SENT")).isEmpty());

        retrying(() -> new Select(driver.findElement(By.id("f-contactReason"))).selectByVisibleText(reasonLabel));
        await().ignoreExceptions().atMost(Duration.ofSeconds(10)).until(() -> "DELIVERY_LATE".equals(ticket(number)
                .getString("contactReason")));
        retrying(() -> new Select(driver.findElement(By.id("f-status"))).selectByValue("SOLVED"));
        await().ignoreExceptions().atMost(Duration.ofSeconds(10)).until(() -> "SOLVED".equals(ticket(number).getString("status")));
        await().ignoreExceptions().atMost(Duration.ofSeconds(10)).until(() -> !driver.findElements(By.cssSelector(
                ".ticket-meta .status-SOLVED")).isEmpty());
        return number;
    }

    static JsonPath ticket(String number) {
        return given().auth().oauth2(TOKEN).get(api() + "/api/v1/tickets/" + number).then().statusCode(200)
                .extract().jsonPath();
    }

    @Test
    void anAgentWorksANewMailTicketLiveWhileASecondAgentSeesTheCollisionAndWorksInFinnish() throws Exception {
        ChromeDriver a = aino.driver();
        ChromeDriver m = maija.driver();
        signIn(aino, "aino");
        signIn(maija, "maija");
        assertThat(m.executeScript("return document.documentElement.lang")).isEqualTo("fi");
        await().ignoreExceptions().atMost(Duration.ofSeconds(10)).until(() -> m.findElement(By.cssSelector(
                ".sidebar")).getText().contains("Kaikki avoimet") && m.findElement(By.cssSelector(".sidebar"))
                .getText().contains("Omat"));

        String customer = "aino.asiakas-" + UUID.randomUUID() + "@example.fi";
        String subject = "Where is my order " + UUID.randomUUID().toString().substring(0, 8);
        sendMail(customer, "Aino Asiakas", subject, "Hello, my order has not arrived yet. Could you check it?");
        markPage(m);
        String first = workTicketWithCollision(a, m, subject);
        assertThat(samePage(m)).isTrue();
        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> mailsTo(customer) == 2); // acknowledgement and reply
        JsonPath solved = ticket(first);
        assertThat(solved.getList("messages.direction")).containsExactly("INBOUND", "OUTBOUND");
        assertThat(solved.getString("messages[1].agentName")).isEqualTo("aino");

        // the same in Finnish
        m.get(api() + "/#/inbox/open");
        await().ignoreExceptions().atMost(Duration.ofSeconds(15)).until(() -> !m.findElements(By.cssSelector(".list-region[aria-busy=false]"))
                .isEmpty());
        String asiakas = "matti-" + UUID.randomUUID() + "@example.fi";
        String aihe = "Paketti ei ole tullut " + UUID.randomUUID().toString().substring(0, 8);
        sendMail(asiakas, "Matti Virtanen", aihe, "Hei, tilaamani kengät eivät ole vielä tulleet. Missä ne ovat?");
        String second = workTicket(m, aihe, "Matti", "viivästyy", "Toimitus myöhässä");
        assertThat(m.findElement(By.cssSelector(".composer-tabs")).getText()).contains("Vastaa",
                "Sisäinen muistiinpano");
        await().ignoreExceptions().atMost(Duration.ofSeconds(10)).until(() -> m.findElement(By.cssSelector(
                ".ticket-meta")).getText().contains("Ratkaistu"));
        assertThat(ticket(second).getString("messages[1].text")).startsWith("Hei Matti, pakettisi on matkalla");
        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> mailsTo(asiakas) == 2);
        assertThat(aino.requestsLeaving(api())).isEmpty();
        assertThat(maija.requestsLeaving(api())).isEmpty();
    }

    @Test
    void pageAfterPageLoadsWhileEarlierOnesWaitInTheBackForwardCache() {
        ChromeDriver a = aino.driver();
        signIn(aino, "aino");
        // each page left behind may be kept frozen; if it kept its live stream, the seventh would find no
        // connection free (six per host) and never draw its list
        for (int i = 0; i < 9; i++) {
            a.get(api() + "/?page=" + i + "#/inbox/open");
            await().ignoreExceptions().atMost(Duration.ofSeconds(15)).until(() -> a.executeScript(
                    "return document.body.dataset.inboxFirstPageMs") != null);
        }
        await().ignoreExceptions().atMost(Duration.ofSeconds(15)).until(() -> a.findElement(By.id("live-state"))
                .getAttribute("class").contains("on"));
    }

    /** Aino works the ticket; Maija opens it meanwhile and each sees the other. */
    static String workTicketWithCollision(ChromeDriver a, ChromeDriver m, String subject) {
        markPage(a);
        String number = rowWithSubject(a, subject);
        assertThat(samePage(a)).as("the new ticket appeared without a reload").isTrue();
        rowWithSubject(m, subject); // Maija's inbox got it live too
        m.get(api() + "/#/tickets/" + number);
        a.get(api() + "/#/tickets/" + number);
        await().ignoreExceptions().atMost(Duration.ofSeconds(20)).until(() -> a.findElement(By.cssSelector(".presence")).getText()
                .contains("maija is viewing this ticket"));
        await().ignoreExceptions().atMost(Duration.ofSeconds(20)).until(() -> m.findElement(By.cssSelector(".presence")).getText()
                .contains("aino katsoo tätä tikettiä"));
        a.findElement(By.id("composer-text")).sendKeys("Hello");
        await().ignoreExceptions().atMost(Duration.ofSeconds(20)).until(() -> m.findElement(By.cssSelector(".presence")).getText()
                .contains("aino kirjoittaa vastausta tähän tikettiin"));
        a.findElement(By.id("composer-text")).clear();
        a.get(api() + "/#/inbox/open");
        String worked = workTicket(a, subject, "Aino", "delayed", "Delivery late");
        assertThat(worked).isEqualTo(number);
        return number;
    }
}
