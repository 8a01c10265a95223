package io.tiski.ticket.security;

import java.util.List;

/** The roles of people and scripts using the agent API, from most to least privileged. */
public final class Roles {
    public static final String ADMIN = "admin";
    public static final String TEAM_LEAD = "team-lead";
    public static final String AGENT = "agent";
    public static final String READ_ONLY = "read-only";
    public static final List<String> ALL = List.of(ADMIN, TEAM_LEAD, AGENT, READ_ONLY);

    /** Whether {@code role} is a role at all. */
    public static boolean known(String role) {
        return ALL.contains(role);
    }

    /** The less privileged of the two roles. */
    public static String lower(String a, String b) {
        return ALL.indexOf(a) >= ALL.indexOf(b) ? a : b;
    }

    /** Whether {@code role} has at least the privileges of {@code other}. */
    public static boolean atLeast(String role, String other) {
        return known(role) && ALL.indexOf(role) <= ALL.indexOf(other);
    }

    private Roles() {
    }
}
