package io.tiski.ticket;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.tiski.infrastructure.testing.KafkaTestResource;
import io.tiski.infrastructure.testing.PostgresTestResource;
import io.tiski.ticket.repository.AgentAccount;
import io.tiski.ticket.repository.AgentSession;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Local accounts end to end over HTTP: sign-in with the session cookie and its CSRF token, throttling and lockout,
 * roles taking effect at once, personal API tokens, and the security audit log.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "service", value = "ticket"))
class SignInAndAccountsTest {
    static final String ADMIN_PASSWORD = "correct horse battery staple";
    static final String PASSWORD = "kolme kenkää ja sateenvarjo";

    /** A browser's session: the cookie it keeps and the CSRF token the UI read. */
    record Session(String cookie, String csrf) {
        RequestSpecification given() {
            return io.restassured.RestAssured.given().cookie("tiski_session", cookie).header("X-CSRF-Token", csrf)
                    .contentType("application/json");
        }

        RequestSpecification withoutCsrf() {
            return io.restassured.RestAssured.given().cookie("tiski_session", cookie).contentType("application/json");
        }
    }

    static Response attempt(String username, String password) {
        return given().contentType("application/json").body(Map.of("username", username, "password", password))
                .post("/api/v1/session");
    }

    static Session signIn(String username, String password) {
        Response response = attempt(username, password).then().statusCode(200).extract().response();
        return new Session(response.cookie("tiski_session"), response.jsonPath().getString("csrfToken"));
    }

    static String newAccount(Session admin, String role) {
        String username = "agent-" + UUID.randomUUID().toString().substring(0, 8);
        admin.given().body(Map.of("username", username, "displayName", "Maija Virtanen", "email",
                username + "@kenkakauppa.fi", "role", role, "locale", "fi", "password", PASSWORD))
                .post("/api/v1/accounts").then().statusCode(201).body("role", equalTo(role))
                .body("hasPassword", equalTo(true));
        return username;
    }

    @Test
    void theBootstrapAdministratorSignsInWithAHardenedCookie() {
        Response response = attempt("admin", ADMIN_PASSWORD).then().statusCode(200)
                .body("username", equalTo("admin")).body("role", equalTo("admin"))
                .body("csrfToken", notNullValue()).extract().response();
        String setCookie = response.header("Set-Cookie");
        assertThat(setCookie).startsWith("tiski_session=").contains("HttpOnly").contains("Secure")
                .containsIgnoringCase("SameSite=Strict").contains("Path=/");
        assertThat(response.header("Cache-Control")).isEqualTo("no-store");
        Session admin = new Session(response.cookie("tiski_session"), response.jsonPath().getString("csrfToken"));

        admin.withoutCsrf().get("/api/v1/session").then().statusCode(200).body("username", equalTo("admin"))
                .body("csrfToken", equalTo(admin.csrf()));
        String hash = QuarkusTransaction.requiringNew().call(() -> AgentAccount.<AgentAccount>findById("admin")
                .passwordHash);
        assertThat(hash).startsWith("$argon2id$").doesNotContain(ADMIN_PASSWORD);
        String stored = QuarkusTransaction.requiringNew().call(() -> AgentSession.<AgentSession>listAll().stream()
                .map(s -> s.idSha256).filter(admin.cookie()::equals).findAny().orElse(null));
        assertThat(stored).as("the cookie's value itself is not stored").isNull();
    }

    @Test
    void aChangeWithTheCookieNeedsTheSessionsCsrfToken() {
        Session admin = signIn("admin", ADMIN_PASSWORD);
        Map<String, Object> body = Map.of("username", "csrf-" + UUID.randomUUID().toString().substring(0, 8),
                "role", "agent");
        admin.withoutCsrf().body(body).post("/api/v1/accounts").then().statusCode(403)
                .contentType("application/problem+json").body("detail", org.hamcrest.Matchers.containsString(
                        "X-CSRF-Token"));
        admin.withoutCsrf().header("X-CSRF-Token", "forged").body(body).post("/api/v1/accounts").then()
                .statusCode(403);
        admin.given().body(body).post("/api/v1/accounts").then().statusCode(201);
        // an API token carries no cookie and needs no CSRF token
        given().auth().oauth2(InboundMessageFlowTest.TOKEN).contentType("application/json")
                .body(Map.of("username", "csrf-" + UUID.randomUUID().toString().substring(0, 8), "role", "agent"))
                .post("/api/v1/accounts").then().statusCode(201);
    }

