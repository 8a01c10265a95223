package io.tiski.infrastructure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The platforms' APIs as Tiski calls them, over real HTTP on loopback, answering in the request and response
 * formats the platforms document: Telegram's Bot API (getFile, file download, sendMessage, setWebhook), Meta's
 * Graph API (Send API for Messenger and Instagram, the WhatsApp Cloud API messages and media endpoints, user
 * profiles, the CDN that hands out attachments) and X's v2 direct message endpoint. Every call is recorded;
 * failures can be queued to test retries and refusals.
 */
public final class SocialPlatforms implements AutoCloseable {
    public static final String TELEGRAM_TOKEN = "123456:TEST-bot-token";
    public static final String META_TOKEN = "EAAG-test-page-token";
    public static final String X_TOKEN = "x-test-user-token";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Map<String, String> profileNames = new ConcurrentHashMap<>();
    private final Deque<Failure> failures = new ConcurrentLinkedDeque<>();
    private final AtomicLong ids = new AtomicLong(1000);
    private final ThreadLocal<byte[]> lastBody = new ThreadLocal<>();

    /** One request a service made. */
    public record Call(String method, String path, String authorization, JsonNode body) {
        public String text(String pointer) {
            JsonNode value = body == null ? null : body.at(pointer);
            return value == null || value.isMissingNode() ? null : value.asText();
        }
    }

    /** An answer to give instead of the normal one, to the next call whose path contains {@code pathPart}. */
    public record Failure(String pathPart, int status, String body) {
    }

    private SocialPlatforms(HttpServer server) {
        this.server = server;
    }

