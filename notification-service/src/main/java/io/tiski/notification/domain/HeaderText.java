package io.tiski.notification.domain;

/** Text that goes into a mail header: no CR or LF may reach it, or a customer could inject headers. */
public final class HeaderText {
    private HeaderText() {
    }

    public static String of(String text, int maxLength) {
        if (text == null) {
            return "";
        }
        String single = text.replaceAll("[\\r\\n\\u0000-\\u001f\\u007f]+", " ").replaceAll("\\s{2,}", " ").strip();
        return single.length() > maxLength ? single.substring(0, maxLength - 1) + "…" : single;
    }
}
