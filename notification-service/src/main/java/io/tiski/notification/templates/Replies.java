package io.tiski.notification.templates;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The frame around an agent's reply (signature, ticket number) per language, text and HTML. */
@CheckedTemplate(basePath = "reply")
public class Replies {
    public static native TemplateInstance text_fi(ReplyView reply);

    public static native TemplateInstance text_sv(ReplyView reply);

    public static native TemplateInstance text_en(ReplyView reply);

    public static native TemplateInstance html_fi(ReplyView reply);

    public static native TemplateInstance html_sv(ReplyView reply);

    public static native TemplateInstance html_en(ReplyView reply);

    public static Acknowledgements.RenderedMail render(String language, String fallback, String subject,
            ReplyView view) {
        return render(language, fallback, subject, view, "Re");
    }

    /** @param prefix "Re" for a reply, "Fwd" for a forward: what the subject starts with, before the ticket number */
    public static Acknowledgements.RenderedMail render(String language, String fallback, String subject,
            ReplyView view, String prefix) {
        String lang = Acknowledgements.supported(language) ? language
                : Acknowledgements.supported(fallback) ? fallback : "en";
        String base = subject.replaceFirst("(?i)^\\s*((re|vs|sv|aw|fwd|fw|vl)\\s*:\\s*)+", "")
                .replace("[#" + view.ticketNumber() + "]", "").strip();
        String replySubject = prefix + ": [#" + view.ticketNumber() + "] " + base;
        return switch (lang) {
            case "fi" -> new Acknowledgements.RenderedMail(replySubject, text_fi(view).render(), html_fi(view).render());
            case "sv" -> new Acknowledgements.RenderedMail(replySubject, text_sv(view).render(), html_sv(view).render());
            default -> new Acknowledgements.RenderedMail(replySubject, text_en(view).render(), html_en(view).render());
        };
    }
}
