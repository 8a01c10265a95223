package io.tiski.emailingest.domain;

import io.tiski.events.v1.Participant;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads raw RFC 5322 / MIME mail with Jakarta Mail: addresses and encoded words, the plain and HTML bodies of
 * nested multiparts, and the list of attachments. Lenient where mail in the wild is broken (unknown charsets fall
 * back to Windows-1252, which also reads ISO-8859-1/-15 text), strict only where nothing sensible can be read.
 */
public final class MimeMailParser {
    private static final Pattern MESSAGE_ID = Pattern.compile("<([^<>\\s]+)>");
    private static final int MAX_DEPTH = 32;
    private static final Session SESSION;

    static {
        Properties props = new Properties();
        props.put("mail.mime.address.strict", "false");
        props.put("mail.mime.decodetext.strict", "false");
        props.put("mail.mime.parameters.strict", "false");
        props.put("mail.mime.base64.ignoreerrors", "true");
        props.put("mail.mime.multipart.allowempty", "true");
        props.put("mail.mime.multipart.ignoreexistingboundaryparameter", "false");
        SESSION = Session.getInstance(props);
    }

    private final long maxAttachmentBytes;

    /** A parser that keeps the bytes of attachments up to {@code maxAttachmentBytes} each. */
    public MimeMailParser(long maxAttachmentBytes) {
        this.maxAttachmentBytes = maxAttachmentBytes;
    }

    public MimeMailParser() {
        this(15L * 1024 * 1024);
    }

    public ParsedMail parse(byte[] raw) throws UnreadableMailException {
        if (raw == null || raw.length == 0) {
            throw new UnreadableMailException("the mail is empty", null);
        }
        try {
            MimeMessage message = new MimeMessage(SESSION, new ByteArrayInputStream(raw));
            Map<String, List<String>> headers = new LinkedHashMap<>();
            Enumeration<Header> all = message.getAllHeaders();
            while (all.hasMoreElements()) {
                Header h = all.nextElement();
                headers.computeIfAbsent(h.getName().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(h.getValue());
            }
            Participant from = firstParticipant(headers.get("from"));
            if (from == null) {
                from = firstParticipant(headers.get("sender"));
            }
            if (from == null) {
                from = firstParticipant(headers.get("return-path"));
            }
            if (from == null) {
                throw new UnreadableMailException("the mail names no sender (From, Sender or Return-Path)", null);
            }
            Bodies bodies = new Bodies();
            walk(message, bodies, 0);
            String subject = decodeHeader(firstOf(headers.get("subject")));
            return new ParsedMail(firstMessageId(firstOf(headers.get("message-id"))), from,
                    participants(headers.get("to")), participants(headers.get("cc")),
                    subject == null ? "" : subject.strip(),
                    message.getSentDate() == null ? null : message.getSentDate().toInstant(),
                    messageIds(headers.get("in-reply-to")), messageIds(headers.get("references")),
                    bodies.text, bodies.html, List.copyOf(bodies.attachments), headers,
                    baseType(message.getContentType()));
        } catch (MessagingException | IOException | RuntimeException e) {
            throw new UnreadableMailException("the MIME structure cannot be read: " + e.getMessage(), e);
        }
    }

    private static final class Bodies {
        String text;
        String html;
        final List<ParsedMail.AttachmentPart> attachments = new ArrayList<>();
    }

    private void walk(Part part, Bodies bodies, int depth) throws MessagingException, IOException,
            UnreadableMailException {
        if (depth > MAX_DEPTH) {
            throw new UnreadableMailException("MIME parts nested deeper than " + MAX_DEPTH + " levels", null);
        }
        String type = baseType(part.getContentType());
        String disposition = safeDisposition(part);
        String fileName = safeFileName(part);
        if (type.startsWith("multipart/")) {
            Object content = part.getContent();
            if (!(content instanceof Multipart multipart)) {
                throw new UnreadableMailException("a " + type + " part has no readable parts (missing boundary?)",
                        null);
            }
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                walk(child, bodies, depth + 1);
            }
            return;
        }
        boolean attachment = Part.ATTACHMENT.equalsIgnoreCase(disposition) || (fileName != null
                && !type.startsWith("text/"));
        if (!attachment && type.equals("text/plain") && bodies.text == null) {
            bodies.text = readText(part);
            return;
        }
        if (!attachment && type.equals("text/html") && bodies.html == null) {
            bodies.html = readText(part);
            return;
        }
        if (type.equals("message/rfc822") || type.equals("message/delivery-status")
                || type.equals("text/rfc822-headers")) {
            bodies.attachments.add(attachment(part, fileName != null ? fileName : "message.eml", type, null, false));
            return;
        }
        String contentId = contentId(part);
        bodies.attachments.add(attachment(part, fileName != null ? fileName : "unnamed", type, contentId,
                Part.INLINE.equalsIgnoreCase(disposition) || contentId != null));
    }

    private static String safeDisposition(Part part) {
        try {
            return part.getDisposition();
        } catch (MessagingException e) {
            return null;
        }
    }

    private static String safeFileName(Part part) {
        try {
            String name = part.getFileName();
            return name == null ? null : MimeUtility.decodeText(name);
        } catch (MessagingException | UnsupportedEncodingException | RuntimeException e) {
            return null;
        }
    }

