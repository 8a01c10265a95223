package io.tiski.notification.templates;

/** What an acknowledgement tells the customer. */
public record AcknowledgementView(long ticketNumber, String customerName, String originalSubject,
        String brandName) {
    public boolean hasName() {
        return customerName != null && !customerName.isBlank();
    }
}
