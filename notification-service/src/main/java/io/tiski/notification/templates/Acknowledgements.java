package io.tiski.notification.templates;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** One template per part and language, checked at build time against {@link AcknowledgementView}. */
@CheckedTemplate(basePath = "acknowledgement")
public class Acknowledgements {
    public static native TemplateInstance subject_fi(AcknowledgementView ack);

    public static native TemplateInstance subject_sv(AcknowledgementView ack);

    public static native TemplateInstance subject_en(AcknowledgementView ack);

    public static native TemplateInstance text_fi(AcknowledgementView ack);

    public static native TemplateInstance text_sv(AcknowledgementView ack);

    public static native TemplateInstance text_en(AcknowledgementView ack);

    public static native TemplateInstance html_fi(AcknowledgementView ack);

    public static native TemplateInstance html_sv(AcknowledgementView ack);

    public static native TemplateInstance html_en(AcknowledgementView ack);

    /** The rendered subject, text and HTML in the customer's language, falling back to {@code fallback}. */
    public static RenderedMail render(String language, String fallback, AcknowledgementView view) {
        String lang = supported(language) ? language : supported(fallback) ? fallback : "en";
        return switch (lang) {
            case "fi" -> new RenderedMail(subject_fi(view).render().strip(), text_fi(view).render(),
                    html_fi(view).render());
            case "sv" -> new RenderedMail(subject_sv(view).render().strip(), text_sv(view).render(),
                    html_sv(view).render());
            default -> new RenderedMail(subject_en(view).render().strip(), text_en(view).render(),
                    html_en(view).render());
        };
    }

    static boolean supported(String language) {
        return "fi".equals(language) || "sv".equals(language) || "en".equals(language);
    }

    /** A mail ready to send. */
    public record RenderedMail(String subject, String text, String html) {
    }
}
