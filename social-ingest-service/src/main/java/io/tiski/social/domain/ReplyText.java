package io.tiski.social.domain;

import io.tiski.events.v1.Channel;
import java.util.ArrayList;
import java.util.List;

/** An agent's reply cut into messages the platform accepts, at paragraph, line or word boundaries. */
public final class ReplyText {
    private ReplyText() {
    }

    /** The longest text one message may carry on each platform's send API, in characters. */
    public static int limitOf(Channel channel) {
        return switch (channel) {
            case MESSENGER -> 2000;
            case INSTAGRAM -> 1000;
            case WHATSAPP, TELEGRAM -> 4096;
            case X -> 10000;
            default -> Integer.MAX_VALUE;
        };
    }

    public static List<String> split(String text, int limit) {
        List<String> parts = new ArrayList<>();
        String rest = text == null ? "" : text.strip();
        while (rest.codePointCount(0, rest.length()) > limit) {
            int end = rest.offsetByCodePoints(0, limit);
            int cut = lastBreak(rest, end, "\n\n");
            if (cut <= 0) {
                cut = lastBreak(rest, end, "\n");
            }
            if (cut <= 0) {
                cut = lastBreak(rest, end, " ");
            }
            if (cut <= 0) {
                cut = end;
            }
            parts.add(rest.substring(0, cut).strip());
            rest = rest.substring(cut).strip();
        }
        if (!rest.isEmpty()) {
            parts.add(rest);
        }
        return parts;
    }

    private static int lastBreak(String text, int end, String separator) {
        int at = text.lastIndexOf(separator, end - separator.length());
        return at < end / 2 ? -1 : at; // a break in the first half would make a short message and a long tail
    }
}
