package io.tiski.ticket.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.tiski.events.v1.Channel;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ThreadingEngineTest {
    static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    final Map<String, KnownTicket> byMessageId = new HashMap<>();
    final Map<Long, KnownTicket> byNumber = new HashMap<>();
    final Map<String, KnownTicket> byConversation = new HashMap<>();
    final ConversationLookup lookup = new ConversationLookup() {
        @Override
        public Optional<KnownTicket> byEmailMessageId(String messageId) {
            return Optional.ofNullable(byMessageId.get(messageId));
        }

        @Override
        public Optional<KnownTicket> byNumber(long number) {
            return Optional.ofNullable(byNumber.get(number));
        }

        @Override
        public Optional<KnownTicket> newestByConversation(Channel channel, String key) {
            return Optional.ofNullable(byConversation.get(channel + "/" + key));
        }
    };
    final ThreadingEngine engine = new ThreadingEngine(lookup, Duration.ofDays(14), Clock.fixed(NOW, ZoneOffset.UTC));

    KnownTicket ticket(long number, TicketStatus status, Instant since, String... participants) {
        KnownTicket t = new KnownTicket(new TicketId(UUID.randomUUID()), number, status, since, Set.of(participants));
        byNumber.put(number, t);
        return t;
    }

    static IncomingMessage email(String from, List<String> referenced, List<Long> refs) {
        return new IncomingMessage(Channel.EMAIL, from, "email:x", referenced, refs);
    }

    @Test
    void replyToTheAcknowledgementJoinsTheTicket() {
        KnownTicket t = ticket(1001, TicketStatus.NEW, NOW, "maija@example.fi");
        byMessageId.put("ack.1@tiski.localhost", t);
        ThreadingDecision d = engine.decide(email("Maija@Example.fi", List.of("ack.1@tiski.localhost"), List.of()));
        assertThat(d.existing()).contains(t);
        assertThat(d.reason()).contains("ack.1@tiski.localhost").contains("#1001");
    }

    @Test
    void brokenReferencesChainStillThreadsByAnOlderReference() {
        KnownTicket t = ticket(1002, TicketStatus.OPEN, NOW, "erik@example.se");
        byMessageId.put("original@example.se", t);
        ThreadingDecision d = engine.decide(email("erik@example.se",
                List.of("outlook-lost@example.se", "original@example.se"), List.of()));
        assertThat(d.existing()).contains(t);
    }

    @Test
    void replyFromAStrangerSharingAMessageIdOpensANewTicketAndSaysWhy() {
        KnownTicket t = ticket(1003, TicketStatus.OPEN, NOW, "anna@example.fi");
        byMessageId.put("newsletter-reply@example.fi", t);
        ThreadingDecision d = engine.decide(email("other@example.com", List.of("newsletter-reply@example.fi"),
                List.of()));
        assertThat(d.opensNewTicket()).isTrue();
        assertThat(d.reason()).contains("not a participant").contains("#1003");
    }

    @Test
    void replyWithForgedTicketReferenceOpensNewTicket() {
        ticket(1004, TicketStatus.OPEN, NOW, "victim@example.fi");
        ThreadingDecision d = engine.decide(email("attacker@example.com", List.of(), List.of(1004L)));
        assertThat(d.opensNewTicket()).isTrue();
        assertThat(d.reason()).contains("#1004 ignored");
    }

    @Test
    void ticketReferenceFromTheCustomerJoins() {
        KnownTicket t = ticket(1005, TicketStatus.PENDING, NOW, "liisa@example.fi");
        assertThat(engine.decide(email("liisa@example.fi", List.of(), List.of(1005L))).existing()).contains(t);
    }

    @Test
    void subjectAloneNeverThreads() {
        ticket(1006, TicketStatus.OPEN, NOW, "liisa@example.fi");
        assertThat(engine.decide(email("liisa@example.fi", List.of(), List.of())).opensNewTicket()).isTrue();
    }

    @Test
    void replyLongAfterCloseOpensALinkedTicket() {
        KnownTicket t = ticket(1007, TicketStatus.CLOSED, NOW.minus(Duration.ofDays(30)), "liisa@example.fi");
        ThreadingDecision d = engine.decide(email("liisa@example.fi", List.of(), List.of(1007L)));
        assertThat(d.opensNewTicket()).isTrue();
        assertThat(d.linkedPredecessor()).contains(t.id());
    }

    @Test
    void replyShortlyAfterCloseJoinsTheTicket() {
        KnownTicket t = ticket(1008, TicketStatus.CLOSED, NOW.minus(Duration.ofDays(2)), "liisa@example.fi");
        assertThat(engine.decide(email("liisa@example.fi", List.of(), List.of(1008L))).existing()).contains(t);
    }

    @Test
    void socialMessagesThreadByPlatformConversation() {
        KnownTicket t = ticket(1009, TicketStatus.OPEN, NOW, "tg:42");
        byConversation.put("TELEGRAM/telegram:bot1:42", t);
        ThreadingDecision d = engine.decide(new IncomingMessage(Channel.TELEGRAM, "tg:42", "telegram:bot1:42",
                List.of(), List.of()));
        assertThat(d.existing()).contains(t);
    }

    @Test
    void bounceOfASentMailJoinsItsTicketThoughTheMailSystemIsNoParticipant() {
        KnownTicket t = ticket(1011, TicketStatus.PENDING, NOW, "liisa@example.fi");
        byMessageId.put("reply.7@tiski.localhost", t);
        ThreadingDecision d = engine.decide(new IncomingMessage(Channel.EMAIL, "mailer-daemon@mx.example.fi",
                "email:dsn", List.of(), List.of(), "reply.7@tiski.localhost"));
        assertThat(d.existing()).contains(t);
        assertThat(d.reason()).startsWith("Bounce of message <reply.7@tiski.localhost>");
    }

    @Test
    void contactFormWithoutReferenceIsAlwaysNew() {
        ticket(1010, TicketStatus.OPEN, NOW, "liisa@example.fi");
        assertThat(engine.decide(new IncomingMessage(Channel.CONTACT_FORM, "liisa@example.fi", "form:1", List.of(),
                List.of())).opensNewTicket()).isTrue();
    }
}
