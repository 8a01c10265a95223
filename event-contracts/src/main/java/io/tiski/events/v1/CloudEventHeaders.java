package io.tiski.events.v1;

/**
 * Header names of the CloudEvents 1.0 Kafka protocol binding, binary content mode: the attributes travel as
 * {@code ce_*} headers, the JSON event is the record value.
 */
public final class CloudEventHeaders {
    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String SOURCE = "ce_source";
    public static final String TYPE = "ce_type";
    public static final String TIME = "ce_time";
    public static final String SUBJECT = "ce_subject";
    public static final String CONTENT_TYPE = "content-type";
    /** Extension attribute: the conversation the event belongs to. */
    public static final String CONVERSATION_KEY = "ce_conversationkey";
    /** Extension attribute: the channel of the message. */
    public static final String CHANNEL = "ce_channel";

    public static final String SPEC_VERSION_VALUE = "1.0";
    public static final String JSON = "application/json";

    private CloudEventHeaders() {
    }

    /**
     * The channel a {@link #CHANNEL} header's value names; empty without the header or for a channel this version
     * does not know (then the event itself says).
     */
    public static java.util.Optional<Channel> channel(byte[] headerValue) {
        if (headerValue == null) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(Channel.valueOf(new String(headerValue,
                    java.nio.charset.StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException unknown) {
            return java.util.Optional.empty();
        }
    }
}
