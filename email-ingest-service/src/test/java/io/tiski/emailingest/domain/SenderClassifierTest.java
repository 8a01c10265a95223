package io.tiski.emailingest.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.tiski.events.v1.SenderClassification;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SenderClassifierTest {
    final MimeMailParser parser = new MimeMailParser();
    final SenderClassifier classifier = new SenderClassifier("tiski.localhost");

    SenderClassification classify(String headers) throws UnreadableMailException {
        return classifier.classify(parser.parse((headers + "\r\n\r\nbody\r\n").getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aPersonsMail() throws Exception {
        assertThat(classify("From: a@example.fi\r\nSubject: Hei")).isEqualTo(SenderClassification.PERSON);
        assertThat(classify("From: a@example.fi\r\nAuto-Submitted: no\r\nSubject: Hei"))
                .isEqualTo(SenderClassification.PERSON);
    }

    @Test
    void rfc3834AutoReplies() throws Exception {
        assertThat(classify("From: a@example.fi\r\nAuto-Submitted: auto-replied\r\nSubject: Thanks"))
                .isEqualTo(SenderClassification.AUTO_REPLY);
        assertThat(classify("From: a@example.fi\r\nAuto-Submitted: auto-replied\r\nSubject: Automatic reply: Order"))
                .isEqualTo(SenderClassification.OUT_OF_OFFICE);
    }

    @Test
    void exchangeOutOfOffice() throws Exception {
        assertThat(classify("From: a@example.fi\r\nX-Auto-Response-Suppress: OOF\r\nSubject: Poissa toimistolta"))
                .isEqualTo(SenderClassification.OUT_OF_OFFICE);
    }

    @Test
    void listsAndBulk() throws Exception {
        assertThat(classify("From: news@shop.example\r\nList-Id: <news.shop.example>\r\nSubject: Sale"))
                .isEqualTo(SenderClassification.MAILING_LIST);
        assertThat(classify("From: news@shop.example\r\nPrecedence: bulk\r\nSubject: Sale"))
                .isEqualTo(SenderClassification.BULK);
    }

    @Test
    void bounces() throws Exception {
        assertThat(classify("From: MAILER-DAEMON@mx.example\r\nSubject: Undelivered Mail Returned to Sender"))
                .isEqualTo(SenderClassification.BOUNCE);
        assertThat(classify("From: a@example.fi\r\nX-Failed-Recipients: b@example.fi\r\nSubject: x"))
                .isEqualTo(SenderClassification.BOUNCE);
    }

    @Test
    void tiskisOwnMailComingBack() throws Exception {
        assertThat(classify("From: support@other.example\r\nX-Tiski-Loop: other\r\nSubject: [#1] Thanks"))
                .isEqualTo(SenderClassification.OWN_MESSAGE);
        assertThat(classify("From: a@example.fi\r\nMessage-ID: <ack.1@tiski.localhost>\r\nSubject: x"))
                .isEqualTo(SenderClassification.OWN_MESSAGE);
    }
}
