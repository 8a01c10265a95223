package io.tiski.ticket.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Sign-in, sessions and API tokens of the agent API. */
@ConfigMapping(prefix = "tiski.security")
public interface SecurityConfig {
    Session session();

    SignIn signIn();

    Tokens tokens();

    /** Passwords of local accounts. */
    Passwords passwords();

    /** Single sign-on through OpenID Connect (quarkus.oidc.* says where the provider is). */
    SingleSignOn oidc();

    /**
     * The password of the local administrator account {@code admin}, made on start when it does not exist yet
     * (TISKI_BOOTSTRAP_ADMIN_PASSWORD). Later starts leave the account alone: change the password in Tiski.
     */
    Optional<String> bootstrapAdminPassword();

    interface Session {
        /** A session not used for this long ends. */
        @WithDefault("PT4H")
        Duration idleTimeout();

        /** A session ends this long after sign-in however much it is used. */
        @WithDefault("PT12H")
        Duration maxAge();

        /**
         * Whether the session cookie is {@code Secure} (sent only over HTTPS; browsers treat http://localhost as
         * secure). Turn off only for a plain-HTTP installation that is not on localhost.
         */
        @WithDefault("true")
        boolean secureCookie();
    }

    interface SignIn {
        /** Failed sign-ins in a row after which an account is locked. */
        @WithDefault("5")
        int maxFailures();

        /** How long a locked account stays locked (an administrator can unlock it sooner). */
        @WithDefault("PT15M")
        Duration lockout();

        /** Sign-in attempts one client address may make per minute, whatever the account; beyond it: 429. */
        @WithDefault("20")
        int attemptsPerMinute();
    }

    interface Tokens {
        /** The lifetime of a personal API token when its maker does not choose one. */
        @WithDefault("P90D")
        Duration defaultLifetime();

        /** The longest lifetime a personal API token may have. */
        @WithDefault("P365D")
        Duration maxLifetime();
    }

    interface SingleSignOn {
        /** Whether agents may sign in through the OpenID Connect provider (TISKI_OIDC_ENABLED). */
        @WithDefault("false")
        boolean enabled();

        /** The claim that is the Tiski username (lower-cased). */
        @WithDefault("preferred_username")
        String usernameClaim();

        /** The claim that lists the person's groups at the provider. */
        @WithDefault("groups")
        String groupsClaim();

        /**
         * Provider groups that give a Tiski role, e.g. {@code role-groups.admin=helpdesk-admins}; the most
         * privileged matching role wins and is written to the account at each sign-in. Without a match the
         * account keeps the role an administrator gave it in Tiski.
         */
        java.util.Map<String, String> roleGroups();

        /**
         * The role of a person signing in for the first time whose groups match no role; without it such a person
         * is refused until an administrator makes their account.
         */
        Optional<String> defaultRole();

        /** Where the browser goes after signing in through the provider. */
        @WithDefault("/")
        String afterSignIn();
    }

    interface Passwords {
        /** The shortest password accepted (a passphrase of a few words is easier to remember and harder to guess). */
        @WithDefault("12")
        int minLength();
    }
}
