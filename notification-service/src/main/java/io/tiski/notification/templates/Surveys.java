package io.tiski.notification.templates;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The satisfaction survey mail per language, text and HTML, checked at build time against {@link SurveyView}. */
@CheckedTemplate(basePath = "survey")
public class Surveys {
    public static native TemplateInstance subject_fi(SurveyView survey);

    public static native TemplateInstance subject_sv(SurveyView survey);

    public static native TemplateInstance subject_en(SurveyView survey);

    public static native TemplateInstance text_fi(SurveyView survey);

    public static native TemplateInstance text_sv(SurveyView survey);

    public static native TemplateInstance text_en(SurveyView survey);

    public static native TemplateInstance html_fi(SurveyView survey);

    public static native TemplateInstance html_sv(SurveyView survey);

    public static native TemplateInstance html_en(SurveyView survey);

    public static Acknowledgements.RenderedMail render(String language, String fallback, SurveyView view) {
        String lang = Acknowledgements.supported(language) ? language
                : Acknowledgements.supported(fallback) ? fallback : "en";
        return switch (lang) {
            case "fi" -> new Acknowledgements.RenderedMail(subject_fi(view).render().strip(), text_fi(view).render(),
                    html_fi(view).render());
            case "sv" -> new Acknowledgements.RenderedMail(subject_sv(view).render().strip(), text_sv(view).render(),
                    html_sv(view).render());
            default -> new Acknowledgements.RenderedMail(subject_en(view).render().strip(), text_en(view).render(),
                    html_en(view).render());
        };
    }
}
