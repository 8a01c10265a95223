package io.tiski.localstack;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.path.json.JsonPath;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * email-ingest-service killed with SIGKILL while mail streams in, and mail sent while it is down: after the
 * restart every mail is one ticket message and one acknowledgement, none lost, none doubled.
 */
class EmailIngestCrashIT {
    static final String TOKEN = "crash-admin-token-" + UUID.randomUUID();
    static LocalStack stack;

    @BeforeAll
    static void startStack() throws Exception {
        stack = LocalStack.start(LocalStack.Settings.throwaway("crash", TOKEN), System.out::println);
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    static void send(Session session, String from, String subject) throws Exception {
        MimeMessage mail = new MimeMessage(session);
        mail.setFrom(new InternetAddress(from));
        mail.setRecipients(Message.RecipientType.TO, "support@localhost");
        mail.setSubject(subject, "UTF-8");
        mail.setText("Hei, missä tilaukseni on?", "UTF-8");
        Transport.send(mail);
    }

    static List<Map<String, Object>> tickets(String prefix) {
        JsonPath page = given().auth().oauth2(TOKEN).queryParam("q", prefix).queryParam("limit", 200)
                .get(stack.service(LocalStack.TICKET).url() + "/api/v1/tickets").then().statusCode(200).extract()
                .jsonPath();
        return page.getList("items");
    }

    @Test
    void killedWhileMailStreamsInEveryMailIsOneTicketMessageAndOneAcknowledgement() throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(stack.mail().smtpPort()));
        Session session = Session.getInstance(props);
        String prefix = "crash" + UUID.randomUUID().toString().substring(0, 8);
        int before = 60;
        int during = 20;
        for (int i = 0; i < before; i++) {
            send(session, prefix + "-" + i + "@example.fi", prefix + " tilaus " + i);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> tickets(prefix).size() >= 5);
        stack.kill(LocalStack.EMAIL_INGEST);
        for (int i = before; i < before + during; i++) {
            send(session, prefix + "-" + i + "@example.fi", prefix + " tilaus " + i);
        }
        stack.restart(LocalStack.EMAIL_INGEST);

        int total = before + during;
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .until(() -> tickets(prefix).size() >= total);
        List<Map<String, Object>> tickets = tickets(prefix);
        assertThat(tickets).hasSize(total);
        for (Map<String, Object> ticket : tickets) {
            assertThat(given().auth().oauth2(TOKEN).get(stack.service(LocalStack.TICKET).url() + "/api/v1/tickets/"
                    + ticket.get("id")).then().extract().jsonPath().getList("messages")).hasSize(1);
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(acknowledgementsPerCustomer(prefix))
                .hasSize(total).allSatisfy((customer, count) -> assertThat(count).as(customer).isEqualTo(1)));
    }

    static Map<String, Integer> acknowledgementsPerCustomer(String prefix) {
        Map<String, Integer> counts = new HashMap<>();
        Arrays.stream(stack.mail().greenMail().getReceivedMessages()).forEach(m -> {
            try {
                for (var recipient : m.getRecipients(Message.RecipientType.TO)) {
                    String address = recipient.toString();
                    if (address.startsWith(prefix) && m.getHeader("Auto-Submitted") != null) {
                        counts.merge(address, 1, Integer::sum);
                    }
                }
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        });
        return counts;
    }
}
