package io.tiski.notification.templates;

/** What an acknowledgement tells the customer. */
public record AcknowledgementView(long ticketNumber, String customerName, String originalSubject,
        String brandName, java.util.List<io.tiski.events.v1.FaqAnswer> faq, String expectedAnswer) {
    public AcknowledgementView(long ticketNumber, String customerName, String originalSubject, String brandName) {
        this(ticketNumber, customerName, originalSubject, brandName, java.util.List.of(), null);
    }

    /** The sentence saying when a person answers, if an SLA tells. */
    public boolean hasExpectedAnswer() {
        return expectedAnswer != null && !expectedAnswer.isBlank();
    }

    public boolean hasFaq() {
        return faq != null && !faq.isEmpty();
    }

    public boolean hasName() {
        return customerName != null && !customerName.isBlank();
    }
}
