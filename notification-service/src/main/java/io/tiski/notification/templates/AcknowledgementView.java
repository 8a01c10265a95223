package io.tiski.notification.templates;

/** What an acknowledgement tells the customer. */
public record AcknowledgementView(long ticketNumber, String customerName, String originalSubject,
        String brandName, java.util.List<io.tiski.events.v1.FaqAnswer> faq, String expectedAnswer,
        ReturnSteps returnSteps) {
    public AcknowledgementView(long ticketNumber, String customerName, String originalSubject, String brandName) {
        this(ticketNumber, customerName, originalSubject, brandName, java.util.List.of(), null, null);
    }

    public AcknowledgementView(long ticketNumber, String customerName, String originalSubject, String brandName,
            java.util.List<io.tiski.events.v1.FaqAnswer> faq, String expectedAnswer) {
        this(ticketNumber, customerName, originalSubject, brandName, faq, expectedAnswer, null);
    }

    /**
     * A return's confirmation: how to send the items back, by when, at what cost; or, for a complaint or a return
     * past the windows, what happens next.
     *
     * @param deadline already written as the customer reads dates (15.12.2026)
     */
    public record ReturnSteps(String orderNumber, boolean complaint, boolean accepted, String deadline,
            boolean free, String cost, java.util.List<String> addressLines, String labelUrl) {
        public boolean hasLabel() {
            return labelUrl != null && !labelUrl.isBlank();
        }

        public boolean hasAddress() {
            return addressLines != null && !addressLines.isEmpty();
        }

        public boolean hasCost() {
            return !free && cost != null && !cost.isBlank();
        }

        public boolean hasDeadline() {
            return deadline != null;
        }

        /** A return the customer sends now (not a complaint, not refused). */
        public boolean sendNow() {
            return !complaint && accepted;
        }

        public static ReturnSteps of(io.tiski.events.v1.ReturnConfirmation r) {
            if (r == null) {
                return null;
            }
            String deadline = r.deadline() == null ? null
                    : java.time.format.DateTimeFormatter.ofPattern("d.M.yyyy").format(r.deadline());
            java.util.List<String> lines = r.returnAddress() == null ? java.util.List.of()
                    : r.returnAddress().lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
            return new ReturnSteps(r.orderNumber(), "COMPLAINT".equals(r.requestType()), r.accepted(), deadline,
                    "free".equals(r.cost()), r.cost(), lines, r.labelUrl() != null
                            && r.labelUrl().startsWith("https://") ? r.labelUrl() : null);
        }
    }

    public boolean hasReturn() {
        return returnSteps != null;
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
