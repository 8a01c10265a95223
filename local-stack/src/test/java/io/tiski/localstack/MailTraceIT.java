package io.tiski.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One customer mail, traced: the four services export their spans by OTLP (HTTP/protobuf) to a receiver this
 * test runs, and the mail's path from the IMAP fetch to the acknowledgement leaving by SMTP is one trace with
 * spans from email-ingest-service, ticket-service and notification-service.
 */
class MailTraceIT {
    /** One exported span, as the receiver decoded it. */
    record ReceivedSpan(String service, String traceId, String spanId, String parentSpanId, String name) {
    }

    static final List<ReceivedSpan> SPANS = new CopyOnWriteArrayList<>();
    static final List<String> REQUESTS = new CopyOnWriteArrayList<>();
    static HttpServer receiver;
    static LocalStack stack;

    @BeforeAll
    static void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/", exchange -> {
            try (exchange) {
                REQUESTS.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                        + exchange.getRequestHeaders().getFirst("Content-Type") + " "
                        + exchange.getRequestHeaders().getFirst("Content-Encoding"));
                byte[] body = exchange.getRequestBody().readAllBytes();
                if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                    body = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(body)).readAllBytes();
                }
                ExportTraceServiceRequest request;
                try {
                    request = ExportTraceServiceRequest.parseFrom(body);
                } catch (RuntimeException | LinkageError | java.io.IOException e) {
                    REQUESTS.add("unreadable: " + e);
                    exchange.sendResponseHeaders(400, -1);
                    return;
                }
                for (ResourceSpans resource : request.getResourceSpansList()) {
                    String service = resource.getResource().getAttributesList().stream()
                            .filter(a -> a.getKey().equals("service.name")).map(KeyValue::getValue)
                            .map(v -> v.getStringValue()).findFirst().orElse("?");
                    for (ScopeSpans scope : resource.getScopeSpansList()) {
                        scope.getSpansList().forEach(span -> SPANS.add(new ReceivedSpan(service,
                                HexFormat.of().formatHex(span.getTraceId().toByteArray()),
                                HexFormat.of().formatHex(span.getSpanId().toByteArray()),
                                HexFormat.of().formatHex(span.getParentSpanId().toByteArray()), span.getName())));
                    }
                }
                byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
                exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
                if (answer.length > 0) {
                    exchange.getResponseBody().write(answer);
                }
            }
        });
        receiver.start();

        stack = LocalStack.start(LocalStack.Settings.throwaway("trace", "trace-admin-" + UUID.randomUUID())
                .withEveryService(Map.of("quarkus.otel.sdk.disabled", "false",
                        "quarkus.otel.exporter.otlp.endpoint", "http://127.0.0.1:" + receiver.getAddress().getPort(),
                        "quarkus.otel.exporter.otlp.protocol", "http/protobuf",
                        "quarkus.otel.bsp.schedule.delay", "200ms")), System.out::println);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    void aMailFromImapFetchToAcknowledgementIsOneTraceAcrossThreeServices() throws Exception {
        String customer = "trace-" + UUID.randomUUID() + "@example.fi";
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(stack.mail().smtpPort()));
        MimeMessage mail = new MimeMessage(Session.getInstance(props));
        mail.setFrom(new InternetAddress(customer, "Aino Asiakas"));
        mail.setRecipient(Message.RecipientType.TO, new InternetAddress(stack.settings().supportAddress()));
        mail.setSubject("Missä tilaukseni on?", "UTF-8");
        mail.setText("Tilasin viime viikolla takin, eikä sitä ole vielä tullut.", "UTF-8");
        Transport.send(mail);

        // the acknowledgement reaches the customer's mailbox …
        await().atMost(Duration.ofSeconds(60)).until(() -> stack.mail().greenMail().getReceivedMessagesForDomain(
                "example.fi").length > 0 && java.util.Arrays.stream(stack.mail().greenMail().getReceivedMessages())
                        .anyMatch(m -> recipient(m).equals(customer)));

        // … and its whole path is one trace: fetched, threaded, sent
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            ReceivedSpan fetch = SPANS.stream().filter(s -> s.name().equals("imap fetch support")).reduce((a, b) -> b)
                    .orElseThrow(() -> new AssertionError("no IMAP fetch span yet; spans: " + names()));
            List<ReceivedSpan> trace = SPANS.stream().filter(s -> s.traceId().equals(fetch.traceId())).toList();
            assertThat(trace).extracting(ReceivedSpan::service).contains("email-ingest-service", "ticket-service",
                    "notification-service");
            assertThat(trace).anyMatch(s -> s.service().equals("notification-service")
                    && s.name().equals("smtp send"));
            assertThat(trace).anyMatch(s -> s.service().equals("ticket-service")
                    && s.name().contains("tiski.inbound-messages.v1"));
            // one tree: every span but the fetch has its parent in the same trace
            Set<String> ids = trace.stream().map(ReceivedSpan::spanId).collect(Collectors.toSet());
            assertThat(trace).filteredOn(s -> s != fetch).allSatisfy(s -> assertThat(ids)
                    .as(s.service() + " " + s.name() + " has its parent in the trace").contains(s.parentSpanId()));
        });
    }

    static String recipient(Message message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (Exception e) {
            return "";
        }
    }

    static String names() {
        return SPANS.stream().map(s -> s.service() + ":" + s.name()).distinct().toList() + " requests: "
                + REQUESTS.stream().distinct().toList();
    }
}
