package io.tiski.notification.templates;

/**
 * What a satisfaction survey mail shows: the request it is about and the two links to answer with; after a
 * completed return it asks how the return went.
 */
public record SurveyView(long ticketNumber, String customerName, String originalSubject, String brandName,
        String goodUrl, String badUrl, boolean aboutReturn) {
    public SurveyView(long ticketNumber, String customerName, String originalSubject, String brandName,
            String goodUrl, String badUrl) {
        this(ticketNumber, customerName, originalSubject, brandName, goodUrl, badUrl, false);
    }

    public boolean hasName() {
        return customerName != null && !customerName.isBlank();
    }
}
