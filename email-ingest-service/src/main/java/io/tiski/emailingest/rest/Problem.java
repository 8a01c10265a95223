package io.tiski.emailingest.rest;

import jakarta.ws.rs.core.Response;
import java.util.List;

/** An RFC 9457 problem detail, the body of every error this API returns. */
public record Problem(String type, String title, int status, String detail, String instance,
        List<FieldViolation> violations) {
    public static final String MEDIA_TYPE = "application/problem+json";

    public record FieldViolation(String field, String message) {
    }

    public static Response response(int status, String title, String detail, List<FieldViolation> violations) {
        return Response.status(status).type(MEDIA_TYPE)
                .entity(new Problem("about:blank", title, status, detail, null,
                        violations == null || violations.isEmpty() ? null : violations))
                .build();
    }
}