    @Test
    void anAgentActsWithTheirRoleAndARoleChangeTakesEffectAtOnce() {
        Session admin = signIn("admin", ADMIN_PASSWORD);
        String username = newAccount(admin, "agent");
        Session agent = signIn(username, PASSWORD);
        agent.given().get("/api/v1/session").then().statusCode(200).body("role", equalTo("agent"))
                .body("locale", equalTo("fi")).body("displayName", equalTo("Maija Virtanen"));
        agent.given().get("/api/v1/tickets").then().statusCode(200);
        agent.given().body(Map.of("username", "nope-" + username, "role", "admin")).post("/api/v1/accounts").then()
                .statusCode(403);
        agent.given().body(Map.of("teams", List.of("returns"))).put("/api/v1/agents/" + username + "/teams").then()
                .statusCode(403);

        admin.given().body(Map.of("role", "read-only")).patch("/api/v1/accounts/" + username).then().statusCode(200)
                .body("role", equalTo("read-only"));
        agent.given().get("/api/v1/session").then().statusCode(200).body("role", equalTo("read-only"));
        agent.given().body(Map.of("email", username + "@kenkakauppa.fi", "assigned", true, "customerReplied", true,
                "slaWarning", true)).put("/api/v1/agents/me/notifications").then().statusCode(403);

        admin.given().body(Map.of("disabled", true)).patch("/api/v1/accounts/" + username).then().statusCode(200)
                .body("disabled", equalTo(true));
        agent.given().get("/api/v1/session").then().statusCode(401);
        attempt(username, PASSWORD).then().statusCode(401);
    }

    @Test
    void fiveWrongPasswordsLockTheAccountUntilAnAdministratorUnlocksIt() {
        Session admin = signIn("admin", ADMIN_PASSWORD);
        String username = newAccount(admin, "agent");
        for (int i = 0; i < 5; i++) {
            attempt(username, "väärä salasana " + i).then().statusCode(401)
                    .contentType("application/problem+json");
        }
        Response locked = attempt(username, PASSWORD).then().statusCode(429).extract().response();
        assertThat(Long.parseLong(locked.header("Retry-After"))).isBetween(60L, 15 * 60L + 1);
        admin.given().get("/api/v1/accounts/" + username).then().statusCode(200).body("lockedUntil", notNullValue());

        admin.given().post("/api/v1/accounts/" + username + "/unlock").then().statusCode(200)
                .body("lockedUntil", nullValue());
        signIn(username, PASSWORD);

        admin.given().queryParam("agent", username).get("/api/v1/security-audit").then().statusCode(200)
                .body("action", hasItem("ACCOUNT_LOCKED")).body("action", hasItem("ACCOUNT_UNLOCKED"))
                .body("findAll { it.action == 'SIGN_IN' }.outcome", hasItem("FAILURE"))
                .body("findAll { it.action == 'SIGN_IN' }.outcome", hasItem("SUCCESS"))
                .body("findAll { it.action == 'SIGN_IN' }.outcome", hasItem("REFUSED"));
        String log = admin.given().get("/api/v1/security-audit?limit=500").then().extract().asString();
        assertThat(log).doesNotContain(PASSWORD).doesNotContain("väärä salasana");
    }

