package io.tiski.ticket.rest;

import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error leaves as problem+json that says what was wrong and, where it helps, what to do. */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        List<Problem.FieldViolation> violations = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldViolation(fieldName(v.getPropertyPath().toString()), v.getMessage()))
                .toList();
        return Problem.response(400, "Invalid request", "Some fields are not valid: "
                + violations.stream().map(Problem.FieldViolation::field).distinct().toList(), violations);
    }

    @ServerExceptionMapper
    public Response badParameter(InboxQuery.InvalidParameterException e) {
        return Problem.response(400, "Invalid request", e.getMessage(),
                List.of(new Problem.FieldViolation(e.parameter(), e.getMessage())));
    }

    @ServerExceptionMapper
    public Response badArgument(IllegalArgumentException e) {
        return Problem.response(400, "Invalid request", e.getMessage(), null);
    }

    @ServerExceptionMapper
    public Response conflict(io.tiski.ticket.service.TicketConflictException e) {
        return Problem.response(409, "Conflict", e.getMessage(), null);
    }

    @ServerExceptionMapper
    public Response unknownField(com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException e) {
        return Problem.response(400, "Invalid request", "Unknown field '" + e.getPropertyName() + "'; known fields: "
                + e.getKnownPropertyIds(), List.of(new Problem.FieldViolation(e.getPropertyName(), "is not known")));
    }

    @ServerExceptionMapper
    public Response unreadable(com.fasterxml.jackson.core.JsonProcessingException e) {
        return Problem.response(400, "Invalid request", "The body is not valid JSON: " + e.getOriginalMessage(),
                null);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("Request failed", e);
        }
        return Problem.response(status, e.getResponse().getStatusInfo().getReasonPhrase(), e.getMessage(), null);
    }

    /** {@code list.arg0.subject} → {@code subject}: the field as the client wrote it. */
    static String fieldName(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }
}
