package io.tiski.ticket.service;

import io.tiski.ticket.repository.Customer;
import io.tiski.ticket.repository.CustomerIdentity;
import io.tiski.ticket.repository.Ticket;
import io.tiski.ticket.repository.TicketAuditEntry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A customer across channels: identities, every ticket, and merging two records of the same person. */
@ApplicationScoped
public class CustomerRecords {
    private final io.tiski.ticket.security.TicketScope scope;

    CustomerRecords(io.tiski.ticket.security.TicketScope scope) {
        this.scope = scope;
    }

    /** A customer with all the ways to reach them and their tickets on every channel, newest first. */
    public record CustomerHistory(String id, String name, String language, List<Identity> identities,
            List<TicketLine> tickets) {
    }

    public record Identity(String channel, String address) {
    }

    public record TicketLine(String id, long number, String subject, String channel, String status,
            Instant createdAt) {
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public CustomerHistory history(UUID customerId) {
        Customer customer = Customer.findById(customerId);
        if (customer == null) {
            throw new NotFoundException("No customer " + customerId);
        }
        if (customer.mergedInto != null) {
            return history(customer.mergedInto);
        }
        List<Identity> identities = CustomerIdentity.<CustomerIdentity>find("customerId = ?1 order by createdAt",
                customerId).list().stream().map(i -> new Identity(i.channel, i.address)).toList();
        // the agent's scope holds here too: a customer's tickets of other teams are not listed
        io.quarkus.panache.common.Parameters params = io.quarkus.panache.common.Parameters.with("customer",
                customerId);
        String visible = scope.clause(params);
        List<TicketLine> tickets = Ticket.<Ticket>find("from Ticket t where t.customerId = :customer" + visible
                + " order by t.createdAt desc", params).list()
                .stream().map(t -> new TicketLine(t.id.toString(), t.number, t.subject, t.channel, t.status,
                        t.createdAt)).toList();
        return new CustomerHistory(customer.id.toString(), customer.displayName, customer.language, identities,
                tickets);
    }

    /** Moves every identity and ticket of {@code duplicateId} to {@code survivorId}; audited on each ticket. */
    @Transactional
    public CustomerHistory merge(UUID survivorId, UUID duplicateId, String agent) {
        if (survivorId.equals(duplicateId)) {
            throw new IllegalArgumentException("a customer cannot be merged into itself");
        }
        Customer survivor = Customer.findById(survivorId, LockModeType.PESSIMISTIC_WRITE);
        Customer duplicate = Customer.findById(duplicateId, LockModeType.PESSIMISTIC_WRITE);
        if (survivor == null || duplicate == null) {
            throw new NotFoundException("No customer " + (survivor == null ? survivorId : duplicateId));
        }
        if (survivor.mergedInto != null || duplicate.mergedInto != null) {
            throw new TicketConflictException("Customer " + (survivor.mergedInto != null ? survivorId : duplicateId)
                    + " was already merged into another; merge into that one instead");
        }
        Instant now = Instant.now();
        CustomerIdentity.update("customerId = ?1 where customerId = ?2", survivorId, duplicateId);
        for (Ticket ticket : Ticket.<Ticket>find("customerId", duplicateId).list()) {
            ticket.customerId = survivorId;
            TicketAuditEntry.record(ticket.id, agent, "CUSTOMER_MERGED", "customer", duplicateId.toString(),
                    survivorId.toString(), now);
        }
        if (survivor.displayName == null) {
            survivor.displayName = duplicate.displayName;
        }
        duplicate.mergedInto = survivorId;
        return history(survivorId);
    }
}
