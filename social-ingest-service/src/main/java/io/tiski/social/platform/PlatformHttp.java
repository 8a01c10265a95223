package io.tiski.social.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tiski.social.config.SocialConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The one HTTP client Tiski calls the platforms with (the JDK's: HTTP/2, timeouts, no extra dependency). It turns
 * transport failures, 5xx and 429 into {@link PlatformUnavailableException} and keeps tokens out of messages.
 */
@ApplicationScoped
public class PlatformHttp {
    static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client;
    private final Duration timeout;

    PlatformHttp(SocialConfig config) {
        this.timeout = config.platformTimeout();
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /** An answer: its status and JSON body (an empty object when it had none). */
    public record Answer(int status, JsonNode body) {
    }

    public Answer postJson(String platform, String url, Optional<String> bearer, Object body) {
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("the request to " + platform + " cannot be written as JSON", e);
        }
        return call(platform, HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json)), bearer);
    }

    /** A multipart/form-data upload of one file with text fields (X's media upload). */
    public Answer postMultipart(String platform, String url, Optional<String> bearer, Map<String, String> fields,
            String fileField, String fileName, String mediaType, byte[] content) {
        String boundary = "tiski-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        Consumer<String> text = t -> body.writeBytes(t.getBytes(StandardCharsets.UTF_8));
        fields.forEach((name, value) -> text.accept("--" + boundary + "\r\nContent-Disposition: form-data; name=\""
                + name + "\"\r\n\r\n" + value + "\r\n"));
        text.accept("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField + "\"; filename=\""
                + fileName.replaceAll("[\"\\r\\n]", "_") + "\"\r\nContent-Type: " + mediaType + "\r\n\r\n");
        body.writeBytes(content);
        text.accept("\r\n--" + boundary + "--\r\n");
        return call(platform, HttpRequest.newBuilder(URI.create(url)).header("Content-Type",
                "multipart/form-data; boundary=" + boundary).POST(HttpRequest.BodyPublishers.ofByteArray(
                        body.toByteArray())), bearer);
    }

    public Answer getJson(String platform, String url, Optional<String> bearer) {
        return call(platform, HttpRequest.newBuilder(URI.create(url)).GET(), bearer);
    }

    private Answer call(String platform, HttpRequest.Builder request, Optional<String> bearer) {
        request.timeout(timeout);
        bearer.ifPresent(token -> request.header("Authorization", "Bearer " + token));
        try {
            return answer(platform, client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray()));
        } catch (IOException e) {
            throw new PlatformUnavailableException(platform + " could not be reached: " + e.getMessage(), null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformUnavailableException(platform + " call interrupted", null, e);
        }
    }

    /** A file the platform hands out, read up to {@code maxBytes}; larger ones are refused without reading on. */
    public Download download(String platform, String url, Optional<String> bearer, long maxBytes) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout.multipliedBy(3))
                    .GET();
            bearer.ifPresent(token -> request.header("Authorization", "Bearer " + token));
            HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                int status = response.statusCode();
                if (status == 429 || status >= 500) {
                    throw new PlatformUnavailableException(platform + " answered " + status + " for a media file",
                            retryAfter(response), null);
                }
                if (status >= 400) {
                    throw new PlatformRefusedException(platform + " no longer hands out this file (HTTP " + status
                            + ")");
                }
                byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
                if (bytes.length > maxBytes) {
                    return new Download(null, response.headers().firstValue("Content-Type").orElse(null), true);
                }
                return new Download(bytes, response.headers().firstValue("Content-Type").orElse(null), false);
            }
        } catch (IOException e) {
            throw new PlatformUnavailableException(platform + " media could not be fetched: " + e.getMessage(), null,
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformUnavailableException(platform + " download interrupted", null, e);
        }
    }

    /** A downloaded file; {@code tooLarge} when it was over the limit (then {@code bytes} is null). */
    public record Download(byte[] bytes, String contentType, boolean tooLarge) {
    }

    private static Answer answer(String platform, HttpResponse<byte[]> response) {
        JsonNode body;
        try {
            body = response.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            body = JSON.createObjectNode();
        }
        int status = response.statusCode();
        if (status == 429 || status >= 500) {
            Duration wait = retryAfter(response);
            if (wait == null && body.path("parameters").has("retry_after")) { // Telegram says it in the body
                wait = Duration.ofSeconds(body.path("parameters").path("retry_after").asLong(1));
            }
            throw new PlatformUnavailableException(platform + " answered " + status, wait, null);
        }
        return new Answer(status, body);
    }

    static Duration retryAfter(HttpResponse<?> response) {
        Optional<String> header = response.headers().firstValue("Retry-After");
        if (header.isPresent()) {
            try {
                return Duration.ofSeconds(Long.parseLong(header.get().trim()));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        Optional<String> reset = response.headers().firstValue("x-rate-limit-reset"); // X: epoch seconds
        if (reset.isPresent()) {
            try {
                long wait = Long.parseLong(reset.get().trim()) - java.time.Instant.now().getEpochSecond();
                return Duration.ofSeconds(Math.max(1, wait));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
