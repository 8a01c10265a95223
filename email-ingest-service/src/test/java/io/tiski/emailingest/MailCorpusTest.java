package io.tiski.emailingest;

import static io.restassured.RestAssured.given;
import static io.tiski.events.v1.SenderClassification.BOUNCE;
import static io.tiski.events.v1.SenderClassification.BULK;
import static io.tiski.events.v1.SenderClassification.MAILING_LIST;
import static io.tiski.events.v1.SenderClassification.OUT_OF_OFFICE;
import static io.tiski.events.v1.SenderClassification.OWN_MESSAGE;
import static io.tiski.events.v1.SenderClassification.PERSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.tiski.emailingest.repository.ReceivedMail;
import io.tiski.events.v1.Channel;
import io.tiski.events.v1.EventJson;
import io.tiski.events.v1.InboundMessageReceived;
import io.tiski.events.v1.SenderClassification;
import io.tiski.events.v1.Topics;
import io.tiski.infrastructure.testing.KafkaTestResource;
import io.tiski.infrastructure.testing.MailTestResource;
import io.tiski.infrastructure.testing.PostgresTestResource;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real-world mail through both doors, the raw-MIME endpoint and the IMAP mailbox: the shared corpus (Zammad's
 * and Mailgun talon's test mail, used as they are) and Tiski's own Nordic corpus. For every message the sender,
 * the display name, the subject, the new text, the attachments and the sender classification are checked.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(MailTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "service",
        value = "email_ingest"))
class MailCorpusTest {
    static final String TOKEN = "test-admin-token-0123456789";
    static final Path SHARED = Path.of(System.getProperty("tiski.corpus", "../../shared/corpus/mail"));
    static final Path OWN = Path.of("src/test/resources");

    record Expected(String file, String from, String name, String subjectStart, String newTextStart,
            SenderClassification classification, List<String> attachments) {
        Path path() {
            return file.startsWith("mail-corpus/") ? OWN.resolve(file) : SHARED.resolve(file);
        }

        @Override
        public String toString() {
            return file;
        }
    }

    static Expected mail(String file, String from, String name, String subject, String newText,
            SenderClassification classification, String... attachments) {
        return new Expected(file, from, name, subject, newText, classification, List.of(attachments));
    }

