package io.tiski.ticket.repository;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Who wrote: the customer behind a channel address, found or recorded in plain SQL (every inbound message asks).
 * The same rows as {@link Customer} and {@link CustomerIdentity}, which the agents' side reads and changes.
 */
@ApplicationScoped
public class CustomerDirectory {
    private final TransactionStatements statements;

    CustomerDirectory(TransactionStatements statements) {
        this.statements = statements;
    }

    /** A customer as an inbound message needs them. */
    public record KnownCustomer(UUID id, String displayName, String language) {
    }

    /** The customer with this identity (channel and address, as stored: the address in lower case). */
    public Optional<KnownCustomer> byIdentity(String channel, String address) {
        return statements.run("looking up the customer of " + channel, c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT c.id, c.display_name, c.language FROM "
                    + "customer_identity i JOIN customer c ON c.id = i.customer_id WHERE i.channel = ? "
                    + "AND i.address = ? LIMIT 1")) {
                st.setString(1, channel);
                st.setString(2, address);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() ? Optional.of(new KnownCustomer(rs.getObject(1, UUID.class), rs.getString(2),
                            rs.getString(3))) : Optional.empty();
                }
            }
        });
    }

    /** Records a new customer with their first identity. */
    public KnownCustomer create(String displayName, String language, String channel, String address, Instant now) {
        KnownCustomer customer = new KnownCustomer(UUID.randomUUID(), displayName, language);
        statements.run("recording a new customer", c -> {
            try (PreparedStatement st = c.prepareStatement("INSERT INTO customer (id, display_name, language, "
                    + "created_at) VALUES (?, ?, ?, ?)")) {
                st.setObject(1, customer.id());
                st.setString(2, displayName);
                st.setString(3, language);
                st.setObject(4, TransactionStatements.at(now));
                st.executeUpdate();
            }
            try (PreparedStatement st = c.prepareStatement("INSERT INTO customer_identity (id, customer_id, channel, "
                    + "address, created_at) VALUES (?, ?, ?, ?, ?)")) {
                st.setObject(1, UUID.randomUUID());
                st.setObject(2, customer.id());
                st.setString(3, channel);
                st.setString(4, address);
                st.setObject(5, TransactionStatements.at(now));
                st.executeUpdate();
            }
            return null;
        });
        return customer;
    }

    /** Gives a customer known by address only the name they now signed with. */
    public KnownCustomer named(KnownCustomer customer, String displayName) {
        statements.run("naming a customer", c -> {
            try (PreparedStatement st = c.prepareStatement("UPDATE customer SET display_name = ? WHERE id = ? "
                    + "AND display_name IS NULL")) {
                st.setString(1, displayName);
                st.setObject(2, customer.id());
                return st.executeUpdate();
            }
        });
        return new KnownCustomer(customer.id(), displayName, customer.language());
    }
}
