package io.tiski.localstack.bench;

import io.tiski.infrastructure.testing.Browser;
import io.tiski.localstack.LocalStack;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The screenshots in docs/images: a throwaway stack with two years of generated history (for the reports), a
 * morning's real mail sent through the mail server in three languages, some of it already worked by agents, then
 * the inbox, one ticket and the reports page at 1440×900 and at phone width.
 *
 * <pre>./tiski screenshots [directory]     # docs/images by default</pre>
 */
public final class Screenshots {
    private record Mail(String from, String name, String subject, String text, String html) {
    }

    private static final List<Mail> MORNING = List.of(
            new Mail("tom.harris@example.co.uk", "Tom Harris", "Discount code WINTER20 not accepted",
                    "Hi, the code from your newsletter says it has expired, but the mail says it is valid until "
                            + "Sunday. Could you apply it to order 100455?", null),
            new Mail("anna.svensson@example.se", "Anna Svensson", "Beställning 100402 – när levereras den?",
                    "Hej! Jag beställde vinterkängor förra veckan och har inte fått någon leveransavisering än.",
                    null),
            new Mail("pekka.makinen@example.fi", "Pekka Mäkinen", "Kengät hajosivat viikossa",
                    "Hei, ostamieni kenkien pohja irtosi jo viikon käytön jälkeen. Haluaisin reklamoida.", null),
            new Mail("emma.wilson@example.com", "Emma Wilson", "Change delivery address for order 100398",
                    "Hello, I moved last weekend. Could the parcel go to Mannerheimintie 12 B 7 instead?", null),
            new Mail("lars.berg@example.se", "Lars Berg", "Faktura saknas",
                    "Hej, jag behöver en faktura för min beställning 100377 till företaget.", null),
            new Mail("johanna.nieminen@example.fi", "Johanna Nieminen", "Lahjakortin saldo",
                    "Hei! Paljonko lahjakortillani 5521-8890 on vielä saldoa?", null),
            new Mail("mikko.korhonen@example.fi", "Mikko Korhonen", "Palautus: takki liian pieni",
                    "Hei, tilaamani talvitakki on koon liian pieni. Miten palautan sen ja saanko isomman tilalle?",
                    null),
            new Mail("sarah.miller@example.com", "Sarah Miller", "Damaged parcel – order 100311",
                    "Hello, the parcel arrived today but the box was crushed and one boot is scuffed.",
                    "<p>Hello,</p><p>the parcel for <b>order 100311</b> arrived today, but:</p><ul><li>the box "
                            + "was crushed</li><li>the left boot is badly scuffed</li></ul><p>I would like a "
                            + "replacement pair if possible.</p><p>Best regards,<br>Sarah Miller</p>"),
            new Mail("erik.lindqvist@example.se", "Erik Lindqvist", "Fel storlek på skorna",
                    "Hej, jag fick storlek 42 fast jag beställde 43. Kan ni byta?", null),
            new Mail("aino.virtanen@example.fi", "Aino Virtanen", "Tilaus 100234 ei ole saapunut",
                    "Hei, tilasin kengät viime maanantaina, mutta paketti ei ole vielä tullut. Voitteko "
                            + "tarkistaa, missä se on?", null));

    private static String ticket;

    private Screenshots() {
    }

