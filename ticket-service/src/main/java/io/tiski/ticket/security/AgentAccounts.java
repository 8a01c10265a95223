package io.tiski.ticket.security;

import io.tiski.ticket.config.SecurityConfig;
import io.tiski.ticket.repository.AgentAccount;
import io.tiski.ticket.repository.AgentSession;
import io.tiski.ticket.security.SecurityAudit.Action;
import io.tiski.ticket.security.SecurityAudit.Outcome;
import io.tiski.ticket.service.TicketConflictException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Local accounts: made, changed, disabled and unlocked by administrators; passwords changed by their owners. */
@ApplicationScoped
public class AgentAccounts {
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._@-]{1,99}");
    public static final Set<String> LOCALES = Set.of("fi", "sv", "en");

    private final SecurityConfig config;
    private final PasswordHashing hashing;
    private final SecurityAudit audit;

    AgentAccounts(SecurityConfig config, PasswordHashing hashing, SecurityAudit audit) {
        this.config = config;
        this.hashing = hashing;
        this.audit = audit;
    }

    /** What an administrator sets on an account; null leaves a field as it is. */
    public record Change(String displayName, String email, String role, String locale, Boolean disabled) {
    }

    public List<AgentAccount> list() {
        return AgentAccount.list("order by username");
    }

    public AgentAccount get(String username) {
        AgentAccount account = AgentAccount.findById(username);
        if (account == null) {
            throw new NotFoundException("No account '" + username + "'");
        }
        return account;
    }

    @Transactional
    public AgentAccount create(String username, String displayName, String email, String role, String locale,
            String password, String actor, String clientAddress) {
        String name = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        if (!USERNAME.matcher(name).matches()) {
            throw new IllegalArgumentException("username: 2 to 100 of a-z, 0-9, '.', '_', '@', '-', starting with a "
                    + "letter or digit");
        }
        if (AgentAccount.findById(name) != null) {
            throw new TicketConflictException("An account '" + name + "' exists already");
        }
        AgentAccount account = new AgentAccount();
        account.username = name;
        account.createdAt = Instant.now();
        apply(account, new Change(displayName == null || displayName.isBlank() ? name : displayName, email,
                role, locale == null ? "en" : locale, false));
        if (password != null) {
            account.passwordHash = hashing.hash(checkedPassword(name, password));
            account.passwordChangedAt = account.createdAt;
        }
        account.persist();
        audit.record(Action.ACCOUNT_CREATED, Outcome.SUCCESS, actor, name, clientAddress, "role " + account.role);
        return account;
    }

    @Transactional
    public AgentAccount change(String username, Change change, String actor, String clientAddress) {
        AgentAccount account = get(username);
        String roleBefore = account.role;
        boolean disabledBefore = account.disabled();
        boolean demotesAdmin = Roles.ADMIN.equals(roleBefore) && ((change.role() != null
                && !Roles.ADMIN.equals(change.role())) || Boolean.TRUE.equals(change.disabled()));
        if (demotesAdmin && AgentAccount.count("role = ?1 and disabledAt is null", Roles.ADMIN) <= 1) {
            throw new TicketConflictException("'" + username + "' is the last active administrator; make another "
                    + "administrator first");
        }
        apply(account, change);
        if (!account.role.equals(roleBefore)) {
            audit.record(Action.ROLE_CHANGED, Outcome.SUCCESS, actor, username, clientAddress,
                    roleBefore + " -> " + account.role);
        }
        if (account.disabled() != disabledBefore) {
            audit.record(account.disabled() ? Action.ACCOUNT_DISABLED : Action.ACCOUNT_ENABLED, Outcome.SUCCESS,
                    actor, username, clientAddress, null);
            if (account.disabled()) {
                AgentSession.delete("username", username);
            }
        }
        if (change.displayName() != null || change.email() != null || change.locale() != null) {
            audit.record(Action.ACCOUNT_CHANGED, Outcome.SUCCESS, actor, username, clientAddress, null);
        }
        return account;
    }

    /** An administrator sets a new password; the account's sessions end and it is unlocked. */
    @Transactional
    public void resetPassword(String username, String password, String actor, String clientAddress) {
        AgentAccount account = get(username);
        account.passwordHash = hashing.hash(checkedPassword(username, password));
        account.passwordChangedAt = Instant.now();
        account.failedSignIns = 0;
        account.lockedUntil = null;
        AgentSession.delete("username", username);
        audit.record(Action.PASSWORD_RESET, Outcome.SUCCESS, actor, username, clientAddress, null);
    }

    /**
     * The owner changes their password, proving the current one; their other sessions end. Returns false (and
     * records it) when the current password is wrong.
     */
    @Transactional
    public boolean changeOwnPassword(String username, String current, String password, String keepSession,
            String clientAddress) {
        AgentAccount account = get(username);
        if (account.passwordHash == null || !hashing.matches(current, account.passwordHash)) {
            audit.record(Action.PASSWORD_CHANGED, Outcome.FAILURE, username, username, clientAddress,
                    "current password wrong");
            return false;
        }
        account.passwordHash = hashing.hash(checkedPassword(username, password));
        account.passwordChangedAt = Instant.now();
        if (keepSession == null) {
            AgentSession.delete("username", username);
        } else {
            AgentSession.delete("username = ?1 and idSha256 <> ?2", username, keepSession);
        }
        audit.record(Action.PASSWORD_CHANGED, Outcome.SUCCESS, username, username, clientAddress, null);
        return true;
    }

    @Transactional
    public AgentAccount unlock(String username, String actor, String clientAddress) {
        AgentAccount account = get(username);
        account.failedSignIns = 0;
        account.lockedUntil = null;
        audit.record(Action.ACCOUNT_UNLOCKED, Outcome.SUCCESS, actor, username, clientAddress, null);
        return account;
    }

    private void apply(AgentAccount account, Change change) {
        if (change.role() != null) {
            if (!Roles.known(change.role())) {
                throw new IllegalArgumentException("role: one of " + Roles.ALL);
            }
            account.role = change.role();
        }
        if (change.locale() != null) {
            if (!LOCALES.contains(change.locale())) {
                throw new IllegalArgumentException("locale: one of fi, sv, en");
            }
            account.locale = change.locale();
        }
        if (change.displayName() != null) {
            if (change.displayName().isBlank() || change.displayName().length() > 200) {
                throw new IllegalArgumentException("displayName: 1 to 200 characters");
            }
            account.displayName = change.displayName().strip();
        }
        if (change.email() != null) {
            account.email = change.email().isBlank() ? null : change.email().strip();
        }
        if (change.disabled() != null) {
            account.disabledAt = change.disabled() ? (account.disabledAt == null ? Instant.now()
                    : account.disabledAt) : null;
        }
        if (account.role == null) {
            throw new IllegalArgumentException("role: one of " + Roles.ALL);
        }
    }

    private String checkedPassword(String username, String password) {
        int min = config.passwords().minLength();
        if (password == null || password.codePointCount(0, password.length()) < min) {
            throw new IllegalArgumentException("password: at least " + min + " characters (a few words are easy to "
                    + "remember)");
        }
        if (password.length() > 1000) {
            throw new IllegalArgumentException("password: at most 1000 characters");
        }
        if (password.toLowerCase(Locale.ROOT).contains(username.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("password: must not contain the username");
        }
        return password;
    }
}
