package io.tiski.social.domain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks the HMAC-SHA256 signatures platforms put on their webhook requests. The comparison is over the raw bytes
 * of the body as received, before anything parses it, and takes the same time wherever the first difference is.
 */
public final class WebhookSignature {
    private static final String PREFIX = "sha256=";

    private WebhookSignature() {
    }

    /** What a header says of a request. */
    public enum Verdict { VALID, MISSING, INVALID }

    /** Meta's {@code X-Hub-Signature-256: sha256=<hex>}. */
    public static Verdict checkHex(String secret, byte[] body, String header) {
        if (header == null || header.isBlank()) {
            return Verdict.MISSING;
        }
        byte[] given;
        try {
            given = header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())
                    ? HexFormat.of().parseHex(header.substring(PREFIX.length()).trim()) : null;
        } catch (IllegalArgumentException e) {
            given = null;
        }
        return compare(hmac(secret, body), given);
    }

    /** X's {@code x-twitter-webhooks-signature: sha256=<base64>}. */
    public static Verdict checkBase64(String secret, byte[] body, String header) {
        if (header == null || header.isBlank()) {
            return Verdict.MISSING;
        }
        byte[] given;
        try {
            given = header.startsWith(PREFIX) ? Base64.getDecoder().decode(header.substring(PREFIX.length()).trim())
                    : null;
        } catch (IllegalArgumentException e) {
            given = null;
        }
        return compare(hmac(secret, body), given);
    }

    /** X's answer to a challenge-response check: {@code sha256=<base64 HMAC-SHA256 of the crc_token>}. */
    public static String crcResponse(String secret, String crcToken) {
        return PREFIX + Base64.getEncoder().encodeToString(hmac(secret, crcToken.getBytes(StandardCharsets.UTF_8)));
    }

    /** Meta's header for a body, as a platform (or a test standing in for one) computes it. */
    public static String hexHeader(String secret, byte[] body) {
        return PREFIX + HexFormat.of().formatHex(hmac(secret, body));
    }

    /** X's header for a body. */
    public static String base64Header(String secret, byte[] body) {
        return PREFIX + Base64.getEncoder().encodeToString(hmac(secret, body));
    }

    /** A shared secret header (Telegram's secret token), compared in constant time. */
    public static Verdict checkSecret(String expected, String given) {
        if (given == null || given.isEmpty()) {
            return Verdict.MISSING;
        }
        if (expected == null || expected.isEmpty()) {
            return Verdict.INVALID;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8))
                ? Verdict.VALID : Verdict.INVALID;
    }

    private static Verdict compare(byte[] expected, byte[] given) {
        // MessageDigest.isEqual is constant-time for equal lengths; a malformed header compares against zeros so it
        // costs the same as a wrong one
        boolean equal = MessageDigest.isEqual(expected, given == null ? new byte[expected.length] : given);
        return equal && given != null ? Verdict.VALID : Verdict.INVALID;
    }

    static byte[] hmac(String secret, byte[] data) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalStateException("a webhook secret is not configured");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
