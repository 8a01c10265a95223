package io.tiski.notification;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.tiski.events.v1.FaqAnswer;
import io.tiski.infrastructure.testing.KafkaTestResource;
import io.tiski.infrastructure.testing.MailTestResource;
import io.tiski.infrastructure.testing.PostgresTestResource;
import io.tiski.notification.templates.AcknowledgementView;
import io.tiski.notification.templates.Acknowledgements;
import io.tiski.notification.templates.Replies;
import io.tiski.notification.templates.ReplyView;
import io.tiski.notification.templates.StaffNotificationView;
import io.tiski.notification.templates.StaffNotifications;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every kind of mail Tiski sends, in every language, has an HTML part that the Nu Html Checker finds valid and a
 * text alternative that says the same essentials, also when what the customer or agent wrote contains markup.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(MailTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "service",
        value = "notification"))
class MailHtmlTest {
    static final String HOSTILE = "<script>alert(1)</script> & \"lainaus\" <b>";

    static Map<String, Acknowledgements.RenderedMail> everyMail() {
        Map<String, Acknowledgements.RenderedMail> mails = new LinkedHashMap<>();
        for (String language : List.of("fi", "sv", "en")) {
            mails.put("acknowledgement " + language, Acknowledgements.render(language, "en",
                    new AcknowledgementView(1042, "Maija " + HOSTILE, "Tilaus " + HOSTILE, "Verkkokauppa",
                            List.of(new FaqAnswer("Missä paketti? " + HOSTILE, "Seuranta: " + HOSTILE)),
                            "Vastaamme huomenna klo 10.")));
            mails.put("return confirmation " + language, Acknowledgements.render(language, "en",
                    new AcknowledgementView(1077, "Aino " + HOSTILE, "Palautus", "Verkkokauppa", List.of(), null,
                            AcknowledgementView.ReturnSteps.of(new io.tiski.events.v1.ReturnConfirmation("RETURN",
                                    "10023 " + HOSTILE, "WITHDRAWAL", true, java.time.LocalDate.of(2026, 12, 17),
                                    "free", "Palautukset " + HOSTILE + "\nVarastotie 5",
                                    "https://palautus.example.fi/x?a=1&b=2")))));
            mails.put("return by post " + language, Acknowledgements.render(language, "en",
                    new AcknowledgementView(1078, null, "Palautus", "Verkkokauppa", List.of(), null,
                            AcknowledgementView.ReturnSteps.of(new io.tiski.events.v1.ReturnConfirmation("RETURN",
                                    "10024", "SHOP_WINDOW", true, java.time.LocalDate.of(2027, 1, 2), "5,90 €",
                                    "Palautukset\nVarastotie 5", null)))));
            mails.put("complaint " + language, Acknowledgements.render(language, "en",
                    new AcknowledgementView(1079, null, "Reklamaatio", "Verkkokauppa", List.of(), null,
                            AcknowledgementView.ReturnSteps.of(new io.tiski.events.v1.ReturnConfirmation("COMPLAINT",
                                    "10025", "COMPLAINT", true, null, null, null, null)))));
            mails.put("return survey " + language, io.tiski.notification.templates.Surveys.render(language, "en",
                    new io.tiski.notification.templates.SurveyView(1077, "Aino", "Palautus", "Verkkokauppa",
                            "https://tuki.example.fi/public/surveys/abc?rating=good",
                            "https://tuki.example.fi/public/surveys/abc?rating=bad", true)));
            mails.put("bare acknowledgement " + language, Acknowledgements.render(language, "en",
                    new AcknowledgementView(7, null, "", "Verkkokauppa")));
            mails.put("reply " + language, Replies.render(language, "en", "Re: Tilaus",
                    new ReplyView(1042, "Hei!\n\nRivi 2 " + HOSTILE + "\n\nTerveisin", "Liisa", "Verkkokauppa")));
            mails.put("signed reply " + language, Replies.render(language, "en", "Re: Tilaus",
                    new ReplyView(1042, "Hei!", "Liisa", "Outlet", "Avoinna 8–16 " + HOSTILE + "\nPuh. 010 123")));
            mails.put("forward " + language, Replies.render(language, "en", "Tilaus",
                    new ReplyView(1042, "Lähtikö?\n\n---------- Forwarded message ----------\n" + HOSTILE, null,
                            "Verkkokauppa"), "Fwd"));
            mails.put("survey " + language, io.tiski.notification.templates.Surveys.render(language, "en",
                    new io.tiski.notification.templates.SurveyView(1042, "Maija " + HOSTILE, "Tilaus " + HOSTILE,
                            "Verkkokauppa", "https://tuki.example.fi/public/surveys/abc?rating=good&lang=fi",
                            "https://tuki.example.fi/public/surveys/abc?rating=bad")));
        }
        mails.put("staff notification", StaffNotifications.render(new StaffNotificationView(5151,
                "SLA breached: #5151", "Ticket #5151 missed its first response target.\n" + HOSTILE, "Verkkokauppa")));
        return mails;
    }

    @Test
    void everyMailsHtmlIsValidAndHasATextAlternative() throws Exception {
        HtmlChecker checker = new HtmlChecker();
        for (Map.Entry<String, Acknowledgements.RenderedMail> mail : everyMail().entrySet()) {
            String html = mail.getValue().html();
            assertThat(checker.problems(html)).as(mail.getKey() + ":\n" + html).isEmpty();
            assertThat(html).as(mail.getKey()).doesNotContain("<script>").doesNotContain("<b>");
            assertThat(mail.getValue().text()).as(mail.getKey()).isNotBlank().doesNotContain("&amp;")
                    .doesNotContain("&lt;");
        }
    }

    @Test
    void theCheckerItselfFindsBrokenHtml() throws Exception {
        assertThat(new HtmlChecker().problems("<html><body><p><div>x</p></span>")).isNotEmpty();
    }
}
