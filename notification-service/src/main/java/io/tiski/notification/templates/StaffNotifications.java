package io.tiski.notification.templates;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * Mail to the shop's own staff (an SLA breach for the team lead): the ticket service writes the words, this frame
 * adds the brand and says it is automatic. English, the working language of the admin screens.
 */
@CheckedTemplate(basePath = "staff-notification")
public class StaffNotifications {
    public static native TemplateInstance text(StaffNotificationView notification);

    public static native TemplateInstance html(StaffNotificationView notification);

    public static Acknowledgements.RenderedMail render(StaffNotificationView view) {
        return new Acknowledgements.RenderedMail(view.subject(), text(view).render(), html(view).render());
    }
}
