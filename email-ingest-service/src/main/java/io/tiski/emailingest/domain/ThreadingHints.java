package io.tiski.emailingest.domain;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the ticket reference of a subject ({@code [#12345]}) or a plus-address, and normalises subjects. */
public final class ThreadingHints {
    private static final Pattern SUBJECT_REFERENCE = Pattern.compile("\\[#(\\d{1,18})]");
    private static final Pattern REPLY_PREFIX = Pattern.compile(
            "(?i)^\\s*((re|fw|fwd|vs|sv|aw|wg|vl|tr|rv|antw|vb)\\s*(\\[\\d+])?\\s*:\\s*)+");

    private ThreadingHints() {
    }

    public static Optional<String> subjectReference(String subject) {
        if (subject == null) {
            return Optional.empty();
        }
        Matcher m = SUBJECT_REFERENCE.matcher(subject);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** {@code support+12345@shop.example} among the recipients, for the given support address. */
    public static Optional<String> plusAddressReference(String supportAddress, List<String> recipients) {
        int at = supportAddress.indexOf('@');
        if (at < 0) {
            return Optional.empty();
        }
        String local = supportAddress.substring(0, at).toLowerCase(Locale.ROOT);
        String domain = supportAddress.substring(at + 1).toLowerCase(Locale.ROOT);
        Pattern plus = Pattern.compile(Pattern.quote(local) + "\\+(\\d{1,18})@" + Pattern.quote(domain));
        for (String recipient : recipients) {
            Matcher m = plus.matcher(recipient.toLowerCase(Locale.ROOT));
            if (m.matches()) {
                return Optional.of(m.group(1));
            }
        }
        return Optional.empty();
    }

    /** The subject without Re:/Fwd:/VS:/SV:/AW: prefixes and without the ticket reference. */
    public static String normalisedSubject(String subject) {
        if (subject == null) {
            return "";
        }
        String s = SUBJECT_REFERENCE.matcher(subject).replaceAll(" ");
        s = REPLY_PREFIX.matcher(s).replaceFirst("");
        return s.replaceAll("\\s+", " ").strip();
    }
}
