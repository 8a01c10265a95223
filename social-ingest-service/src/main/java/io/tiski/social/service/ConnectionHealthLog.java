package io.tiski.social.service;

import io.tiski.social.repository.ConnectionHealth;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;

/** Records, in the caller's transaction, when a connection last heard from or sent to its platform, and failed. */
@ApplicationScoped
public class ConnectionHealthLog {

    @Transactional(Transactional.TxType.MANDATORY)
    public void heard(String connection, String platform, Instant at) {
        row(connection, platform).lastEventAt = at;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void sent(String connection, String platform, Instant at) {
        row(connection, platform).lastSentAt = at;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void failed(String connection, String platform, String error, Instant at) {
        ConnectionHealth row = row(connection, platform);
        row.lastErrorAt = at;
        row.lastError = error.length() > 2000 ? error.substring(0, 2000) : error;
    }

    private static ConnectionHealth row(String connection, String platform) {
        ConnectionHealth row = ConnectionHealth.findById(connection);
        if (row == null) {
            row = new ConnectionHealth();
            row.connection = connection;
            row.platform = platform;
            row.persist();
        }
        return row;
    }
}
