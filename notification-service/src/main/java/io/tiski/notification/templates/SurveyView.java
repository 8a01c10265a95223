package io.tiski.notification.templates;

/** What a satisfaction survey mail shows: the request it is about and the two links to answer with. */
public record SurveyView(long ticketNumber, String customerName, String originalSubject, String brandName,
        String goodUrl, String badUrl) {
    public boolean hasName() {
        return customerName != null && !customerName.isBlank();
    }
}
