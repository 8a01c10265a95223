package io.tiski.ticket.security;

import jakarta.enterprise.context.ApplicationScoped;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * Argon2id password hashes (OWASP's first choice) in PHC form, so parameters can be raised later and old hashes
 * upgraded at the next sign-in.
 */
@ApplicationScoped
public class PasswordHashing {
    /** 16-byte salt, 32-byte hash, one lane, 19 MiB, two passes: OWASP's minimum for Argon2id. */
    private final Argon2PasswordEncoder encoder = new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2);
    /** Verified against when the account does not exist, so that its absence does not answer faster. */
    private final String decoy = encoder.encode("tiski-decoy-password");

    public String hash(String password) {
        return encoder.encode(password);
    }

    public boolean matches(String password, String hash) {
        return hash != null && encoder.matches(password, hash);
    }

    /** Spends the time a real check would, for an account that cannot sign in with a password. */
    public void matchDecoy(String password) {
        encoder.matches(password, decoy);
    }

    public boolean needsUpgrade(String hash) {
        return encoder.upgradeEncoding(hash);
    }
}
