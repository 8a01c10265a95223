package io.tiski.social.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Compares a webhook's secret in constant time, so its value cannot be learned from response times. */
public final class WebhookSecret {
    private WebhookSecret() {
    }

    public static boolean matches(String expected, String given) {
        if (expected == null || expected.isEmpty() || given == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
