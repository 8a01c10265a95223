package io.tiski.ticket.security;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.tiski.ticket.config.SecurityConfig;
import io.tiski.ticket.repository.AgentAccount;
import io.tiski.ticket.repository.AgentSession;
import io.tiski.ticket.security.SecurityAudit.Action;
import io.tiski.ticket.security.SecurityAudit.Outcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Signing in with a local account: the password checked against its Argon2id hash, failures counted, the account
 * locked after too many, the address slowed down, and a browser session opened on success. Every attempt is in the
 * security audit log.
 */
@ApplicationScoped
public class AgentSignIn {
    private final SecurityConfig config;
    private final PasswordHashing hashing;
    private final SignInRateLimiter limiter;
    private final SecurityAudit audit;

    AgentSignIn(SecurityConfig config, PasswordHashing hashing, SignInRateLimiter limiter, SecurityAudit audit) {
        this.config = config;
        this.hashing = hashing;
        this.limiter = limiter;
        this.audit = audit;
    }

    /** How a sign-in ended. */
    public sealed interface Result {
    }

    /** Signed in: {@code cookieValue} goes to the browser only, the session row keeps its digest. */
    public record SignedIn(String cookieValue, AgentSession session, AgentAccount account) implements Result {
    }

    /** Wrong name or password, or an account that cannot sign in; which of these is not told. */
    public record Refused() implements Result {
    }

    /** Too many attempts from this address, or for this account: try again later. */
    public record Throttled(Duration retryAfter) implements Result {
    }

    public Result signIn(String username, String password, String clientAddress, String userAgent) {
        Optional<Duration> wait = limiter.admit(clientAddress);
        if (wait.isPresent()) {
            audit.record(Action.SIGN_IN, Outcome.REFUSED, username, null, clientAddress, "address rate limit");
            return new Throttled(wait.get());
        }
        return QuarkusTransaction.requiringNew().call(() -> attempt(username, password, clientAddress, userAgent));
    }

    private Result attempt(String username, String password, String clientAddress, String userAgent) {
        Instant now = Instant.now();
        AgentAccount account = AgentAccount.findById(username, LockModeType.PESSIMISTIC_WRITE);
        if (account == null) {
            hashing.matchDecoy(password);
            if (limiter.unknownNameLocked(username)) {
                audit.record(Action.SIGN_IN, Outcome.REFUSED, username, null, clientAddress, "locked");
                return new Throttled(config.signIn().lockout());
            }
            limiter.unknownNameFailed(username);
            audit.record(Action.SIGN_IN, Outcome.FAILURE, username, null, clientAddress, "no such account");
            return new Refused();
        }
        if (account.lockedAt(now)) {
            audit.record(Action.SIGN_IN, Outcome.REFUSED, username, null, clientAddress, "locked");
            return new Throttled(Duration.between(now, account.lockedUntil).plusSeconds(1));
        }
        if (account.disabled() || account.passwordHash == null) {
            hashing.matchDecoy(password);
            audit.record(Action.SIGN_IN, Outcome.FAILURE, username, null, clientAddress,
                    account.disabled() ? "account disabled" : "account has no password (single sign-on only)");
            return new Refused();
        }
        if (!hashing.matches(password, account.passwordHash)) {
            account.failedSignIns++;
            audit.record(Action.SIGN_IN, Outcome.FAILURE, username, null, clientAddress, "wrong password");
            if (account.failedSignIns >= config.signIn().maxFailures()) {
                account.failedSignIns = 0;
                account.lockedUntil = now.plus(config.signIn().lockout());
                audit.record(Action.ACCOUNT_LOCKED, Outcome.SUCCESS, null, username, clientAddress,
                        config.signIn().maxFailures() + " failed sign-ins; locked until " + account.lockedUntil);
            }
            return new Refused();
        }
        account.failedSignIns = 0;
        account.lockedUntil = null;
        account.lastSignInAt = now;
        if (hashing.needsUpgrade(account.passwordHash)) {
            account.passwordHash = hashing.hash(password);
        }
        return open(account, clientAddress, userAgent, now, "password");
    }

    /**
     * Opens a browser session for someone the OpenID Connect provider signed in (the account exists: the
     * single sign-on augmentor made or checked it).
     */
    public SignedIn singleSignOn(String username, String clientAddress, String userAgent) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant now = Instant.now();
            AgentAccount account = AgentAccount.findById(username);
            account.lastSignInAt = now;
            return open(account, clientAddress, userAgent, now, "single sign-on");
        });
    }

    /** A new browser session for the account, recorded as a successful sign-in by {@code method}. */
    private SignedIn open(AgentAccount account, String clientAddress, String userAgent, Instant now,
            String method) {
        String cookieValue = Secrets.random("");
        AgentSession session = new AgentSession();
        session.idSha256 = TokenDigest.sha256(cookieValue);
        session.username = account.username;
        session.csrfToken = Secrets.random("");
        session.createdAt = now;
        session.lastSeenAt = now;
        session.expiresAt = now.plus(config.session().maxAge());
        session.clientAddress = clientAddress;
        session.userAgent = userAgent == null || userAgent.length() <= 300 ? userAgent : userAgent.substring(0, 300);
        session.persist();
        audit.record(Action.SIGN_IN, Outcome.SUCCESS, account.username, null, clientAddress, method);
        return new SignedIn(cookieValue, session, account);
    }

    @io.quarkus.scheduler.Scheduled(every = "15m", delayed = "1m",
            concurrentExecution = io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP)
    void purgeOnSchedule() {
        purgeEndedSessions();
    }

    /** Deletes sessions past their maximum age or unused for the idle timeout; returns how many. */
    public long purgeEndedSessions() {
        Instant now = Instant.now();
        return QuarkusTransaction.requiringNew().call(() -> AgentSession.delete("expiresAt < ?1 or lastSeenAt < ?2",
                now, now.minus(config.session().idleTimeout())));
    }

    /** Ends the session with this cookie value, if it is one. */
    public void signOut(String sessionDigest, String username, String clientAddress) {
        QuarkusTransaction.requiringNew().run(() -> AgentSession.deleteById(sessionDigest));
        audit.record(Action.SIGN_OUT, Outcome.SUCCESS, username, null, clientAddress, null);
    }
}
