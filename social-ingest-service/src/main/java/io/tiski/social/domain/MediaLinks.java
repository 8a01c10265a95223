package io.tiski.social.domain;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Signed, expiring links to files in Tiski's store, for the platforms that fetch a reply's media from a URL
 * (Meta's send APIs, Telegram's sendPhoto/sendDocument). The link names the file by its hash and carries an
 * HMAC of hash, name and expiry; nothing else in the store can be reached through it, and it stops working after
 * a short while.
 */
public final class MediaLinks {
    private MediaLinks() {
    }

    public static String link(String baseUrl, String secret, String sha256, String fileName, Instant expires) {
        long at = expires.getEpochSecond();
        String name = fileName == null ? "" : fileName;
        return baseUrl.replaceAll("/+$", "") + "/api/v1/media/" + sha256 + "?name="
                + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20") + "&expires=" + at
                + "&signature=" + signature(secret, sha256, name, at);
    }

    public static boolean valid(String secret, String sha256, String fileName, long expires, String signature,
            Instant now) {
        if (signature == null || now.getEpochSecond() > expires) {
            return false;
        }
        return MessageDigest.isEqual(signature(secret, sha256, fileName == null ? "" : fileName, expires)
                .getBytes(StandardCharsets.US_ASCII), signature.getBytes(StandardCharsets.US_ASCII));
    }

    static String signature(String secret, String sha256, String fileName, long expires) {
        return HexFormat.of().formatHex(WebhookSignature.hmac(secret, (sha256 + "\n" + fileName + "\n" + expires)
                .getBytes(StandardCharsets.UTF_8)));
    }
}
