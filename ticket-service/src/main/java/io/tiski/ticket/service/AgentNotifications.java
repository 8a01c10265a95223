package io.tiski.ticket.service;

import io.tiski.ticket.repository.AgentNotificationSettings;
import io.tiski.ticket.repository.Ticket;
import io.tiski.ticket.repository.TicketLabels;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Tells agents by email what they asked to hear of: a ticket assigned to them, a customer's reply on a ticket they
 * are assigned to or follow, an SLA warning on their ticket. Never of what the agent did themself.
 */
@ApplicationScoped
public class AgentNotifications {
    private final StaffMail mail;
    private final TicketLabels labels;

    AgentNotifications(StaffMail mail, TicketLabels labels) {
        this.mail = mail;
        this.labels = labels;
    }

    /** An agent's settings as the API shows and takes them. */
    public record Settings(String email, boolean assigned, boolean customerReplied, boolean slaWarning) {
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Settings> settings(String agent) {
        return AgentNotificationSettings.<AgentNotificationSettings>findByIdOptional(agent)
                .map(s -> new Settings(s.email, s.onAssigned, s.onCustomerReply, s.onSlaWarning));
    }

    @Transactional
    public Settings save(String agent, Settings settings) {
        AgentNotificationSettings stored = AgentNotificationSettings.findById(agent);
        boolean created = stored == null;
        if (created) {
            stored = new AgentNotificationSettings();
            stored.agent = agent;
        }
        stored.email = settings.email().strip().toLowerCase(java.util.Locale.ROOT);
        stored.onAssigned = settings.assigned();
        stored.onCustomerReply = settings.customerReplied();
        stored.onSlaWarning = settings.slaWarning();
        stored.updatedAt = Instant.now();
        if (created) {
            stored.persist();
        }
        return new Settings(stored.email, stored.onAssigned, stored.onCustomerReply, stored.onSlaWarning);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void assigned(Ticket ticket, String assignee, String actor, Instant now) {
        if (assignee.equals(actor)) {
            return;
        }
        tell(Set.of(assignee), s -> s.onAssigned, ticket, "Assigned to you: #" + ticket.number + " " + ticket.subject,
                actor + " assigned ticket #" + ticket.number + " \"" + ticket.subject + "\" to you.\n\n"
                        + "Channel: " + ticket.channel + " · Priority: " + ticket.priority + " · Status: "
                        + ticket.status + "\n", "assignment", now);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void customerReplied(Ticket ticket, String customerText, Instant now) {
        Set<String> agents = new LinkedHashSet<>();
        if (ticket.assignee != null) {
            agents.add(ticket.assignee);
        }
        agents.addAll(labels.followers(ticket.id));
        String excerpt = customerText == null ? "" : customerText.strip();
        if (excerpt.length() > 500) {
            excerpt = excerpt.substring(0, 500) + "…";
        }
        tell(agents, s -> s.onCustomerReply, ticket, "Customer replied: #" + ticket.number + " " + ticket.subject,
                "The customer wrote again on ticket #" + ticket.number + " \"" + ticket.subject + "\":\n\n" + excerpt
                        + "\n", "reply", now);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void slaWarning(Ticket ticket, String target, Instant dueAt, Instant now) {
        if (ticket.assignee == null) {
            return;
        }
        tell(Set.of(ticket.assignee), s -> s.onSlaWarning, ticket, "SLA warning: #" + ticket.number + " " + target,
                "Ticket #" + ticket.number + " \"" + ticket.subject + "\" is due for its " + target + " at " + dueAt
                        + " (UTC).\n", "warning", now);
    }

    private void tell(Set<String> agents, Predicate<AgentNotificationSettings> wants, Ticket ticket, String subject,
            String text, String origin, Instant now) {
        for (String agent : agents) {
            AgentNotificationSettings settings = AgentNotificationSettings.findById(agent);
            if (settings != null && wants.test(settings)) {
                mail.request(ticket, settings.email, subject, text, origin, now);
            }
        }
    }
}