    private static String contentId(Part part) throws MessagingException {
        String[] ids = part.getHeader("Content-ID");
        if (ids == null || ids.length == 0) {
            return null;
        }
        Matcher m = MESSAGE_ID.matcher(ids[0]);
        return m.find() ? m.group(1) : ids[0].strip();
    }

    /** Reads an attachment's decoded bytes, keeping them only up to the limit. */
    private ParsedMail.AttachmentPart attachment(Part part, String fileName, String type, String contentId,
            boolean inline) throws MessagingException {
        java.io.ByteArrayOutputStream kept = new java.io.ByteArrayOutputStream();
        long size = 0;
        try (InputStream in = part.getInputStream()) {
            byte[] buffer = new byte[16 * 1024];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (size + n <= maxAttachmentBytes) {
                    kept.write(buffer, 0, n);
                }
                size += n;
            }
        } catch (IOException | RuntimeException e) {
            // an undecodable part is listed with the size the mail declares, its bytes not kept
            return new ParsedMail.AttachmentPart(fileName, type, Math.max(part.getSize(), 0), contentId, inline,
                    null);
        }
        return new ParsedMail.AttachmentPart(fileName, type, size, contentId, inline,
                size <= maxAttachmentBytes ? kept.toByteArray() : null);
    }

    /** Reads a text part in its declared charset; a missing, unknown or wrong charset falls back sensibly. */
    static String readText(Part part) throws MessagingException, IOException {
        byte[] bytes;
        try (InputStream in = part.getInputStream()) {
            bytes = in.readAllBytes();
        }
        Charset charset = declaredCharset(part.getContentType());
        if (charset == null) {
            charset = isValidUtf8(bytes) ? StandardCharsets.UTF_8 : Charset.forName("windows-1252");
        } else if (charset.equals(StandardCharsets.UTF_8) && !isValidUtf8(bytes)) {
            charset = Charset.forName("windows-1252");
        }
        return new String(bytes, charset);
    }

    static Charset declaredCharset(String contentType) {
        try {
            String name = new ContentType(contentType).getParameter("charset");
            if (name == null || name.isBlank()) {
                return null;
            }
            String javaName = MimeUtility.javaCharset(name.strip());
            if (javaName.equalsIgnoreCase("us-ascii") || javaName.equalsIgnoreCase("ascii")
                    || javaName.equalsIgnoreCase("iso-8859-1") || javaName.equalsIgnoreCase("ISO8859_1")) {
                // mail labelled ASCII or Latin-1 is in practice often Windows-1252, its superset
                return Charset.forName("windows-1252");
            }
            return Charset.forName(javaName);
        } catch (Exception e) {
            return null;
        }
    }

    static boolean isValidUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }

    static String baseType(String contentType) {
        if (contentType == null) {
            return "text/plain";
        }
        try {
            return new ContentType(contentType).getBaseType().toLowerCase(Locale.ROOT);
        } catch (Exception e) {
            int semi = contentType.indexOf(';');
            return (semi < 0 ? contentType : contentType.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
        }
    }

    static String decodeHeader(String value) {
        if (value == null) {
            return null;
        }
        String raw = rawUtf8(MimeUtility.unfold(value));
        try {
            return MimeUtility.decodeText(raw);
        } catch (UnsupportedEncodingException | RuntimeException e) {
            return raw;
        }
    }

    /**
     * Headers are read byte-per-char; many mailers send raw UTF-8 in headers (RFC 6532). When the bytes are valid
     * UTF-8 they are read as such, otherwise they stay Latin-1.
     */
    static String rawUtf8(String header) {
        boolean high = false;
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (c > 0xFF) {
                return header;
            }
            high |= c >= 0x80;
        }
        if (!high) {
            return header;
        }
        byte[] bytes = header.getBytes(StandardCharsets.ISO_8859_1);
        return isValidUtf8(bytes) ? new String(bytes, StandardCharsets.UTF_8) : header;
    }

    private static String firstOf(List<String> values) {
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static Participant firstParticipant(List<String> values) {
        List<Participant> all = participants(values);
        return all.isEmpty() ? null : all.get(0);
    }

    static List<Participant> participants(List<String> values) {
        List<Participant> result = new ArrayList<>();
        if (values == null) {
            return result;
        }
        for (String value : values) {
            try {
                for (Address address : InternetAddress.parseHeader(rawUtf8(MimeUtility.unfold(value)), false)) {
                    if (address instanceof InternetAddress ia && ia.getAddress() != null
                            && !ia.getAddress().isBlank() && !ia.getAddress().equals("<>")) {
                        String name = ia.getPersonal();
                        result.add(new Participant(ia.getAddress().strip(), name == null || name.isBlank()
                                ? null : name.strip()));
                    }
                }
            } catch (AddressException | RuntimeException e) {
                // an unreadable address list is skipped; the sender check above catches a missing From
            }
        }
        return result;
    }

    static List<String> messageIds(List<String> values) {
        List<String> ids = new ArrayList<>();
        if (values == null) {
            return ids;
        }
        for (String value : values) {
            Matcher m = MESSAGE_ID.matcher(value);
            while (m.find()) {
                if (!ids.contains(m.group(1))) {
                    ids.add(m.group(1));
                }
            }
        }
        return ids;
    }

    static String firstMessageId(String value) {
        if (value == null) {
            return null;
        }
        Matcher m = MESSAGE_ID.matcher(value);
        if (m.find()) {
            return m.group(1);
        }
        String stripped = value.strip();
        return stripped.isEmpty() || stripped.contains(" ") ? null : stripped;
    }
}
