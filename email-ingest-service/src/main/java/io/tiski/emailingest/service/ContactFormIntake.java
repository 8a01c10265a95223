package io.tiski.emailingest.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.tiski.emailingest.config.IntakeConfig;
import io.tiski.emailingest.rest.ContactForm;
import io.tiski.events.v1.Channel;
import io.tiski.events.v1.EventEnvelope;
import io.tiski.events.v1.InboundMessageReceived;
import io.tiski.events.v1.Participant;
import io.tiski.events.v1.SenderClassification;
import io.tiski.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/** A contact form submission becomes an inbound message, published through the outbox. */
@ApplicationScoped
public class ContactFormIntake {
    private static final Logger LOG = Logger.getLogger(ContactFormIntake.class);
    private final Outbox outbox;
    private final IntakeConfig config;
    private final MeterRegistry metrics;

    private final FormFiles files;

    ContactFormIntake(Outbox outbox, IntakeConfig config, MeterRegistry metrics, FormFiles files) {
        this.outbox = outbox;
        this.config = config;
        this.metrics = metrics;
        this.files = files;
    }

    @Transactional
    public String submit(ContactForm form, List<FormFiles.Upload> uploads) {
        List<FormFiles.Refusal> refusals = files.check(uploads);
        if (!refusals.isEmpty()) {
            throw new FormRejectedException(refusals);
        }
        String submissionId = "contact-form-" + UUID.randomUUID();
        if (form.website() != null && !form.website().isBlank()) {
            // the honeypot field is invisible to people: the sender is a robot; it is told nothing different
            metrics.counter("tiski.intake.contact-form", "result", "spam").increment();
            LOG.infof("Contact form submission %s dropped as spam (honeypot filled)", submissionId);
            return submissionId;
        }
        Map<String, String> fields = new HashMap<>();
        if (form.orderNumber() != null && !form.orderNumber().isBlank()) {
            fields.put("orderNumber", form.orderNumber().strip());
        }
        String text = form.message().strip();
        InboundMessageReceived event = new InboundMessageReceived(UUID.randomUUID().toString(), Instant.now(),
                Channel.CONTACT_FORM, submissionId, "contact-form:" + submissionId, config.contactFormAddress(),
                new Participant(form.email().strip(), blankToNull(form.name())), List.of(), List.of(),
                blankToNull(form.subject()), text, text, null, form.language(), SenderClassification.PERSON, null,
                files.store(uploads), null, fields);
        outbox.append(EventEnvelope.of(event, MailIntake.SOURCE));
        metrics.counter("tiski.intake.contact-form", "result", "published").increment();
        return submissionId;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
