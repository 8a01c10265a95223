package io.tiski.ticket.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.tiski.events.v1.Channel;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The threading engine's promises over generated mailboxes and messages (jqwik): a stranger never gets into
 * someone else's ticket whatever references they copy; a participant's reply to a known Message-ID or with the
 * ticket's number always lands in that ticket (or, closed too long, in a new one linked to it), however the
 * sender's address is written and whatever unknown references come with it; and no message makes the engine
 * throw. The tries are {@code jqwik.tries.default}; a long run:
 * {@code ./mvnw -pl ticket-service test -Dtest=ThreadingEnginePropertiesTest -Djqwik.tries.default=100000}.
 */
class ThreadingEnginePropertiesTest {
    static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");
    static final Duration WINDOW = Duration.ofDays(14);

    /** Tickets, each with a customer, its Message-IDs and its number. */
    record Mailbox(List<KnownTicket> tickets, Map<String, KnownTicket> byMessageId) implements ConversationLookup {
        @Override
        public Optional<KnownTicket> byEmailMessageId(String messageId) {
            return Optional.ofNullable(byMessageId.get(messageId));
        }

        @Override
        public Optional<KnownTicket> byNumber(long number) {
            return tickets.stream().filter(t -> t.number() == number).findFirst();
        }

        @Override
        public Optional<KnownTicket> newestByConversation(Channel channel, String conversationKey) {
            return Optional.empty();
        }

        List<String> messageIdsOf(KnownTicket ticket) {
            return byMessageId.entrySet().stream().filter(e -> e.getValue().equals(ticket)).map(Map.Entry::getKey)
                    .sorted().toList();
        }

        ThreadingDecision decide(IncomingMessage message) {
            return new ThreadingEngine(this, WINDOW, Clock.fixed(NOW, ZoneOffset.UTC)).decide(message);
        }
    }

    @Provide
    Arbitrary<Mailbox> mailboxes() {
        Arbitrary<TicketStatus> status = Arbitraries.of(TicketStatus.class);
        Arbitrary<Integer> daysSinceChange = Arbitraries.integers().between(0, 60);
        Arbitrary<Integer> messageIds = Arbitraries.integers().between(1, 4);
        Arbitrary<List<Object[]>> specs = Combinators.combine(status, daysSinceChange, messageIds)
                .as((s, d, m) -> new Object[] {s, d, m}).list().ofMinSize(1).ofMaxSize(8);
        return specs.map(list -> {
            List<KnownTicket> tickets = new ArrayList<>();
            Map<String, KnownTicket> byMessageId = new HashMap<>();
            for (int i = 0; i < list.size(); i++) {
                Object[] spec = list.get(i);
                KnownTicket ticket = new KnownTicket(new TicketId(UUID.randomUUID()), 1000 + i, (TicketStatus) spec[0],
                        NOW.minus(Duration.ofDays((Integer) spec[1])), Set.of("customer" + i + "@example.fi"));
                tickets.add(ticket);
                for (int m = 0; m < (Integer) spec[2]; m++) {
                    byMessageId.put("m" + m + ".t" + i + "@mail.example.fi", ticket);
                }
            }
            return new Mailbox(List.copyOf(tickets), Map.copyOf(byMessageId));
        });
    }

    @Provide
    Arbitrary<List<String>> unknownReferences() {
        return Arbitraries.strings().ofMinLength(0).ofMaxLength(60).map(s -> "unknown-" + s).list().ofMaxSize(5);
    }

    @Property
    void aStrangerNeverGetsIntoAnotherCustomersTicket(@ForAll("mailboxes") Mailbox mailbox,
            @ForAll("unknownReferences") List<String> noise, @ForAll boolean copyNumbers) {
        List<String> copied = new ArrayList<>(noise);
        mailbox.byMessageId().keySet().stream().sorted().forEach(copied::add);
        List<Long> numbers = copyNumbers ? mailbox.tickets().stream().map(KnownTicket::number).toList() : List.of();
        for (Channel channel : List.of(Channel.EMAIL, Channel.CONTACT_FORM, Channel.RETURN_FORM)) {
            ThreadingDecision decision = mailbox.decide(new IncomingMessage(channel, "stranger@evil.example",
                    channel.name().toLowerCase(Locale.ROOT) + ":x", copied, numbers));
            assertThat(decision.opensNewTicket()).as(decision.reason()).isTrue();
            assertThat(decision.linkedPredecessor()).isEmpty();
        }
    }

    @Property
    void aParticipantsReplyLandsInItsTicket(@ForAll("mailboxes") Mailbox mailbox,
            @ForAll("unknownReferences") List<String> noise, @ForAll boolean byNumber, @ForAll boolean shout) {
        for (int i = 0; i < mailbox.tickets().size(); i++) {
            KnownTicket ticket = mailbox.tickets().get(i);
            String sender = "customer" + i + "@example.fi";
            String written = shout ? "  " + sender.toUpperCase(Locale.ROOT) + " " : sender;
            List<String> references = new ArrayList<>(noise);
            if (!byNumber) {
                references.add(mailbox.messageIdsOf(ticket).get(0));
            }
            ThreadingDecision decision = mailbox.decide(new IncomingMessage(Channel.EMAIL, written, "email:x",
                    references, byNumber ? List.of(ticket.number()) : List.of()));
            boolean closedTooLong = ticket.status() == TicketStatus.CLOSED
                    && NOW.isAfter(ticket.statusChangedAt().plus(WINDOW));
            if (closedTooLong) {
                assertThat(decision.opensNewTicket()).as(decision.reason()).isTrue();
                assertThat(decision.linkedPredecessor()).contains(ticket.id());
            } else {
                assertThat(decision.existing()).as(decision.reason()).contains(ticket);
            }
        }
    }

    @Property
    void anyMessageGetsADecisionWithAReason(@ForAll("mailboxes") Mailbox mailbox, @ForAll Channel channel,
            @ForAll("unknownReferences") List<String> references, @ForAll String sender,
            @ForAll List<@net.jqwik.api.constraints.LongRange(min = -5, max = 5000) Long> numbers) {
        IncomingMessage message = new IncomingMessage(channel, sender, channel + ":" + sender, references, numbers);
        ThreadingDecision decision = mailbox.decide(message);
        assertThat(decision.reason()).isNotBlank();
        decision.existing().ifPresent(t -> assertThat(t.hasParticipant(message.senderAddress())).isTrue());
    }
}
