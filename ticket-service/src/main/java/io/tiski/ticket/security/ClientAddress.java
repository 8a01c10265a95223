package io.tiski.ticket.security;

import io.vertx.core.http.HttpServerRequest;

/**
 * The caller's address: the peer's, or the X-Forwarded-For client's when the ingress is trusted
 * (quarkus.http.proxy.*, TISKI_TRUST_PROXY), which Vert.x has already applied.
 */
public final class ClientAddress {
    public static String of(HttpServerRequest request) {
        return request == null || request.remoteAddress() == null ? "unknown"
                : request.remoteAddress().hostAddress();
    }

    private ClientAddress() {
    }
}