    /** The number of the customer's ticket, once there is one. */
    private static String number(HttpClient http, String token, String base, String address) {
        try {
            String page = WorkspaceTour.call(http, token, "GET", base + "/api/v1/tickets?q="
                    + java.net.URLEncoder.encode(address, java.nio.charset.StandardCharsets.UTF_8), null);
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"number\":(\\d+)").matcher(page);
            return m.find() ? m.group(1) : null;
        } catch (Exception e) {
            return null;
        }
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("tiski.root", ".")).toAbsolutePath().normalize();
        Path out = args.length > 0 ? Path.of(args[0]) : root.resolve("docs/images");
        String token = "screenshots-" + UUID.randomUUID();
        try (LocalStack stack = LocalStack.start(LocalStack.Settings.throwaway("screenshots", token),
                System.out::println)) {
            String base = stack.service(LocalStack.TICKET).url();
            HttpClient http = HttpClient.newHttpClient();
            InboxLatency.load(stack.database("tiski_ticket"), 20_000, 3);
            var db = stack.database("tiski_ticket");
            try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                    Statement st = c.createStatement()) {
                // history keeps its high numbers; this morning's tickets count on from 1042
                st.execute("SELECT setval('ticket_number_seq', 1041)");
            }
            WorkspaceTour.call(http, token, "PUT", base + "/api/v1/contact-reasons/DELIVERY_LATE",
                    "{\"labelFi\":\"Toimitus myöhässä\",\"labelSv\":\"Leveransen försenad\",\"labelEn\":\"Delivery "
                            + "late\",\"active\":true,\"position\":1}");
            WorkspaceTour.call(http, token, "POST", base + "/api/v1/sla-policies", "{\"name\":\"Urgent\","
                    + "\"position\":0,\"conditions\":{\"priorities\":[\"URGENT\"]},\"targets\":{\"firstResponse\":"
                    + "{\"time\":\"PT50M\",\"businessHours\":false}}}");
            WorkspaceTour.call(http, token, "POST", base + "/api/v1/sla-policies", "{\"name\":\"Standard\","
                    + "\"position\":1,\"targets\":{\"firstResponse\":{\"time\":\"PT4H\",\"businessHours\":false},"
                    + "\"resolution\":{\"time\":\"P2D\",\"businessHours\":false}}}");
            WorkspaceTour.call(http, token, "POST", base + "/api/v1/canned-answers", "{\"title\":\"Replacement on "
                    + "its way\",\"language\":\"en\",\"body\":\"Hello {{customer.first_name}}, I am sorry about the "
                    + "damaged boots. A replacement pair leaves our warehouse today; you can keep the box. Best "
                    + "regards, {{agent.name}}\"}");
            Session session = stack.mail().session();
            for (Mail mail : MORNING) {
                MimeMessage message = new MimeMessage(session);
                message.setFrom(new InternetAddress(mail.from(), mail.name(), "UTF-8"));
                message.setRecipients(Message.RecipientType.TO, "support@localhost");
                message.setSubject(mail.subject(), "UTF-8");
                if (mail.html() == null) {
                    message.setText(mail.text(), "UTF-8");
                } else {
                    var alternative = new jakarta.mail.internet.MimeMultipart("alternative");
                    var text = new jakarta.mail.internet.MimeBodyPart();
                    text.setText(mail.text(), "UTF-8");
                    var html = new jakarta.mail.internet.MimeBodyPart();
                    html.setContent(mail.html(), "text/html; charset=UTF-8");
                    alternative.addBodyPart(text);
                    alternative.addBodyPart(html);
                    message.setContent(alternative);
                }
                Transport.send(message);
                Thread.sleep(700);
            }
            for (Mail mail : MORNING) {
                Browser.waitFor(() -> number(http, token, base, mail.from()) != null, mail.subject());
            }
            String pekka = number(http, token, base, "pekka.makinen@example.fi");
            String sarah = number(http, token, base, "sarah.miller@example.com");
            // some of it worked already
            WorkspaceTour.call(http, token, "PATCH", base + "/api/v1/tickets/" + pekka, "{\"priority\":\"HIGH\","
                    + "\"type\":\"COMPLAINT\",\"assignee\":\"admin\",\"addTags\":[\"reclamation\"]}");
            WorkspaceTour.call(http, token, "PATCH", base + "/api/v1/tickets/" + sarah, "{\"priority\":\"URGENT\","
                    + "\"assignee\":\"admin\",\"addTags\":[\"damaged\",\"vip\"]}");
            WorkspaceTour.call(http, token, "POST", base + "/api/v1/tickets/" + sarah + "/notes", "{\"text\":\"Photos "
                    + "checked: the box was crushed in transport. Carrier claim filed (ref. PN-55120).\"}");
            WorkspaceTour.call(http, token, "PATCH", base + "/api/v1/tickets/" + number(http, token, base,
                    "lars.berg@example.se"), "{\"status\":\"PENDING\",\"assignee\":\"admin\"}");
            WorkspaceTour.call(http, token, "PATCH", base + "/api/v1/tickets/" + number(http, token, base,
                    "mikko.korhonen@example.fi"), "{\"addTags\":[\"returns\"]}");
            ticket = sarah;

            shoot(out, base, Browser.DESKTOP, "desktop");
            shoot(out, base, Browser.PHONE, "phone");
            System.out.println("Screenshots written to " + out);
        }
    }

    private static void shoot(Path out, String base, Dimension size, String name) {
        try (Browser browser = Browser.start(size, "en")) {
            ChromeDriver driver = browser.driver();
            browser.signInToWorkspace(base, "admin", LocalStack.EPHEMERAL_ADMIN_PASSWORD);
            driver.get(base + "/#/inbox/open");
            Browser.waitFor(() -> driver.findElements(By.cssSelector("tr.ticket-row")).size() >= 10
                    && !driver.findElements(By.cssSelector(".sidebar .count")).isEmpty(), "the inbox");
            pause();
            browser.screenshot(out.resolve("ui-inbox-" + name + ".png"));
            driver.get(base + "/#/tickets/" + ticket);
            Browser.waitFor(() -> !driver.findElements(By.cssSelector("li.delivery .status-SENT")).isEmpty()
                    && !driver.findElements(By.cssSelector(".customer-panel h2")).isEmpty(), "the ticket");
            driver.findElement(By.id("canned-toggle")).click();
            Browser.waitFor(() -> !driver.findElements(By.cssSelector(".canned-answer")).isEmpty(), "answers");
            driver.findElement(By.cssSelector(".canned-answer")).click();
            driver.executeScript("window.scrollTo(0, 0)");
            pause();
            browser.screenshot(out.resolve("ui-ticket-" + name + ".png"));
            driver.get(base + "/#/reports");
            Browser.waitFor(() -> driver.findElements(By.cssSelector(".report-grid .card")).size() >= 6,
                    "the reports");
            pause();
            browser.screenshot(out.resolve("ui-reports-" + name + ".png"));
        }
    }

    private static void pause() {
        try {
            Thread.sleep(1500); // let images and frames settle before the picture
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
