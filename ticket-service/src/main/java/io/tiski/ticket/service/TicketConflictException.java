package io.tiski.ticket.service;

/** The request is valid but the ticket's state does not allow it (HTTP 409), e.g. a forbidden status change. */
public class TicketConflictException extends RuntimeException {
    public TicketConflictException(String message) {
        super(message);
    }
}
