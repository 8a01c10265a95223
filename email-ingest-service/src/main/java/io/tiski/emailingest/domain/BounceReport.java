package io.tiski.emailingest.domain;

import io.tiski.events.v1.EmailHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what a bounce says (RFC 3464 delivery status notifications, and the looser reports of older mail
 * systems): which message failed, to whom, with what status and explanation.
 */
public final class BounceReport {
    private static final Pattern MESSAGE_ID = Pattern.compile("(?im)^message-id:\\s*<([^<>\\s]+)>");
    private static final Pattern STATUS = Pattern.compile("(?im)^status:\\s*([245]\\.\\d{1,3}\\.\\d{1,3})");
    private static final Pattern DIAGNOSTIC = Pattern.compile("(?im)^diagnostic-code:\\s*(?:[a-z0-9-]+;\\s*)?(.+(?:\\R[ \\t]+.+)*)");
    private static final Pattern RECIPIENT = Pattern.compile("(?im)^(?:final|original)-recipient:\\s*(?:rfc822;)?\\s*<?([^\\s<>]+@[^\\s<>]+)>?");
    private static final Pattern INLINE_STATUS = Pattern.compile("\\b([45]\\.\\d{1,3}\\.\\d{1,3})\\b");

    private BounceReport() {
    }

    public static EmailHeaders.Bounce of(ParsedMail mail) {
        StringBuilder report = new StringBuilder();
        StringBuilder original = new StringBuilder();
        for (ParsedMail.AttachmentPart part : mail.attachments()) {
            if (part.content() == null) {
                continue;
            }
            String text = new String(part.content(), StandardCharsets.ISO_8859_1);
            if (part.mediaType().equals("message/delivery-status")) {
                report.append(text).append('\n');
            } else if (part.mediaType().equals("text/rfc822-headers") || part.mediaType().equals("message/rfc822")) {
                int end = text.indexOf("\n\n");
                int endCrLf = text.indexOf("\r\n\r\n");
                int headerEnd = end < 0 ? endCrLf : endCrLf < 0 ? end : Math.min(end, endCrLf);
                original.append(headerEnd < 0 ? text : text.substring(0, headerEnd)).append('\n');
            }
        }
        String body = mail.textBody() == null ? "" : mail.textBody();
        String originalMessageId = first(MESSAGE_ID, original.toString());
        if (originalMessageId == null) {
            originalMessageId = first(MESSAGE_ID, body);
        }
        List<String> recipients = new ArrayList<>();
        Matcher r = RECIPIENT.matcher(report);
        while (r.find()) {
            if (!recipients.contains(r.group(1))) {
                recipients.add(r.group(1));
            }
        }
        for (String failed : mail.header("X-Failed-Recipients")) {
            for (String address : failed.split(",")) {
                if (!address.isBlank() && !recipients.contains(address.strip())) {
                    recipients.add(address.strip());
                }
            }
        }
        String status = first(STATUS, report.toString());
        if (status == null) {
            status = first(INLINE_STATUS, body);
        }
        String diagnostic = first(DIAGNOSTIC, report.toString());
        if (diagnostic != null) {
            diagnostic = diagnostic.replaceAll("\\s+", " ").strip();
            diagnostic = diagnostic.length() > 500 ? diagnostic.substring(0, 500) : diagnostic;
        }
        return new EmailHeaders.Bounce(originalMessageId, recipients, status, diagnostic);
    }

    private static String first(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? m.group(1).strip() : null;
    }
}