    public static SocialPlatforms start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            SocialPlatforms platforms = new SocialPlatforms(server);
            server.createContext("/", platforms::handle);
            server.setExecutor(Executors.newFixedThreadPool(4));
            server.start();
            return platforms;
        } catch (IOException e) {
            throw new IllegalStateException("the platform emulator could not start", e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The Graph API base as configured for a Meta connection. */
    public String graphUrl() {
        return url() + "/v21.0";
    }

    /** A file the platform hands out: by CDN path (Messenger, Instagram, X) or by file/media id. */
    public void putFile(String id, byte[] content) {
        files.put(id, content);
    }

    /** A CDN address of a file, as Messenger and Instagram put in their webhooks. */
    public String cdnUrl(String id) {
        return url() + "/cdn/" + id;
    }

    /** The raw multipart body of an X media upload, by the media id X gave it. */
    public byte[] uploadedToX(String mediaId) {
        return files.get("x-media-" + mediaId);
    }

    public void putProfileName(String userId, String firstName, String lastName) {
        profileNames.put(userId, firstName + "\u0000" + lastName);
    }

    public void failNext(String pathPart, int status, String body) {
        failures.add(new Failure(pathPart, status, body));
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public List<Call> callsTo(String pathPart) {
        return calls.stream().filter(c -> c.path().contains(pathPart)).toList();
    }

    public void reset() {
        calls.clear();
        failures.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            URI uri = exchange.getRequestURI();
            String path = uri.getPath();
            byte[] body = exchange.getRequestBody().readAllBytes();
            lastBody.set(body);
            JsonNode json = null;
            if (body.length > 0) {
                try {
                    json = JSON.readTree(body);
                } catch (IOException e) {
                    json = null;
                }
            }
            calls.add(new Call(exchange.getRequestMethod(), path + (uri.getRawQuery() == null ? "" : "?"
                    + uri.getRawQuery()), exchange.getRequestHeaders().getFirst("Authorization"), json));
            for (Failure failure : failures) {
                if (path.contains(failure.pathPart()) && failures.remove(failure)) {
                    send(exchange, failure.status(), failure.body().getBytes(StandardCharsets.UTF_8),
                            "application/json");
                    return;
                }
            }
            route(exchange, path, uri.getRawQuery(), json);
        }
    }

    private void route(HttpExchange exchange, String path, String query, JsonNode json) throws IOException {
        Map<String, String> params = query(query);
        String bearer = exchange.getRequestHeaders().getFirst("Authorization");
        if (path.startsWith("/bot")) { // Telegram Bot API: /bot<token>/<method>
            String[] parts = path.substring(4).split("/", 2);
            if (!TELEGRAM_TOKEN.equals(parts[0])) {
                json(exchange, 401, Map.of("ok", false, "error_code", 401, "description", "Unauthorized"));
                return;
            }
            switch (parts.length > 1 ? parts[1] : "") {
                case "getFile" -> {
                    String id = params.get("file_id");
                    byte[] file = files.get(id);
                    if (file == null) {
                        json(exchange, 400, Map.of("ok", false, "error_code", 400, "description",
                                "Bad Request: invalid file_id"));
                    } else {
                        json(exchange, 200, Map.of("ok", true, "result", Map.of("file_id", id, "file_unique_id", id,
                                "file_size", file.length, "file_path", "documents/" + id)));
                    }
                }
                case "sendMessage", "sendPhoto", "sendDocument" -> json(exchange, 200, Map.of("ok", true, "result",
                        Map.of("message_id", ids.incrementAndGet(), "date", System.currentTimeMillis() / 1000,
                                "chat", Map.of("id", json.path("chat_id").asText()))));
                case "setWebhook" -> json(exchange, 200, Map.of("ok", true, "result", true, "description",
                        "Webhook was set"));
                default -> json(exchange, 404, Map.of("ok", false, "error_code", 404, "description", "Not Found"));
            }
            return;
        }
        if (path.startsWith("/file/bot" + TELEGRAM_TOKEN + "/documents/")) {
            file(exchange, path.substring(("/file/bot" + TELEGRAM_TOKEN + "/documents/").length()));
            return;
        }
        if (path.startsWith("/cdn/")) {
            file(exchange, path.substring(5));
            return;
        }
        if (path.startsWith("/media/")) { // WhatsApp media downloads need the token
            if (!("Bearer " + META_TOKEN).equals(bearer)) {
                json(exchange, 401, Map.of("error", Map.of("message", "Invalid OAuth access token", "code", 190)));
                return;
            }
            file(exchange, path.substring(7));
            return;
        }
        if (path.equals("/2/media/upload")) { // X media upload (multipart)
            if (!("Bearer " + X_TOKEN).equals(bearer)) {
                json(exchange, 401, Map.of("title", "Unauthorized", "status", 401));
                return;
            }
            String id = String.valueOf(ids.incrementAndGet());
            files.put("x-media-" + id, lastBody.get());
            json(exchange, 200, Map.of("data", Map.of("id", id, "media_key", "3_" + id)));
            return;
        }
        if (path.startsWith("/2/dm_conversations/with/")) { // X
            if (!("Bearer " + X_TOKEN).equals(bearer)) {
                json(exchange, 401, Map.of("title", "Unauthorized", "status", 401));
                return;
            }
            String participant = path.substring("/2/dm_conversations/with/".length()).split("/")[0];
            json(exchange, 201, Map.of("data", Map.of("dm_conversation_id", "1-" + participant, "dm_event_id",
                    String.valueOf(ids.incrementAndGet()))));
            return;
        }
        if (path.startsWith("/v21.0/")) { // Graph API
            if (!("Bearer " + META_TOKEN).equals(bearer)) {
                json(exchange, 401, Map.of("error", Map.of("message", "Invalid OAuth access token", "type",
                        "OAuthException", "code", 190)));
                return;
            }
            String[] parts = path.substring(7).split("/");
            if (parts.length == 2 && "messages".equals(parts[1]) && "POST".equals(exchange.getRequestMethod())) {
                if ("whatsapp".equals(json.path("messaging_product").asText())) {
                    String to = json.path("to").asText();
                    json(exchange, 200, Map.of("messaging_product", "whatsapp", "contacts",
                            List.of(Map.of("input", to, "wa_id", to)), "messages",
                            List.of(Map.of("id", "wamid." + ids.incrementAndGet()))));
                } else {
                    json(exchange, 200, Map.of("recipient_id", json.path("recipient").path("id").asText(),
                            "message_id", "m_" + ids.incrementAndGet()));
                }
                return;
            }
            if (parts.length == 1) {
                String id = parts[0];
                if (files.containsKey(id)) { // a WhatsApp media id
                    json(exchange, 200, Map.of("messaging_product", "whatsapp", "url", url() + "/media/" + id,
                            "mime_type", "image/jpeg", "file_size", files.get(id).length, "id", id));
                    return;
                }
                String name = profileNames.get(id);
                if (name != null) {
                    String[] names = name.split("\u0000", 2);
                    Map<String, Object> profile = new LinkedHashMap<>();
                    profile.put("first_name", names[0]);
                    profile.put("last_name", names[1]);
                    profile.put("name", (names[0] + " " + names[1]).strip());
                    profile.put("id", id);
                    json(exchange, 200, profile);
                    return;
                }
            }
            json(exchange, 400, Map.of("error", Map.of("message", "Unsupported request", "type", "GraphMethodException",
                    "code", 100)));
            return;
        }
        json(exchange, 404, Map.of("error", "no such endpoint " + path));
    }

    private void file(HttpExchange exchange, String id) throws IOException {
        byte[] file = files.get(URLDecoder.decode(id, StandardCharsets.UTF_8));
        if (file == null) {
            send(exchange, 404, new byte[0], "text/plain");
        } else {
            send(exchange, 200, file, "application/octet-stream");
        }
    }

    private static void json(HttpExchange exchange, int status, Object body) throws IOException {
        send(exchange, status, JSON.writeValueAsBytes(body), "application/json");
    }

    private static void send(HttpExchange exchange, int status, byte[] body, String type) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static Map<String, String> query(String query) {
        Map<String, String> params = new LinkedHashMap<>();
        if (query == null) {
            return params;
        }
        for (String pair : query.split("&")) {
            String[] kv = pair.split("=", 2);
            params.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return params;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** The calls as lines, for assertion messages. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        calls.forEach(c -> lines.add(c.method() + " " + c.path() + " " + c.body()));
        return lines;
    }
}
