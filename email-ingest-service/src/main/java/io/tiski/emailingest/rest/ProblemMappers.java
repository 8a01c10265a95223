package io.tiski.emailingest.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error leaves as problem+json naming the fields that were wrong. */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        List<Problem.FieldViolation> violations = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldViolation(fieldName(v.getPropertyPath().toString()), v.getMessage()))
                .sorted(java.util.Comparator.comparing(Problem.FieldViolation::field))
                .toList();
        return Problem.response(400, "Invalid request", "Please correct: " + violations.stream()
                .map(v -> v.field() + " " + v.message()).distinct().reduce((a, b) -> a + "; " + b).orElse(""),
                violations);
    }

    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e) {
        return Problem.response(400, "Invalid request", "Unknown field '" + e.getPropertyName() + "'",
                List.of(new Problem.FieldViolation(e.getPropertyName(), "is not a field of this form")));
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e) {
        return Problem.response(400, "Invalid request", "The body is not valid JSON: " + e.getOriginalMessage(),
                null);
    }

    @ServerExceptionMapper
    public Response rejected(io.tiski.emailingest.service.FormRejectedException e) {
        return Problem.response(400, "Invalid request", "Please correct: " + e.getMessage(), e.refusals().stream()
                .map(r -> new Problem.FieldViolation(r.field(), r.message())).toList());
    }

    @ServerExceptionMapper
    public Response tooMany(io.tiski.emailingest.service.RateLimitedException e) {
        return Response.fromResponse(Problem.response(429, "Too Many Requests", e.getMessage(), null))
                .header("Retry-After", Math.max(1, e.retryAfter().toSeconds())).build();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        return Problem.response(status, e.getResponse().getStatusInfo().getReasonPhrase(), e.getMessage(), null);
    }

    static String fieldName(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }
}
