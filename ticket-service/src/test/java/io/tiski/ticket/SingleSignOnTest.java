package io.tiski.ticket;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.tiski.infrastructure.testing.KafkaTestResource;
import io.tiski.infrastructure.testing.PostgresTestResource;
import io.tiski.ticket.repository.AgentAccount;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.Test;

/**
 * Sign-in through a real OpenID Connect issuer: its bearer tokens on the API, and the authorization code flow that
 * ends in a Tiski browser session. Roles come from Tiski (or the configured group mapping), never from the
 * provider's group names themselves.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "service", value = "ticket"))
@QuarkusTestResource(value = OidcIssuerTestResource.class, restrictToAnnotatedClass = true)
class SingleSignOnTest {

    static String token(String username, List<String> groups) {
        Map<String, Object> claims = new HashMap<>();
        claims.put("preferred_username", username);
        claims.put("name", "Sanna Sso");
        claims.put("email", username + "@kenkakauppa.fi");
        claims.put("locale", "sv-FI");
        claims.put("groups", groups);
        return OidcIssuerTestResource.server.issueToken(OidcIssuerTestResource.ISSUER, OidcIssuerTestResource.CLIENT_ID,
                new DefaultOAuth2TokenCallback(OidcIssuerTestResource.ISSUER, username, "JWT",
                        List.of(OidcIssuerTestResource.CLIENT_ID), claims, 300)).serialize();
    }

    static String newName() {
        return "sso-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aProvidersTokenActsWithTheRoleItsGroupsMapTo() {
        String username = newName();
        String bearer = token(username, List.of("helpdesk"));
        given().auth().oauth2(bearer).get("/api/v1/session").then().statusCode(200)
                .body("username", equalTo(username)).body("role", equalTo("agent")).body("locale", equalTo("sv"))
                .body("displayName", equalTo("Sanna Sso"));
        given().auth().oauth2(bearer).get("/api/v1/tickets").then().statusCode(200);
        given().auth().oauth2(bearer).get("/api/v1/accounts").then().statusCode(403);
        AgentAccount account = QuarkusTransaction.requiringNew().call(() -> AgentAccount.findById(username));
        assertThat(account.passwordHash).as("a single sign-on account has no password").isNull();
        assertThat(account.email).isEqualTo(username + "@kenkakauppa.fi");

        // moved to the admins' group at the provider: admin at the next call
        given().auth().oauth2(token(username, List.of("helpdesk", "helpdesk-admins"))).get("/api/v1/accounts")
                .then().statusCode(200).body("username", hasItem(username));
    }

    @Test
    void aGroupNamedLikeATiskiRoleGrantsNothing() {
        String username = newName();
        given().auth().oauth2(token(username, List.of("admin", "agent"))).get("/api/v1/tickets").then()
                .statusCode(401);
        AgentAccount none = QuarkusTransaction.requiringNew().call(() -> AgentAccount.findById(username));
        assertThat(none).isNull();
    }

    @Test
    void anAccountMadeInTiskiKeepsItsRoleAndADisabledOneIsRefused() {
        String username = newName();
        given().auth().oauth2(InboundMessageFlowTest.TOKEN).contentType("application/json")
                .body(Map.of("username", username, "role", "read-only")).post("/api/v1/accounts").then()
                .statusCode(201);
        String bearer = token(username, List.of("unrelated"));
        given().auth().oauth2(bearer).get("/api/v1/session").then().statusCode(200).body("role",
                equalTo("read-only"));
        given().auth().oauth2(InboundMessageFlowTest.TOKEN).contentType("application/json")
                .body(Map.of("disabled", true)).patch("/api/v1/accounts/" + username).then().statusCode(200);
        given().auth().oauth2(bearer).get("/api/v1/session").then().statusCode(401);
    }

    @Test
    void aForgedOrForeignTokenIsRefusedAndTiskiTokensStillWork() {
        String bearer = token(newName(), List.of("helpdesk"));
        String[] parts = bearer.split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
        given().auth().oauth2(forged).get("/api/v1/tickets").then().statusCode(401);
        given().auth().oauth2(InboundMessageFlowTest.TOKEN).get("/api/v1/tickets").then().statusCode(200);
        given().get("/api/v1/tickets").then().statusCode(401);
    }

    @Test
    void theBrowserSignsInThroughTheProviderAndGetsATiskiSession() {
        String username = newName();
        Map<String, Object> claims = new HashMap<>();
        claims.put("preferred_username", username);
        claims.put("groups", List.of("helpdesk-leads"));
        OidcIssuerTestResource.server.enqueueCallback(new DefaultOAuth2TokenCallback(OidcIssuerTestResource.ISSUER,
                username, "JWT", List.of(OidcIssuerTestResource.CLIENT_ID), claims, 300));

        Response start = given().redirects().follow(false).get("/api/v1/session/sso").then().statusCode(302)
                .extract().response();
        URI authorize = URI.create(start.header("Location"));
        assertThat(authorize.toString()).startsWith(OidcIssuerTestResource.server.authorizationEndpointUrl(
                OidcIssuerTestResource.ISSUER).toString());
        Map<String, String> stateCookies = start.cookies();

        Response atProvider = given().redirects().follow(false).urlEncodingEnabled(false).get(authorize).then()
                .extract().response();
        assertThat(atProvider.statusCode()).isEqualTo(302);
        URI back = URI.create(atProvider.header("Location"));
        assertThat(back.getPath()).isEqualTo("/api/v1/session/sso");

        Response callback = given().redirects().follow(false).urlEncodingEnabled(false).cookies(stateCookies)
                .get(back.getPath() + "?" + back.getRawQuery()).then().extract().response();
        Map<String, String> cookies = new HashMap<>(stateCookies);
        cookies.putAll(callback.cookies());
        Response landed = callback;
        for (int hop = 0; hop < 3 && landed.cookie("tiski_session") == null && landed.statusCode() / 100 == 3;
                hop++) {
            URI next = URI.create(landed.header("Location"));
            landed = given().redirects().follow(false).cookies(cookies).get(next.getRawPath()
                    + (next.getRawQuery() == null ? "" : "?" + next.getRawQuery())).then().extract().response();
            cookies.putAll(landed.cookies());
        }
        assertThat(landed.statusCode()).isEqualTo(303);
        assertThat(landed.header("Location")).endsWith("/");
        String session = landed.cookie("tiski_session");
        assertThat(session).isNotBlank();
        assertThat(landed.header("Set-Cookie")).contains("HttpOnly");

        given().cookie("tiski_session", session).get("/api/v1/session").then().statusCode(200)
                .body("username", equalTo(username)).body("role", equalTo("team-lead"));
        given().auth().oauth2(InboundMessageFlowTest.TOKEN).queryParam("agent", username)
                .get("/api/v1/security-audit").then().statusCode(200).body("detail", hasItem("single sign-on"));
    }
}
