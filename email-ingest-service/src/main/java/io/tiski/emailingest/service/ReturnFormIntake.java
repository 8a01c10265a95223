package io.tiski.emailingest.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.tiski.emailingest.config.FormConfig;
import io.tiski.emailingest.config.IntakeConfig;
import io.tiski.emailingest.domain.ReturnPolicy;
import io.tiski.emailingest.rest.ReturnForm;
import io.tiski.events.v1.AttachmentReference;
import io.tiski.events.v1.Channel;
import io.tiski.events.v1.EventEnvelope;
import io.tiski.events.v1.InboundMessageReceived;
import io.tiski.events.v1.Participant;
import io.tiski.events.v1.SenderClassification;
import io.tiski.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** A return or complaint becomes a typed ticket request, with the policy's verdict told to the customer at once. */
@ApplicationScoped
public class ReturnFormIntake {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Outbox outbox;
    private final FormConfig forms;
    private final IntakeConfig intake;
    private final FormFiles files;
    private final MeterRegistry metrics;
    private final Clock clock;

    ReturnFormIntake(Outbox outbox, FormConfig forms, IntakeConfig intake, FormFiles files, MeterRegistry metrics,
            io.tiski.emailingest.config.ShopClock shopClock) {
        this.clock = shopClock.getClock();
        this.outbox = outbox;
        this.forms = forms;
        this.intake = intake;
        this.files = files;
        this.metrics = metrics;
    }

    /** The customer's answer: the submission id and where the request stands. */
    public record Receipt(String submissionId, ReturnPolicy.Verdict policy) {
    }

    @Transactional
    public Receipt submit(ReturnForm form, List<FormFiles.Upload> photos) {
        if (!forms.returns().reasons().contains(form.reason())) {
            throw new FormRejectedException(List.of(new FormFiles.Refusal("reason",
                    "must be one of " + forms.returns().reasons())));
        }
        List<FormFiles.Refusal> refusals = files.check(photos);
        if (!refusals.isEmpty()) {
            throw new FormRejectedException(refusals);
        }
        String language = form.language() == null ? "en" : form.language();
        boolean complaint = "COMPLAINT".equals(form.requestType());
        ReturnPolicy.Verdict verdict = new ReturnPolicy(forms.returns().withdrawalDays(),
                forms.returns().shopReturnDays(), forms.returns().freeReturns(), forms.returns().returnCost().orElse(null))
                .assess(complaint, form.receivedDate(), LocalDate.now(clock), language);
        String submissionId = (complaint ? "complaint-form-" : "return-form-") + UUID.randomUUID();
        if (form.website() != null && !form.website().isBlank()) {
            metrics.counter("tiski.intake.return-form", "result", "spam").increment();
            return new Receipt(submissionId, verdict);
        }
        List<AttachmentReference> attachments = files.store(photos);
        Map<String, String> fields = new HashMap<>();
        fields.put("requestType", form.requestType());
        fields.put("orderNumber", form.orderNumber().strip());
        fields.put("receivedDate", form.receivedDate().toString());
        fields.put("reason", form.reason());
        fields.put("policyWindow", verdict.window());
        fields.put("policyAccepted", String.valueOf(verdict.accepted()));
        if (!complaint && verdict.accepted()) {
            // what the acknowledgement confirms: by when, at what cost, and where to
            fields.put("returnDeadline", ("WITHDRAWAL".equals(verdict.window()) ? verdict.withdrawalDeadline()
                    : verdict.shopDeadline()).toString());
            fields.put("returnCost", forms.returns().freeReturns() ? "free"
                    : forms.returns().returnCost().orElse(""));
            forms.returns().returnAddress().filter(a -> !a.isBlank())
                    .ifPresent(a -> fields.put("returnAddress", a.replace("\\n", "\n")));
            forms.returns().labelUrl().filter(u -> u.startsWith("https://"))
                    .ifPresent(u -> fields.put("returnLabelUrl", u));
        }
        if (form.resolution() != null) {
            fields.put("resolution", form.resolution());
        }
        try {
            fields.put("items", JSON.writeValueAsString(form.items()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        String itemsText = form.items().stream().map(i -> "- " + i.quantity() + " × " + i.name()
                + (i.sku() == null || i.sku().isBlank() ? "" : " (" + i.sku() + ")")).collect(Collectors.joining("\n"));
        String text = (complaint ? "Complaint" : "Return") + " for order " + form.orderNumber() + "\nReason: "
                + form.reason() + (form.resolution() == null ? "" : "\nWanted: " + form.resolution()) + "\nReceived: "
                + form.receivedDate() + "\nItems:\n" + itemsText
                + (form.description() == null || form.description().isBlank() ? "" : "\n\n" + form.description().strip())
                + "\n\n" + verdict.explanation();
        String subject = (complaint ? "Reklamaatio / Complaint " : "Palautus / Return ") + form.orderNumber().strip();
        InboundMessageReceived event = new InboundMessageReceived(UUID.randomUUID().toString(), Instant.now(),
                Channel.RETURN_FORM, submissionId, "return-form:" + submissionId, intake.contactFormAddress(),
                new Participant(form.email().strip(), form.name() == null || form.name().isBlank() ? null
                        : form.name().strip()), List.of(), List.of(), subject, text, text, null, form.language(),
                SenderClassification.PERSON, null, attachments, null, fields);
        outbox.append(EventEnvelope.of(event, MailIntake.SOURCE));
        metrics.counter("tiski.intake.return-form", "result", "published", "type", form.requestType()).increment();
        return new Receipt(submissionId, verdict);
    }
}