    @Test
    void aNameThatIsNoAccountIsAnsweredLikeOne() {
        String nobody = "nobody-" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 5; i++) {
            attempt(nobody, "guess " + i).then().statusCode(401).body("detail",
                    equalTo("The username or the password is wrong."));
        }
        attempt(nobody, "guess 6").then().statusCode(429).header("Retry-After", notNullValue());
    }

    @Test
    void personalTokensAreShownOnceCappedByTheirMakersRoleAndRevocable() {
        Session admin = signIn("admin", ADMIN_PASSWORD);
        String username = newAccount(admin, "agent");
        Session agent = signIn(username, PASSWORD);

        agent.given().body(Map.of("name", "too much", "role", "admin")).post("/api/v1/me/tokens").then()
                .statusCode(403);
        agent.given().body(Map.of("name", "forever", "expiresInDays", 3000)).post("/api/v1/me/tokens").then()
                .statusCode(400);
        Response created = agent.given().body(Map.of("name", "order-sync", "role", "read-only", "expiresInDays", 30))
                .post("/api/v1/me/tokens").then().statusCode(201).body("role", equalTo("read-only")).extract()
                .response();
        String token = created.jsonPath().getString("token");
        String id = created.jsonPath().getString("id");
        assertThat(token).startsWith("tsk_").hasSizeGreaterThan(40);
        assertThat(Instant.parse(created.jsonPath().getString("expiresAt")))
                .isBetween(Instant.now().plus(Duration.ofDays(29)), Instant.now().plus(Duration.ofDays(31)));

        given().auth().oauth2(token).get("/api/v1/tickets").then().statusCode(200);
        given().auth().oauth2(token).contentType("application/json").body(Map.of("email", "x@kenkakauppa.fi",
                "assigned", true, "customerReplied", true, "slaWarning", true))
                .put("/api/v1/agents/me/notifications").then().statusCode(403);
        String listed = agent.given().get("/api/v1/me/tokens").then().statusCode(200)
                .body("name", hasItem("order-sync")).body("[0].lastUsedAt", notNullValue()).extract().asString();
        assertThat(listed).doesNotContain(token);
        admin.given().get("/api/v1/accounts/" + username + "/tokens").then().statusCode(200)
                .body("id", hasItem(id));

        agent.given().delete("/api/v1/me/tokens/" + id).then().statusCode(200).body("revokedAt", notNullValue());
        given().auth().oauth2(token).get("/api/v1/tickets").then().statusCode(401);
        admin.given().queryParam("action", "TOKEN_CREATED").get("/api/v1/security-audit").then().statusCode(200)
                .body("subject", hasItem(username));
        String audit = admin.given().get("/api/v1/security-audit?limit=500").then().extract().asString();
        assertThat(audit).doesNotContain(token);
    }

    @Test
    void aTokensRoleFallsWithItsAccountsAndADisabledAccountsTokensStop() {
        Session admin = signIn("admin", ADMIN_PASSWORD);
        String username = newAccount(admin, "team-lead");
        Session lead = signIn(username, PASSWORD);
        String token = lead.given().body(Map.of("name", "reports")).post("/api/v1/me/tokens").then().statusCode(201)
                .body("role", equalTo("team-lead")).extract().jsonPath().getString("token");
        given().auth().oauth2(token).get("/api/v1/accounts").then().statusCode(200);

        admin.given().body(Map.of("role", "agent")).patch("/api/v1/accounts/" + username).then().statusCode(200);
        given().auth().oauth2(token).get("/api/v1/accounts").then().statusCode(403);
        given().auth().oauth2(token).get("/api/v1/tickets").then().statusCode(200);

        admin.given().body(Map.of("disabled", true)).patch("/api/v1/accounts/" + username).then().statusCode(200);
        given().auth().oauth2(token).get("/api/v1/tickets").then().statusCode(401);
    }

    @Test
    void changingTheOwnPasswordEndsTheOtherSessionsAndSigningOutEndsThisOne() {
        Session admin = signIn("admin", ADMIN_PASSWORD);
        String username = newAccount(admin, "agent");
        Session laptop = signIn(username, PASSWORD);
        Session phone = signIn(username, PASSWORD);
        String newPassword = "neljä kenkää ja kaksi sateenvarjoa";

        laptop.given().body(Map.of("currentPassword", "not it", "newPassword", newPassword))
                .put("/api/v1/me/password").then().statusCode(403);
        laptop.given().body(Map.of("currentPassword", PASSWORD, "newPassword", "short"))
                .put("/api/v1/me/password").then().statusCode(400);
        laptop.given().body(Map.of("currentPassword", PASSWORD, "newPassword", newPassword))
                .put("/api/v1/me/password").then().statusCode(204);
        phone.given().get("/api/v1/session").then().statusCode(401);
        laptop.given().get("/api/v1/session").then().statusCode(200);
        attempt(username, PASSWORD).then().statusCode(401);
        Session again = signIn(username, newPassword);

        Response out = again.given().delete("/api/v1/session").then().statusCode(204).extract().response();
        assertThat(out.header("Set-Cookie")).startsWith("tiski_session=;").contains("Max-Age=0");
        again.given().get("/api/v1/session").then().statusCode(401);
        // a stale cookie does not stand in the way of signing in again
        given().cookie("tiski_session", again.cookie()).contentType("application/json")
                .body(Map.of("username", username, "password", newPassword)).post("/api/v1/session").then()
                .statusCode(200);
    }

    @Test
    void anUnusedSessionEndsAfterTheIdleTimeout() {
        Session admin = signIn("admin", ADMIN_PASSWORD);
        String username = newAccount(admin, "agent");
        Session agent = signIn(username, PASSWORD);
        agent.given().get("/api/v1/session").then().statusCode(200);
        QuarkusTransaction.requiringNew().run(() -> AgentSession.update("lastSeenAt = ?1 where username = ?2",
                Instant.now().minus(Duration.ofHours(5)), username));
        agent.given().get("/api/v1/session").then().statusCode(401);
        assertThat(signInService.purgeEndedSessions()).isGreaterThanOrEqualTo(1);
        assertThat(QuarkusTransaction.requiringNew().call(() -> AgentSession.count("username", username)))
                .as("ended sessions are deleted").isZero();
    }

    @jakarta.inject.Inject
    io.tiski.ticket.security.AgentSignIn signInService;

    @Test
    void theLastAdministratorCannotBeDemoted() {
        Session admin = signIn("admin", ADMIN_PASSWORD);
        long admins = QuarkusTransaction.requiringNew().call(() -> AgentAccount.count(
                "role = 'admin' and disabledAt is null"));
        if (admins == 1) {
            admin.given().body(Map.of("role", "agent")).patch("/api/v1/accounts/admin").then().statusCode(409);
        }
        String second = newAccount(admin, "admin");
        admin.given().body(Map.of("role", "agent")).patch("/api/v1/accounts/" + second).then().statusCode(200);
        admin.given().body(Map.of("username", "Not Valid!", "role", "agent")).post("/api/v1/accounts").then()
                .statusCode(400);
        admin.given().body(Map.of("username", second, "role", "agent")).post("/api/v1/accounts").then()
                .statusCode(409);
    }

    @Test
    void everyAnswerCarriesTheBrowserSecurityHeaders() {
        for (Response response : List.of(attempt("admin", "wrong"), given().get("/api/v1/tickets"),
                given().get("/public/surveys/unknown-token"))) {
            assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(response.header("Referrer-Policy")).isEqualTo("no-referrer");
            assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
            assertThat(response.header("Content-Security-Policy")).contains("default-src 'self'")
                    .contains("script-src 'self'").contains("object-src 'none'").contains("frame-ancestors 'none'")
                    .doesNotContain("unsafe-inline");
        }
        given().get("/assets/survey.css").then().statusCode(200).contentType(not(""));
    }

    @Test
    void noPasswordCookieCsrfTokenOrApiTokenReachesTheLog() throws Exception {
        Session admin = signIn("admin", ADMIN_PASSWORD);
        String username = newAccount(admin, "agent");
        attempt(username, "väärä salasana ja toinen").then().statusCode(401);
        Session agent = signIn(username, PASSWORD);
        String token = agent.given().body(Map.of("name", "log-check")).post("/api/v1/me/tokens").then()
                .statusCode(201).extract().jsonPath().getString("token");
        given().auth().oauth2(token).get("/api/v1/tickets").then().statusCode(200);
        given().auth().oauth2(token + "x").get("/api/v1/tickets").then().statusCode(401);
        String log = java.nio.file.Files.readString(java.nio.file.Path.of("target/test-logs/ticket-service.log"));
        assertThat(log).contains("security audit: SIGN_IN SUCCESS actor=" + username);
        for (String secret : List.of(ADMIN_PASSWORD, PASSWORD, "väärä salasana ja toinen", admin.cookie(),
                admin.csrf(), agent.cookie(), agent.csrf(), token)) {
            assertThat(log).as("the log holds a secret").doesNotContain(secret);
        }
    }
}
