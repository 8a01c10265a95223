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
    private static final Pattern ADDRESS = Pattern.compile("[^@\\s<>()\\[\\],;:\"]+@[^@\\s<>()\\[\\],;:\"]+");
    private static final Pattern UUENCODED = Pattern.compile(
            "(?ms)^begin [0-7]{3,4} ([^\\r\\n]+)\\r?\\n(.*?)^end[ \\t]*\\r?$\\n?");
    /** The sender recorded for mail with an empty reverse path ({@code <>}): bounces and other system mail. */
    public static final String NULL_SENDER = "mailer-daemon@invalid";
    private static final int MAX_DEPTH = 32;
    private static final Session SESSION;

    static {
        // read by Jakarta Mail's decoders from the system properties, not the session: decode what can be decoded
        // of damaged base64 instead of dropping the whole attachment
        if (System.getProperty("mail.mime.base64.ignoreerrors") == null) {
            System.setProperty("mail.mime.base64.ignoreerrors", "true");
        }
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
            if (from == null && hasNullSender(headers)) {
                // an empty reverse path (<>) is how mail systems send bounces and other automatic mail
                from = new Participant(NULL_SENDER, nameOnly(headers.get("from")));
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
        walk(part, bodies, depth, null);
    }

    /** @param inheritedCharset the nearest charset declared above this part, for raw 8-bit file names */
    private void walk(Part part, Bodies bodies, int depth, Charset inheritedCharset) throws MessagingException,
            IOException, UnreadableMailException {
        Charset declared = declaredCharset(part.getContentType());
        Charset charset = declared != null ? declared : inheritedCharset;
        if (depth > MAX_DEPTH) {
            throw new UnreadableMailException("MIME parts nested deeper than " + MAX_DEPTH + " levels", null);
        }
        String type = baseType(part.getContentType());
        String disposition = safeDisposition(part);
        String fileName = safeFileName(part, charset);
        if (type.startsWith("multipart/")) {
            Object content = part.getContent();
            if (!(content instanceof Multipart multipart)) {
                throw new UnreadableMailException("a " + type + " part has no readable parts (missing boundary?)",
                        null);
            }
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                walk(child, bodies, depth + 1, charset);
            }
            return;
        }
        boolean attachment = Part.ATTACHMENT.equalsIgnoreCase(disposition) || (fileName != null
                && !type.startsWith("text/"));
        if (!attachment && type.equals("text/plain") && bodies.text == null) {
            bodies.text = extractUuencoded(readText(part), bodies);
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
        bodies.attachments.add(attachment(part, fileName != null ? fileName : nameFor(type, bodies), type,
                contentId, Part.INLINE.equalsIgnoreCase(disposition) || contentId != null));
    }

    private static String safeDisposition(Part part) {
        try {
            return part.getDisposition();
        } catch (MessagingException e) {
            return null;
        }
    }

    private static String safeFileName(Part part, Charset fallback) {
        try {
            String name = part.getFileName();
            if (name == null) {
                return null;
            }
            name = MimeUtility.decodeText(name);
            String utf8 = rawUtf8(name);
            if (utf8.equals(name) && fallback != null && name.chars().anyMatch(c -> c >= 0x80 && c <= 0xFF)) {
                // raw 8-bit in a header that is not UTF-8: read it in the charset the mail declares
                return new String(name.getBytes(StandardCharsets.ISO_8859_1), fallback);
            }
            return utf8;
        } catch (MessagingException | UnsupportedEncodingException | RuntimeException e) {
            return null;
        }
    }

    /** A name for a part that has none: "image-1.png", "attachment-2.bin". */
    private static String nameFor(String type, Bodies bodies) {
        int n = bodies.attachments.size() + 1;
        String subtype = type.contains("/") ? type.substring(type.indexOf('/') + 1) : "bin";
        String extension = switch (subtype) {
            case "jpeg", "pjpeg" -> "jpg";
            case "plain" -> "txt";
            case "octet-stream" -> "bin";
            case "ms-tnef", "vnd.ms-tnef" -> "dat";
            case "calendar" -> "ics";
            default -> subtype.replaceAll("[^a-z0-9]", "");
        };
        String kind = type.startsWith("image/") ? "image" : type.startsWith("text/calendar") ? "invite"
                : "attachment";
        return kind + "-" + n + "." + (extension.isEmpty() ? "bin" : extension);
    }

    /** Old mailers put files into the text as uuencoded blocks: they become attachments, not text. */
    private String extractUuencoded(String text, Bodies bodies) {
        if (text == null || !text.contains("begin ")) {
            return text;
        }
        Matcher m = UUENCODED.matcher(text);
        StringBuilder rest = new StringBuilder();
        int last = 0;
        while (m.find()) {
            String name = m.group(1).strip();
            byte[] bytes;
            try (InputStream in = MimeUtility.decode(new ByteArrayInputStream(
                    m.group(0).getBytes(StandardCharsets.ISO_8859_1)), "uuencode")) {
                bytes = in.readAllBytes();
            } catch (IOException | MessagingException | RuntimeException e) {
                continue;
            }
            rest.append(text, last, m.start());
            last = m.end();
            bodies.attachments.add(new ParsedMail.AttachmentPart(name, guessType(name), bytes.length, null, false,
                    bytes.length <= maxAttachmentBytes ? bytes : null));
        }
        rest.append(text.substring(last));
        return rest.toString();
    }

    private static String guessType(String name) {
        String type = java.net.URLConnection.guessContentTypeFromName(name);
        if (type == null && name.toLowerCase(Locale.ROOT).endsWith(".csv")) {
            return "text/csv";
        }
        return type == null ? "application/octet-stream" : type;
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
        if (isValidUtf8(bytes)) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        // 0x80–0x9F are control characters in Latin-1 but letters and quotes in Windows-1252, its superset
        return header.chars().anyMatch(c -> c >= 0x80 && c <= 0x9F)
                ? new String(bytes, Charset.forName("windows-1252")) : header;
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
                            && ADDRESS.matcher(ia.getAddress().strip()).matches()) {
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

    private static boolean hasNullSender(Map<String, List<String>> headers) {
        for (String name : List.of("from", "return-path")) {
            for (String value : headers.getOrDefault(name, List.of())) {
                if (value.replaceAll("\\s", "").endsWith("<>")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String nameOnly(List<String> from) {
        if (from == null || from.isEmpty()) {
            return null;
        }
        String value = decodeHeader(from.get(0).replace("<>", "").replace("\"", "")).strip();
        return value.isEmpty() ? null : value;
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
