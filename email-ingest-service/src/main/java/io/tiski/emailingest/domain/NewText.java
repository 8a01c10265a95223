package io.tiski.emailingest.domain;

import java.util.regex.Pattern;

/**
 * Separates what the customer wrote now from the quoted history below it: the quote headers of common mail
 * clients in Finnish, Swedish and English ("kirjoitti", "skrev", "wrote"), Outlook's From:/Lähettäjä:/Från:
 * blocks and original-message separators, and lines quoted with '>'. The full text is always kept as well.
 */
public final class NewText {
    private static final java.util.List<Pattern> QUOTE_HEADERS = java.util.List.of(
            // "On Mon, 1 Feb 2026, Ann <a@x.com> wrote:", "Maija kirjoitti 1.2.2026 klo 10.00:", "Den 1 feb skrev Erik:"
            Pattern.compile("(?im)^[ \\t]*.{0,200}\\b(wrote|kirjoitti|skrev|a écrit|schrieb)\\b.{0,100}:[ \\t]*$"),
            // original-message and forward separators
            Pattern.compile("(?im)^[ \\t]*-{2,}\\s*(original message|alkuperäinen viesti|ursprungligt meddelande|"
                    + "forwarded message|välitetty viesti|vidarebefordrat meddelande)\\s*-{2,}"),
            // Outlook's header block: From:/Lähettäjä:/Från: followed by Sent:/Lähetetty:/Skickat:
            Pattern.compile("(?im)^[ \\t]*\\*?(from|lähettäjä|från|von)\\*?\\s*:.+\\R[ \\t]*\\*?(sent|lähetetty|skickat|"
                    + "gesendet|date|päivämäärä|datum)\\*?\\s*:"),
            Pattern.compile("(?m)^[ \\t]*_{20,}[ \\t]*$"));
    private static final Pattern SIGNATURE = Pattern.compile("(?m)^-- ?$");

    private NewText() {
    }

    public static String of(String text) {
        if (text == null) {
            return null;
        }
        String normalised = text.replace("\r\n", "\n");
        int cut = normalised.length();
        for (Pattern quoteHeader : QUOTE_HEADERS) {
            var header = quoteHeader.matcher(normalised);
            if (header.find() && header.start() < cut) {
                cut = header.start();
            }
        }
        int quoted = firstQuotedBlock(normalised);
        if (quoted >= 0 && quoted < cut) {
            cut = quoted;
        }
        var signature = SIGNATURE.matcher(normalised);
        if (signature.find() && signature.start() < cut) {
            cut = signature.start();
        }
        String result = normalised.substring(0, cut).strip();
        return result.isEmpty() ? normalised.strip() : result;
    }

    /** Start of the first run of '>' lines that continues to the end or to a signature. */
    private static int firstQuotedBlock(String text) {
        int offset = 0;
        for (String line : text.split("\n", -1)) {
            if (line.startsWith(">")) {
                String rest = text.substring(offset);
                boolean onlyQuotesFollow = rest.lines().allMatch(l -> l.isBlank() || l.startsWith(">")
                        || l.startsWith("-- "));
                if (onlyQuotesFollow) {
                    return offset;
                }
            }
            offset += line.length() + 1;
        }
        return -1;
    }
}