    static Stream<Expected> corpus() {
        return Stream.of(
                mail("zammad/mail001.box", "John.Smith@example.com", null, "CI Daten für PublicView", "Hallo Martin,\n \nwie besprochen hier noch", PERSON),
                mail("zammad/mail003.box", "k.guenther@example.com", "Günther John | Example GmbH", "Ticket Templates", "Hallo Fritz,\n\nich möchte mich gern für d", PERSON),
                mail("zammad/mail005.box", "marc.smith@example.com", "Marc Smith", "Re: XXXX Betatest Ticket Templates [Ticket#11162]", "Hallo Martin,\n\nJohn und ich könnten leid", PERSON),
                mail("zammad/mail007.box", "Eike.Ehringer@example.com", null, "AW:Installation [Ticket#11392]", "Hallo.\n Jetzt muss ich dir noch kurzfris", PERSON),
                mail("zammad/mail012.box", "Alex.Smith@example.com", null, "AW: Agenda [Ticket#11995]", "Hallo Herr Edenhofer,\n\n\n\nmöglicherweise ", PERSON, "image-1.png|image/png"),
                mail("zammad/mail013.box", "thomas.smith@example.com", null, "Antwort: Probleme ADB / Anlegen von Tickets [Ticket#111079]", "JA", PERSON),
                mail("zammad/mail014.box", "Bernd.Mueller@example.com", "Müller, Bernd", "AW: OTRS [Ticket#118192]", "äöüß ad asd\n\n-Martin", PERSON, "message.eml|message/rfc822", "message.eml|message/rfc822"),
                mail("zammad/mail015.box", "ynbe.ctrhk@gmail.com", "Sara.Gang", "绩效管理,究竟谁错了", "", PERSON, "绩效管理,究竟谁错了.xls|application/octet-stream"),
                mail("zammad/mail016.box", "w2sjy@ns2.actionserv.com", null, "【 直通美国排名第49大学 成功后付费 】", "新建网页 3\n您好，这封信如果影响到您的生活和工作，我们向您诚恳的道歉。\n您回复", PERSON),
                mail("zammad/mail017.box", "ghgbwum@185.com.cn", "都琹", "【专业为您注册香港及海外公司（好处多多）】　　　　　　　　　　　　　　　　　　　　　　　　　　　　　　　　　　　　　　　", "宝马4系敞篷版曝光 洛杉矶车展正式发布美国华人万人游行人物           ", PERSON),
                mail("zammad/mail019.box", "mailer-daemon@invalid", "我", "《欧美简讯》", "新建网页 4\n\n 《欧美简讯》\n 投资移民简讯：\n ①加拿大曼省投资移民——18", BOUNCE),
                mail("zammad/mail021.box", "pharmacy_affordable1@ertelecom.ru", "Viagra Super Force Online", "World Best DRUGS Mall For a Reasonable Price.", "________________________________________", PERSON),
                mail("zammad/mail024.box", "oracle@IG0-1-DB01.example.com", null, "Regelsets im Test-Status gefunden: 1", "", PERSON, "rulesets-report.csv|text/csv"),
                mail("zammad/mail025.box", "oracle@IG0-1-DB01.example.com", null, "Regelsets im Test-Status gefunden: 1", "", PERSON, "rulesets-report.csv|text/csv"),
                mail("zammad/mail026.box", "team@support.gate.de", "gate", "Ihre Rechnung als PDF-Dokument", "****************************************", PERSON, "invoice_gatede_B181347.txt|text/plain"),
                mail("zammad/mail027.box", "caoyaoewfzfw@21cn.com", null, "蠭龕中層管理者如何避免角色行为誤区", "", PERSON),
                mail("zammad/mail028.box", "kontakt@example.de", null, "Bewerbung auf Ihr Stellenangebot", "", PERSON, "Znuny GmbH .pdf|application/pdf", "Lebenslauf.pdf|application/pdf"),
                mail("zammad/mail029.box", "sales@example.com", "Example Sales", "Example licensing information: No channel available", "Dear Mr. Edenhofer,\nWe want to keep you ", PERSON),
                mail("zammad/mail031.box", "zhengkang@ha.chinamobile.com", "bertha　mou", "內應力產生与注塑工艺条件之间的关系；", "▅\n\n\n特色\nl.最佳注塑工艺参數設定方法，最佳模具設计方案； \n2.詳細分析注", PERSON),
                mail("zammad/mail032.box", "Dana.Qin6e1@gmail.com", "Dana.Qin", "发现最美车间主任", "========================================", PERSON),
                mail("zammad/mail033-undelivered-mail-returned-to-sender-notification.box", "MAILER-DAEMON@mx1.zammad.com", "Mail Delivery System", "Undelivered Mail Returned to Sender", "This is the mail system at host mx1.zamm", BOUNCE, "message.eml|message/delivery-status", "message.eml|message/rfc822"),
                mail("zammad/mail037.box", "info@example.com", "Example", "Example: Java 8 Neuerungen", "Tag Max / Ingo!", PERSON),
                mail("zammad/mail039.box", "me@example.com", "Martin Edenhofer", "test 1234 äöü sig test with attachment", "test 1234 äöü sig test with attachment", PERSON, "HKT_Super_Seven_GTS.jpeg|image/jpeg", "signature.asc|application/pgp-signature"),
                mail("mailgun-talon/android.eml", "bob@example.com", "Sergey Obykhov", "Re: Test", "Hello", PERSON),
                mail("mailgun-talon/aol.eml", "xxx@aol.com", "Megan Odin", "Re: Test", "Hello", PERSON),
                mail("mailgun-talon/apple_mail.eml", "xxx@gmail.com", "xxx", "Re: Test", "Hello", PERSON),
                mail("mailgun-talon/apple_mail_2.eml", "adam@tictail.com", "Adam Renberg", "Re: Hello there", "Hello", PERSON),
                mail("mailgun-talon/comcast.eml", "xxx@comcast.net", null, "Re: Test", "Hello", PERSON),
                mail("mailgun-talon/gmail.eml", "xxx@gmail.com", "Megan One", "Re: Test", "Hello", PERSON),
                mail("mailgun-talon/hotmail.eml", "xxx@hotmail.com", "Alexey Q", "RE: Test", "Hello", PERSON),
                mail("mailgun-talon/iphone.eml", "xxx@gmail.com", "xxx", "Re: Test", "Hello", PERSON),
                mail("mailgun-talon/outlook.eml", "me@example.com", null, "Test", "Hello", PERSON),
                mail("mailgun-talon/reply-quotations-share-block.eml", "xxx@example.com", "Joe Doe", "Re: You've got a new booking inquiry!", "Hi Katharine.  Sounds great.  Are there ", PERSON),
                mail("mailgun-talon/sparrow.eml", "xxx@gmail.com", "xxx", "Re: Test", "Hello", PERSON),
                mail("mailgun-talon/thunderbird.eml", "bob@xxx.mailgun.org", "bob", "Re: Test", "Hello", PERSON),
                mail("mailgun-talon/yahoo.eml", "xxx@yahoo.com", "Alex Q", "Re: Test", "Hello", PERSON),
                mail("mail-corpus/apple-mail-en.eml", "anna.smith@example.co.uk", "Anna Smith", "Re: Where is my parcel?", "Thanks, it arrived today.", PERSON),
                mail("mail-corpus/base64-qp-mix.eml", "mix@example.fi", "Base64 Mix", "Koon vaihto", "Hyvä asiakaspalvelu,\nhaluan vaihtaa koon", PERSON),
                mail("mail-corpus/broken-charset.eml", "broken@example.fi", "Broken Charset", "Merkistö", "Tämä on rikki.", PERSON),
                mail("mail-corpus/bulk-precedence.eml", "marketing@vendor.example", "Marketing", "Our new catalogue", "See the catalogue.", BULK),
                mail("mail-corpus/calendar-invite.eml", "kaisa@example.fi", "Kaisa", "Kutsu: Palaveri palautuksista", "Sopiiko torstai?", PERSON, "invite-1.ics|text/calendar"),
                mail("mail-corpus/dsn-bounce.eml", "postmaster@mx.example.se", null, "Returned mail: see transcript for details", "The message could not be delivered to er", BOUNCE, "message.eml|message/delivery-status", "message.eml|text/rfc822-headers"),
                mail("mail-corpus/encoded-word-subject-fi.eml", "paivi@example.fi", "Päivi Hämäläinen", "Käyttöohje puuttuu paketista", "Käyttöohje puuttui paketista. Saisinko s", PERSON),
                mail("mail-corpus/exchange-oof.eml", "mikko@corp.example.fi", "Mikko Manager", "Automaattinen vastaus: Tilaus 10023", "Olen lomalla 30.11. asti.", OUT_OF_OFFICE),
                mail("mail-corpus/gmail-sv-reply.eml", "erik.astrom@example.se", "Erik Åström", "SV: Beställning 4711", "Hej!\n\nTack, det fungerar nu.", PERSON),
                mail("mail-corpus/gmail-vacation.eml", "karin@example.se", "Karin", "Frånvaro: Retur", "Jag är på semester.", OUT_OF_OFFICE),
                mail("mail-corpus/html-only.eml", "html.only@example.com", "Html Only", "HTML only", "Order 10023 is late.\nPlease help.", PERSON),
                mail("mail-corpus/inline-cid-image.eml", "sanna@example.fi", "Sanna", "Kuva viallisesta tuotteesta", "Tässä kuva:", PERSON, "image-1.png|image/png"),
                mail("mail-corpus/iphone-sv.eml", "sara@example.se", "Sara", "Leverans", "När kommer paketet?", PERSON),
                mail("mail-corpus/iso-8859-15-euro.eml", "liisa@example.fi", "Liisa", "Hinta", "Takki maksoi 129 €, mutta veloitettiin 1", PERSON),
                mail("mail-corpus/list-newsletter.eml", "news@brand.example", "Newsletter", "Black Friday -50%", "Huge sale!", MAILING_LIST),
                mail("mail-corpus/mbox-from-line.eml", "tuula@example.fi", "Tuula", "Mbox export", "Viesti mbox-tiedostosta.", PERSON),
                mail("mail-corpus/nested-forward.eml", "pekka@example.fi", "Pekka", "Fwd: Tilausvahvistus 10099", "Välitän tilausvahvistuksen, summa on vää", PERSON, "Tilausvahvistus.eml|message/rfc822"),
                mail("mail-corpus/outlook-fi-reply.eml", "matti.virtanen@example.fi", "Matti Virtanen", "VS: [#1042] Tilaus 10023", "Hei,\n\npaketti ei ole vielä tullut. Voisi", PERSON),
                mail("mail-corpus/pdf-attachment-rfc2231.eml", "olli@example.fi", "Olli", "Kuitti", "Kuitti liitteenä.", PERSON, "kuitti äö.pdf|application/pdf"),
                mail("mail-corpus/plus-address-cc.eml", "lead@customer.example.fi", "Team Lead", "Re: [#1042] Yritystilaus", "Lisään kollegani kopioksi.", PERSON),
                mail("mail-corpus/raw-utf8-headers.eml", "jorgen@example.se", "Jörgen Lindström", "Fråga om storlek", "Finns skorna i storlek 44?", PERSON),
                mail("mail-corpus/tiski-own-ack.eml", "support@othershop.example", "Other Shop Support", "[#77] We have received your message", "Thank you for your message!", OWN_MESSAGE),
                mail("mail-corpus/tnef-winmail.eml", "outlook.user@example.com", "Outlook User", "Invoice question", "Please see the attached invoice.", PERSON, "winmail.dat|application/ms-tnef"),
                mail("mail-corpus/windows-1252-smart-quotes.eml", "quotes@example.com", "Smart Quotes", "Order “urgent”", "It’s “broken” – please help.", PERSON),
                mail("mail-corpus/zimbra-oof.eml", "zoe@zimbra.example.com", "Zoe", "Out of Office: Your request", "I am away.", OUT_OF_OFFICE));
    }

