package io.tiski.objectstore;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * The type of a file, decided by its content: what the bytes are wins over what a platform, a mail client or a
 * browser claimed, and a file that is none of the known kinds is kept as an opaque download.
 */
public final class ContentTypes {
    private static final Map<String, String> EXTENSIONS = Map.ofEntries(Map.entry("image/jpeg", ".jpg"),
            Map.entry("image/png", ".png"), Map.entry("image/gif", ".gif"), Map.entry("image/webp", ".webp"),
            Map.entry("application/pdf", ".pdf"), Map.entry("audio/ogg", ".ogg"), Map.entry("video/mp4", ".mp4"),
            Map.entry("audio/mpeg", ".mp3"), Map.entry("audio/mp4", ".m4a"), Map.entry("text/plain", ".txt"));

    private ContentTypes() {
    }

    public static String choose(String declared, String served, byte[] content) {
        String sniffed = content == null ? null : sniff(content);
        if (sniffed != null) {
            return sniffed;
        }
        String claimed = declared != null ? declared : served;
        String base = claimed == null ? "" : claimed.split(";")[0].trim().toLowerCase(Locale.ROOT);
        // a claim the content does not bear out is not passed on, except for plain text, which has no signature
        return "text/plain".equals(base) && content != null && isText(content) ? "text/plain"
                : "application/octet-stream";
    }

    public static String extension(String mediaType) {
        return EXTENSIONS.getOrDefault(mediaType, "");
    }

    /** The type the content shows, or null when it is none of the known kinds. */
    public static String sniff(byte[] b) {
        if (starts(b, 0xFF, 0xD8, 0xFF)) {
            return "image/jpeg";
        }
        if (starts(b, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return "image/png";
        }
        if (starts(b, 'G', 'I', 'F', '8')) {
            return "image/gif";
        }
        if (starts(b, 'R', 'I', 'F', 'F') && b.length >= 12 && "WEBP".equals(ascii(b, 8, 12))) {
            return "image/webp";
        }
        if (starts(b, '%', 'P', 'D', 'F', '-')) {
            return "application/pdf";
        }
        if (starts(b, 'O', 'g', 'g', 'S')) {
            return "audio/ogg";
        }
        if (b.length >= 12 && "ftyp".equals(ascii(b, 4, 8))) {
            String brand = ascii(b, 8, 12);
            return brand.startsWith("M4A") ? "audio/mp4" : "video/mp4";
        }
        if (starts(b, 'I', 'D', '3') || starts(b, 0xFF, 0xFB) || starts(b, 0xFF, 0xF3)) {
            return "audio/mpeg";
        }
        return null;
    }

    private static boolean starts(byte[] content, int... prefix) {
        if (content.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((content[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static String ascii(byte[] content, int from, int to) {
        return new String(Arrays.copyOfRange(content, from, to), StandardCharsets.ISO_8859_1);
    }

    private static boolean isText(byte[] content) {
        for (int i = 0; i < Math.min(content.length, 4096); i++) {
            if (content[i] == 0) {
                return false;
            }
        }
        return true;
    }
}
