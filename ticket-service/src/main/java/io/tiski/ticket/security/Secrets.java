package io.tiski.ticket.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/** Random values for cookies and tokens, and comparing them without leaking time. */
public final class Secrets {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** 256 random bits, URL-safe Base64 without padding, after the prefix. */
    public static String random(String prefix) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static boolean equal(String a, String b) {
        return a != null && b != null && MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8),
                b.getBytes(StandardCharsets.UTF_8));
    }

    private Secrets() {
    }
}