    KafkaConsumer<String, byte[]> tail;

    @BeforeEach
    void tailTheInboundTopic() {
        tail = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaTestResource.broker().bootstrapServers()), new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = tail.partitionsFor(Topics.INBOUND_MESSAGES).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        tail.assign(partitions);
        tail.seekToEnd(partitions);
        partitions.forEach(tail::position);
    }

    @AfterEach
    void closeTail() {
        tail.close();
    }

    InboundMessageReceived nextEmailEvent(String what) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            for (ConsumerRecord<String, byte[]> record : tail.poll(Duration.ofMillis(100))) {
                InboundMessageReceived event = EventJson.read(record.value(), InboundMessageReceived.class);
                if (event.channel() == Channel.EMAIL) {
                    return event;
                }
            }
        }
        throw new AssertionError("no event for " + what + " within 30 s");
    }

    /**
     * Raw 8-bit headers that are not UTF-8 are read correctly from the original bytes (raw endpoint); the test's
     * IMAP server (GreenMail) replaces such bytes when it stores an appended mail, so over IMAP only the ASCII
     * part of those subjects is compared.
     */
    static final List<String> EIGHT_BIT_HEADERS = List.of("mail-corpus/broken-charset.eml",
            "mail-corpus/windows-1252-smart-quotes.eml");

    static void check(Expected expected, InboundMessageReceived event, String door) {
        String what = expected.file() + " via " + door;
        assertThat(event.from().address()).as(what + ": sender").isEqualTo(expected.from());
        assertThat(event.from().displayName()).as(what + ": display name").isEqualTo(expected.name());
        if (door.equals("IMAP") && EIGHT_BIT_HEADERS.contains(expected.file())) {
            assertThat(event.subject()).as(what + ": subject").startsWith(expected.subjectStart()
                    .replaceAll("[^\\x00-\\x7f].*", ""));
        } else {
            assertThat(event.subject()).as(what + ": subject").startsWith(expected.subjectStart());
        }
        String newText = event.newText() == null ? "" : event.newText().replace("\r", "");
        if (expected.newTextStart().isEmpty()) {
            assertThat(newText).as(what + ": new text").isBlank();
        } else {
            assertThat(newText).as(what + ": new text").startsWith(expected.newTextStart());
        }
        assertThat(event.classification()).as(what + ": classification").isEqualTo(expected.classification());
        assertThat(event.attachments()).as(what + ": attachments")
                .extracting(a -> a.fileName() + "|" + a.mediaType()).containsExactlyElementsOf(expected.attachments());
        assertThat(event.attachments()).as(what + ": attachment bytes kept")
                .allSatisfy(a -> assertThat(a.sha256()).matches("[0-9a-f]{64}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void everyMessageIsReadTheSameThroughTheRawEndpointAndImap(Expected expected) throws Exception {
        if (!Files.isDirectory(SHARED) && !expected.file().startsWith("mail-corpus/")) {
            Assumptions.assumeFalse(System.getenv("CI") == null,
                    "the shared mail corpus is not beside the project (" + SHARED.toAbsolutePath() + ")");
            throw new AssertionError("the shared mail corpus is missing: " + SHARED.toAbsolutePath());
        }
        byte[] raw = Files.readAllBytes(expected.path());

        given().auth().oauth2(TOKEN).contentType("message/rfc822").body(raw).post("/api/v1/mail").then()
                .statusCode(202).body("result", equalTo("PUBLISHED"));
        check(expected, nextEmailEvent(expected.file()), "raw endpoint");

        // forget it, so the same mail arriving by IMAP is taken in again rather than dropped as a duplicate
        QuarkusTransaction.requiringNew().run(() -> ReceivedMail.deleteAll());
        Properties props = new Properties();
        Session session = Session.getInstance(props);
        Store store = session.getStore("imap");
        store.connect("127.0.0.1", MailTestResource.server().imapPort(), "support@localhost", "support");
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            inbox.appendMessages(new Message[] {new MimeMessage(session, new ByteArrayInputStream(raw))});
            inbox.close(false);
        } finally {
            store.close();
        }
        check(expected, nextEmailEvent(expected.file()), "IMAP");
    }
}
