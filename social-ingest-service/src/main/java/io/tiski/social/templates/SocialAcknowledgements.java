package io.tiski.social.templates;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.tiski.events.v1.FaqAnswer;
import io.tiski.events.v1.OutboundMessageRequested;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The acknowledgement as a chat message: short, in the customer's language, with the case number, when a person
 * answers (and that the service is closed now, if it is) and the answers to the frequent questions chosen for it.
 */
public final class SocialAcknowledgements {
    private SocialAcknowledgements() {
    }

    @CheckedTemplate(basePath = "acknowledgement")
    static class Templates {
        static native TemplateInstance fi(View ack);

        static native TemplateInstance sv(View ack);

        static native TemplateInstance en(View ack);
    }

    /** What the templates show. */
    public record View(long ticketNumber, String customerName, String expectedAnswer, String opensAt,
            List<FaqAnswer> faq) {
        public boolean hasName() {
            return customerName != null && !customerName.isBlank();
        }

        public boolean hasExpectedAnswer() {
            return expectedAnswer != null;
        }

        public boolean closedNow() {
            return opensAt != null;
        }
    }

    public static String render(OutboundMessageRequested request) {
        String language = request.language() == null ? "en" : request.language();
        ZoneId zone = request.timeZone() == null ? ZoneId.of("Europe/Helsinki") : ZoneId.of(request.timeZone());
        Locale locale = switch (language) {
            case "fi" -> Locale.forLanguageTag("fi-FI");
            case "sv" -> Locale.forLanguageTag("sv-FI");
            default -> Locale.forLanguageTag("en-GB");
        };
        String name = request.recipient() == null ? null : request.recipient().displayName();
        String firstName = name == null ? null : name.strip().split("\\s+")[0];
        View view = new View(request.ticketNumber(), firstName, when(request.expectedAnswerBy(), zone, locale,
                language), when(request.serviceOpensAt(), zone, locale, language), request.faq());
        TemplateInstance template = switch (language) {
            case "fi" -> Templates.fi(view);
            case "sv" -> Templates.sv(view);
            default -> Templates.en(view);
        };
        return template.render().strip();
    }

    static String when(Instant at, ZoneId zone, Locale locale, String language) {
        if (at == null) {
            return null;
        }
        String pattern = switch (language) {
            case "fi" -> "EEEE d.M. 'klo' H.mm";
            case "sv" -> "EEEE d.M. 'kl.' H.mm";
            default -> "EEEE d MMMM 'at' HH:mm";
        };
        return DateTimeFormatter.ofPattern(pattern, locale).withZone(zone).format(at);
    }
}
