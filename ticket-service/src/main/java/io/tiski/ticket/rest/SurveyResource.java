package io.tiski.ticket.rest;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.tiski.ticket.service.SatisfactionSurveys;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The customer's side of a satisfaction survey: the links in the survey mail. No login: the token in the link is
 * the customer's proof, and it answers one survey once.
 */
@Path("/public/surveys/{token}")
@Produces(MediaType.TEXT_HTML)
@PermitAll
@Tag(name = "Satisfaction surveys (public)", description = "The pages customers reach from the survey mail")
public class SurveyResource {
    private final SatisfactionSurveys surveys;
    private final io.tiski.ticket.service.SurveyRateLimiter limiter;

    SurveyResource(SatisfactionSurveys surveys, io.tiski.ticket.service.SurveyRateLimiter limiter) {
        this.surveys = surveys;
        this.limiter = limiter;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance page(PageText text, String message, boolean mayComment);
    }

    /** A page's words in one language. */
    public record PageText(String language, String title, String good, String bad, String already,
            String commentLabel, String send, String commentThanks, String unknown) {
        static PageText of(String language) {
            return switch (language == null ? "en" : language) {
                case "fi" -> new PageText("fi", "Kiitos palautteestasi", "Kiva kuulla, että sait apua asiassa #%d.",
                        "Pahoittelemme, ettei asia #%d hoitunut toivotusti. Kerro, mikä meni pieleen.",
                        "Olet jo vastannut kyselyyn asiasta #%d. Kiitos!", "Haluatko kertoa lisää?", "Lähetä",
                        "Kiitos, kommenttisi asiasta #%d on tallennettu.", "Tätä kyselyä ei löytynyt.");
                case "sv" -> new PageText("sv", "Tack för din feedback", "Roligt att du fick hjälp med ärende #%d.",
                        "Vi beklagar att ärende #%d inte gick som du önskade. Berätta vad som gick fel.",
                        "Du har redan svarat på enkäten om ärende #%d. Tack!", "Vill du berätta mer?", "Skicka",
                        "Tack, din kommentar om ärende #%d har sparats.", "Enkäten hittades inte.");
                default -> new PageText("en", "Thank you for your feedback", "Glad to hear we could help with "
                        + "request #%d.", "We are sorry request #%d did not go as you hoped. Tell us what went wrong.",
                        "You have already answered the survey about request #%d. Thank you!",
                        "Would you like to tell us more?", "Send", "Thank you, your comment on request #%d is saved.",
                        "This survey was not found.");
            };
        }
    }

    @GET
    @Operation(summary = "Rate the service: the good or bad link of the survey mail",
            description = "The first answer counts; the page then offers a comment.")
    @APIResponse(responseCode = "429", description = "Too many requests from this address (Retry-After)")
    public Response rate(@PathParam("token") String token, @QueryParam("rating") String rating,
            @jakarta.ws.rs.core.Context io.vertx.core.http.HttpServerRequest request) {
        return refused(request).orElseGet(() -> page(surveys.rate(token, rating)));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Add a comment to the answer, once")
    @APIResponse(responseCode = "429", description = "Too many requests from this address (Retry-After)")
    public Response comment(@PathParam("token") String token, @FormParam("comment") String comment,
            @jakarta.ws.rs.core.Context io.vertx.core.http.HttpServerRequest request) {
        return refused(request).orElseGet(() -> page(surveys.comment(token, comment)));
    }

    /** 429 with Retry-After when this client address asked too often. */
    private Optional<Response> refused(io.vertx.core.http.HttpServerRequest request) {
        return limiter.admit(io.tiski.ticket.security.ClientAddress.of(request)).map(wait -> Response.fromResponse(Problem.response(429, "Too many requests",
                "This address asked for survey pages too often; try again in " + wait.toSeconds() + " seconds.",
                null)).header("Retry-After", String.valueOf(wait.toSeconds())).build());
    }

    private static Response page(Optional<SatisfactionSurveys.Page> answer) {
        if (answer.isEmpty()) {
            PageText text = PageText.of("en");
            return Response.status(404).entity(Templates.page(text, text.unknown(), false).render())
                    .type(MediaType.TEXT_HTML_TYPE).build();
        }
        SatisfactionSurveys.Page page = answer.get();
        PageText text = PageText.of(page.language());
        String message = switch (page.outcome()) {
            case RECORDED -> "GOOD".equals(page.rating()) ? text.good() : text.bad();
            case ALREADY_ANSWERED -> text.already();
            case COMMENT_RECORDED -> text.commentThanks();
        };
        return Response.ok(Templates.page(text, String.format(message, page.ticketNumber()), page.mayComment())
                .render()).type(MediaType.TEXT_HTML_TYPE)
                // the link is a secret: keep it out of caches and other sites' referrer logs
                .header("Cache-Control", "no-store").header("Referrer-Policy", "no-referrer").build();
    }
}
