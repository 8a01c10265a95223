package io.tiski.events.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;

/**
 * The one JSON form of every event, used by producers and consumers alike. Unknown fields are ignored so a
 * consumer keeps working when a producer adds an optional field (the compatible way to evolve a v1 contract).
 */
public final class EventJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    public static byte[] write(Object event) {
        try {
            return MAPPER.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * @throws MalformedEventException when the bytes are not a valid event of that type
     */
    public static <T> T read(byte[] json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException | IllegalArgumentException e) {
            throw new MalformedEventException("not a valid " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    public static ObjectMapper mapper() {
        return MAPPER.copy();
    }

    /** An event that cannot be read; consumers send it to the dead-letter topic with this reason. */
    public static final class MalformedEventException extends RuntimeException {
        public MalformedEventException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private EventJson() {
    }

}
