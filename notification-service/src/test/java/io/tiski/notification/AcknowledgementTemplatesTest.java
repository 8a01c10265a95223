package io.tiski.notification;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.tiski.infrastructure.testing.KafkaTestResource;
import io.tiski.infrastructure.testing.MailTestResource;
import io.tiski.infrastructure.testing.PostgresTestResource;
import io.tiski.notification.templates.AcknowledgementView;
import io.tiski.notification.templates.Acknowledgements;
import org.junit.jupiter.api.Test;

/** Snapshots of the acknowledgement in each language, written out in full so a reviewer reads them. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(MailTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "service",
        value = "notification"))
class AcknowledgementTemplatesTest {
    final AcknowledgementView view = new AcknowledgementView(1042, "Maija", "Tilaus 10023", "Verkkokauppa");

    @Test
    void finnish() {
        Acknowledgements.RenderedMail mail = Acknowledgements.render("fi", "en", view);
        assertThat(mail.subject()).isEqualTo("[#1042] Olemme vastaanottaneet viestisi: Tilaus 10023");
        assertThat(mail.text()).isEqualTo("""
                Hei Maija,

                kiitos viestistäsi! Se on vastaanotettu, ja asiasi numero on #1042.
                Asiakaspalvelumme vastaa sinulle henkilökohtaisesti.

                Jos haluat lisätä jotain, vastaa tähän viestiin, niin lisätietosi liitetään samaan asiaan.

                Ystävällisin terveisin
                Verkkokauppa asiakaspalvelu

                Tämä on automaattinen vahvistus.
                """);
        assertThat(mail.html()).contains("<html lang=\"fi\">").contains("<strong>#1042</strong>");
    }

    @Test
    void theAcknowledgementSaysWhenAPersonAnswers() {
        String sentence = io.tiski.notification.domain.AnswerExpectation.describe("sv",
                java.time.Instant.parse("2026-11-20T16:00:00Z"), java.time.Instant.parse("2026-11-21T12:00:00Z"),
                java.time.Instant.parse("2026-11-21T08:00:00Z"), "Europe/Helsinki").orElseThrow();
        Acknowledgements.RenderedMail mail = Acknowledgements.render("sv", "en", new AcknowledgementView(1042, "Maja",
                "Paket", "Webbutiken", java.util.List.of(), sentence));
        assertThat(mail.text()).contains("""
                Vår kundtjänst svarar dig personligen.
                Vår kundtjänst är stängd just nu. Vi är tillbaka i morgon kl. 10.00 och svarar dig senast i morgon \
                kl. 14.00.
                """);
        assertThat(mail.html()).contains("personligen.<br>Vår kundtjänst är stängd just nu.");
    }

    @Test
    void frequentQuestionsAreAnsweredInTheAcknowledgement() {
        Acknowledgements.RenderedMail mail = Acknowledgements.render("fi", "en", new AcknowledgementView(1042, "Maija",
                "Paketti", "Verkkokauppa", java.util.List.of(new io.tiski.events.v1.FaqAnswer("Missä pakettini on?",
                        "Seuraa pakettia <linkistä> tilausvahvistuksessa.")), null));
        assertThat(mail.text()).contains("""
                Asiakaspalvelumme vastaa sinulle henkilökohtaisesti.

                Usein kysyttyä:

                * Missä pakettini on?
                  Seuraa pakettia <linkistä> tilausvahvistuksessa.

                Jos haluat lisätä jotain""");
        assertThat(mail.html()).contains("<h2 style=\"font-size:16px;margin:20px 0 8px\">Usein kysyttyä</h2>")
                .contains("Seuraa pakettia &lt;linkistä&gt; tilausvahvistuksessa.");
    }

    @Test
    void swedish() {
        Acknowledgements.RenderedMail mail = Acknowledgements.render("sv", "en", view);
        assertThat(mail.subject()).isEqualTo("[#1042] Vi har tagit emot ditt meddelande: Tilaus 10023");
        assertThat(mail.text()).startsWith("Hej Maija,\n\ntack för ditt meddelande!")
                .contains("ditt ärende har nummer #1042.").contains("Vänliga hälsningar\nVerkkokauppa kundtjänst");
    }

    @Test
    void englishAndFallbackForUnknownLanguages() {
        Acknowledgements.RenderedMail mail = Acknowledgements.render("de", "en", view);
        assertThat(mail.subject()).isEqualTo("[#1042] We have received your message: Tilaus 10023");
        assertThat(mail.text()).startsWith("Hello Maija,\n\nthank you for your message!");
    }

    @Test
    void customerNamesAreEscapedInHtml() {
        Acknowledgements.RenderedMail mail = Acknowledgements.render("en", "en",
                new AcknowledgementView(1, "<script>alert(1)</script>", "x", "Shop"));
        assertThat(mail.html()).doesNotContain("<script>").contains("&lt;script&gt;");
        AcknowledgementView anonymous = new AcknowledgementView(1, null, "x", "Shop");
        assertThat(Acknowledgements.render("en", "en", anonymous).text()).startsWith("Hello,\n");
    }

    static AcknowledgementView withReturn(io.tiski.events.v1.ReturnConfirmation confirmation) {
        return new AcknowledgementView(1077, "Aino", "Palautus 10023", "Verkkokauppa", java.util.List.of(), null,
                AcknowledgementView.ReturnSteps.of(confirmation));
    }

    @Test
    void aReturnIsConfirmedWithItsStepsDeadlineCostAndWhereTo() {
        var confirmation = new io.tiski.events.v1.ReturnConfirmation("RETURN", "10023", "WITHDRAWAL", true,
                java.time.LocalDate.of(2026, 12, 17), "free", "Verkkokauppa Oy / Palautukset\nVarastotie 5",
                "https://palautus.example.fi/verkkokauppa");
        Acknowledgements.RenderedMail fi = Acknowledgements.render("fi", "en", withReturn(confirmation));
        assertThat(fi.text()).contains("""
                Asiakaspalvelumme vastaa sinulle henkilökohtaisesti.

                Palautuksesi tilaukselle 10023:
                1. Pakkaa tuotteet huolellisesti, mieluiten alkuperäiseen pakkaukseen, ja liitä mukaan tilausnumero 10023.
                2. Tulosta palautuslipuke: https://palautus.example.fi/verkkokauppa
                3. Lähetä tuotteet viimeistään 17.12.2026.
                Palautus on maksuton.

                Jos haluat lisätä jotain""");
        assertThat(fi.html()).contains("<a href=\"https://palautus.example.fi/verkkokauppa\">")
                .contains("<strong>17.12.2026</strong>");

        var byPost = new io.tiski.events.v1.ReturnConfirmation("RETURN", "10023", "SHOP_WINDOW", true,
                java.time.LocalDate.of(2027, 1, 2), "5,90 €", "Verkkokauppa AB / Returer\nLagervägen 5", null);
        Acknowledgements.RenderedMail sv = Acknowledgements.render("sv", "en", withReturn(byPost));
        assertThat(sv.text()).contains("""
                2. Skicka paketet till:
                   Verkkokauppa AB / Returer
                   Lagervägen 5
                3. Skicka varorna senast 2.1.2027.
                Returen kostar 5,90 €.""");
    }

    @Test
    void aComplaintIsToldNotToSendTheItemYetAndALateReturnThatPeopleWillLook() {
        var complaint = new io.tiski.events.v1.ReturnConfirmation("COMPLAINT", "10023", "COMPLAINT", true, null, null,
                null, null);
        assertThat(Acknowledgements.render("en", "en", withReturn(complaint)).text())
                .contains("Your complaint about order 10023 is registered. Please do not send the item before");
        var late = new io.tiski.events.v1.ReturnConfirmation("RETURN", "10023", "OUTSIDE", false, null, null, null,
                null);
        assertThat(Acknowledgements.render("fi", "en", withReturn(late)).text())
                .contains("Palautusaika tilaukselle 10023 on päättynyt.").doesNotContain("Pakkaa tuotteet");
    }

    @Test
    void theSurveyAfterAReturnAsksHowTheReturnWent() {
        var view = new io.tiski.notification.templates.SurveyView(1077, "Aino", "Palautus", "Verkkokauppa",
                "https://tuki.example.fi/s?rating=good", "https://tuki.example.fi/s?rating=bad", true);
        assertThat(io.tiski.notification.templates.Surveys.render("fi", "en", view).text())
                .contains("Miten palautuksesi sujui? Vastaa yhdellä napsautuksella:")
                .contains("Palautus sujui hyvin: https://tuki.example.fi/s?rating=good")
                .doesNotContain("Saitko apua?");
        var ordinary = new io.tiski.notification.templates.SurveyView(1078, "Aino", "Kysymys", "Verkkokauppa",
                "https://tuki.example.fi/s?rating=good", "https://tuki.example.fi/s?rating=bad");
        assertThat(io.tiski.notification.templates.Surveys.render("sv", "en", ordinary).text())
                .contains("Fick du hjälp?").contains("Ja, bra service: ");
    }
}
