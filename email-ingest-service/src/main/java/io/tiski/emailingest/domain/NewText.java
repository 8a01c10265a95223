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
            Pattern.compile("(?im)^[ \\t>]*[^\\n]{0,200}(?<![\\p{L}])(wrote|kirjoitti|skrev|a écrit|schrieb|написал|"
                    + "написала)(?![\\p{L}])[^\\n]{0,100}:[ \\t]*$"),
            // original-message and forward separators
            Pattern.compile("(?im)^[ \\t]*-{2,}\\s*(original message|alkuperäinen viesti|ursprungligt meddelande|"
                    + "forwarded message|välitetty viesti|vidarebefordrat meddelande)\\s*-{2,}"),
            // Outlook's header block: From:/Lähettäjä:/Från: followed by Sent:/Lähetetty:/Skickat:
            Pattern.compile("(?im)^[ \\t]*\\*?(from|lähettäjä|från|von)\\*?\\s*:.+\\R[ \\t]*\\*?(sent|lähetetty|skickat|"
                    + "gesendet|date|päivämäärä|datum)\\*?\\s*:"),
            Pattern.compile("(?m)^[ \\t]*_{20,}[ \\t]*$"),
            // Lotus Notes / Domino: "Name --- Subject ---" above the quoted message
            Pattern.compile("(?m)^[^\\n]{1,200} --- [^\\n]{1,300} ---[ \\t]*$"));
    /** A quote header that a mail client wrapped onto two lines; tried only when no one-line header is found. */
    private static final Pattern WRAPPED_QUOTE_HEADER = Pattern.compile("(?im)^[ \\t>]*[^\\n]{0,200}\\n[^\\n]{0,200}"
            + "(?<![\\p{L}])(wrote|kirjoitti|skrev|schrieb|написал|написала)(?![\\p{L}])[^\\n]{0,100}:[ \\t]*$");
    private static final Pattern SIGNATURE = Pattern.compile("(?m)^-- ?$");
    /** The lines phones and mail apps add under every message. */
    private static final Pattern DEVICE_SIGNATURE = Pattern.compile("(?im)^[ \\t]*(sent from my [\\w ]{2,30}|"
            + "lähetetty (iphonesta|ipadista|android-laitteesta|mobiilista)[^\\n]*|skickat från min [\\w ]{2,30}|"
            + "get outlook for (ios|android)|hanki outlook[^\\n]*|sent from (mail|yahoo mail|outlook)[^\\n]*)"
            + "[ \\t]*$");

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
        // a header wrapped onto two lines ("02.04.2012 14:20 … <\nbob@x> wrote:") starts a line earlier; its
        // first line carries a date, an address or an angle bracket, unlike the customer's own last line
        var wrapped = WRAPPED_QUOTE_HEADER.matcher(normalised);
        while (wrapped.find()) {
            String firstLine = normalised.substring(wrapped.start(), normalised.indexOf('\n', wrapped.start()));
            if (wrapped.start() < cut && firstLine.matches(".*(\\d|@|<).*") && wrapped.end() >= cut) {
                cut = wrapped.start();
                break;
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
        String result = withoutDeviceSignature(normalised.substring(0, cut)).strip();
        if (result.isEmpty() && cut < normalised.length()) {
            // bottom-posted: the new text is what is not quoted below the quote header
            result = withoutDeviceSignature(unquoted(normalised.substring(cut))).strip();
        }
        return result.isEmpty() ? normalised.strip() : result;
    }

    private static String withoutDeviceSignature(String text) {
        var m = DEVICE_SIGNATURE.matcher(text);
        return m.find() ? text.substring(0, m.start()) : text;
    }

    /** Lines that are neither the quote header (the first line or two) nor quoted with '>'. */
    private static String unquoted(String fromQuoteHeader) {
        StringBuilder out = new StringBuilder();
        boolean inHeader = true;
        for (String line : fromQuoteHeader.split("\n", -1)) {
            if (inHeader) {
                inHeader = !line.strip().endsWith(":");
                continue;
            }
            if (line.startsWith(">")) {
                continue;
            }
            if (line.startsWith("-- ") || line.equals("--")) {
                break;
            }
            out.append(line).append('\n');
        }
        return out.toString();
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
