package io.tiski.notification.templates;

/** A notification for staff: subject and text written by the ticket service. */
public record StaffNotificationView(long ticketNumber, String subject, String text, String brandName) {
}
