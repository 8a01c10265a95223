package io.tiski.emailingest.domain;

import io.tiski.events.v1.SenderClassification;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Tells a person's mail from machine mail before anything else happens to it, so Tiski threads machine mail but
 * never answers it: RFC 3834 Auto-Submitted, Precedence, mailing-list headers, the auto-reply headers of common
 * mail systems, out-of-office subjects, bounces and delivery reports, and mail Tiski itself sent.
 */
public final class SenderClassifier {
    /** The header Tiski puts on everything it sends, recognised when such mail comes back. */
    public static final String LOOP_HEADER = "X-Tiski-Loop";

    private static final Pattern OUT_OF_OFFICE_SUBJECT = Pattern.compile(
            "(?i)^(automatic reply|auto(matic)?[- ]?reply|out of (the )?office|autosvar|frånvaro|"
                    + "automaattinen vastaus|poissa toimistolta|lomavastaaja|abwesenheit|réponse automatique)\\b.*");
    private static final Pattern BOUNCE_SENDER = Pattern.compile("(?i)^(mailer-daemon|postmaster)@.*");
    private static final Pattern BOUNCE_SUBJECT = Pattern.compile(
            "(?i)^(undeliver(ed|able)|delivery status notification|mail delivery (failed|failure|subsystem)|"
                    + "returned mail|failure notice|delivery failure|non remis|unzustellbar).*");

    private final String ownMessageIdDomain;

    /** @param ownMessageIdDomain the domain of Message-IDs Tiski generates */
    public SenderClassifier(String ownMessageIdDomain) {
        this.ownMessageIdDomain = ownMessageIdDomain.toLowerCase(Locale.ROOT);
    }

    public SenderClassification classify(ParsedMail mail) {
        if (mail.firstHeader(LOOP_HEADER) != null || (mail.messageId() != null
                && mail.messageId().toLowerCase(Locale.ROOT).endsWith("@" + ownMessageIdDomain))) {
            return SenderClassification.OWN_MESSAGE;
        }
        String contentType = mail.contentType() == null ? "" : mail.contentType();
        String subject = mail.subject() == null ? "" : mail.subject().strip();
        String sender = mail.from().address();
        String returnPath = mail.firstHeader("Return-Path");
        if (contentType.equals("multipart/report") || mail.firstHeader("X-Failed-Recipients") != null
                || BOUNCE_SENDER.matcher(sender).matches()
                || (returnPath != null && returnPath.replaceAll("\\s", "").equals("<>")
                        && BOUNCE_SUBJECT.matcher(subject).matches())
                || (BOUNCE_SUBJECT.matcher(subject).matches() && mail.attachments().stream()
                        .anyMatch(a -> a.mediaType().startsWith("message/")))) {
            return SenderClassification.BOUNCE;
        }
        String autoSubmitted = lower(mail.firstHeader("Auto-Submitted"));
        boolean outOfOfficeSubject = OUT_OF_OFFICE_SUBJECT.matcher(subject).matches();
        if (autoSubmitted != null && !autoSubmitted.startsWith("no")) {
            return outOfOfficeSubject ? SenderClassification.OUT_OF_OFFICE : SenderClassification.AUTO_REPLY;
        }
        if (mail.firstHeader("X-Autoreply") != null || mail.firstHeader("X-Autorespond") != null
                || mail.firstHeader("X-Autoresponder") != null
                || "oof".equals(lower(mail.firstHeader("X-Auto-Response-Suppress")))
                || mail.firstHeader("X-MS-Exchange-Inbox-Rules-Loop") != null
                || outOfOfficeSubject) {
            return outOfOfficeSubject ? SenderClassification.OUT_OF_OFFICE : SenderClassification.AUTO_REPLY;
        }
        String precedence = lower(mail.firstHeader("Precedence"));
        if (precedence != null) {
            if (precedence.startsWith("list")) {
                return SenderClassification.MAILING_LIST;
            }
            if (precedence.startsWith("bulk") || precedence.startsWith("junk")) {
                return SenderClassification.BULK;
            }
            if (precedence.startsWith("auto_reply")) {
                return SenderClassification.AUTO_REPLY;
            }
        }
        if (mail.firstHeader("List-Id") != null || mail.firstHeader("List-Unsubscribe") != null
                || mail.firstHeader("List-Post") != null) {
            return SenderClassification.MAILING_LIST;
        }
        return SenderClassification.PERSON;
    }

    private static String lower(String value) {
        return value == null ? null : value.strip().toLowerCase(Locale.ROOT);
    }
}
