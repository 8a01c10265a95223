package io.tiski.ticket.repository;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Who wrote: the customer behind a channel address, found or recorded in plain SQL (every poll of inbound messages
 * asks, once for all its senders).
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

    /** How a customer is known on one channel: the channel and the address, as stored (in lower case). */
    public record Identity(String channel, String address) {
    }

    /**
     * The customers with any of these identities, in one statement (a poll of inbound messages asks once); an
     * identity nobody has is absent.
     */
    public Map<Identity, KnownCustomer> byIdentities(Set<Identity> identities) {
        Map<Identity, KnownCustomer> found = new HashMap<>();
        if (identities.isEmpty()) {
            return found;
        }
        String[] channels = identities.stream().map(Identity::channel).distinct().toArray(String[]::new);
        String[] addresses = identities.stream().map(Identity::address).distinct().toArray(String[]::new);
        return statements.run("looking up the customers of " + identities.size() + " messages", c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT i.channel, i.address, c.id, c.display_name, "
                    + "c.language FROM customer_identity i JOIN customer c ON c.id = i.customer_id "
                    + "WHERE i.channel = ANY (?) AND i.address = ANY (?)")) {
                st.setArray(1, c.createArrayOf("text", channels));
                st.setArray(2, c.createArrayOf("text", addresses));
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        Identity identity = new Identity(rs.getString(1), rs.getString(2));
                        if (identities.contains(identity)) {
                            found.putIfAbsent(identity, new KnownCustomer(rs.getObject(3, UUID.class),
                                    rs.getString(4), rs.getString(5)));
                        }
                    }
                }
            }
            return found;
        });
    }

    /** Records a new customer with their first identity, in one statement. */
    public KnownCustomer create(String displayName, String language, String channel, String address, Instant now) {
        KnownCustomer customer = new KnownCustomer(UUID.randomUUID(), displayName, language);
        statements.run("recording a new customer", c -> {
            try (PreparedStatement st = c.prepareStatement("WITH created AS (INSERT INTO customer (id, display_name, "
                    + "language, created_at) VALUES (?, ?, ?, ?) RETURNING id, created_at) "
                    + "INSERT INTO customer_identity (id, customer_id, channel, address, created_at) "
                    + "SELECT ?, id, ?, ?, created_at FROM created")) {
                st.setObject(1, customer.id());
                st.setString(2, displayName);
                st.setString(3, language);
                st.setObject(4, TransactionStatements.at(now));
                st.setObject(5, UUID.randomUUID());
                st.setString(6, channel);
                st.setString(7, address);
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
