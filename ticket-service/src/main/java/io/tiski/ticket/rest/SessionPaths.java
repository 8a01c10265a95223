package io.tiski.ticket.rest;

/** Where the web UI signs in. */
public final class SessionPaths {
    public static final String SESSION = "/api/v1/session";
    /** Signing in through the OpenID Connect provider (authorization code flow), then a Tiski session. */
    public static final String SINGLE_SIGN_ON = SESSION + "/sso";

    private SessionPaths() {
    }
}
