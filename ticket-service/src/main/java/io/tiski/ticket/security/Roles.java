package io.tiski.ticket.security;

/** The roles of people and scripts using the agent API. */
public final class Roles {
    public static final String ADMIN = "admin";
    public static final String TEAM_LEAD = "team-lead";
    public static final String AGENT = "agent";
    public static final String READ_ONLY = "read-only";

    private Roles() {
    }
}
