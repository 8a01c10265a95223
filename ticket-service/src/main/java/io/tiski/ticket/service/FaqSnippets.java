package io.tiski.ticket.service;

import io.tiski.events.v1.FaqAnswer;
import io.tiski.ticket.domain.FaqSelection;
import io.tiski.ticket.repository.FaqSnippet;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The FAQ snippets team leads maintain, and the choice of those that answer a new ticket. */
@ApplicationScoped
public class FaqSnippets {
    static final int PER_ACKNOWLEDGEMENT = 3;
    /** How long another replica's change may take to reach this one's acknowledgements. */
    private static final java.time.Duration CACHE_TIME = java.time.Duration.ofSeconds(5);

    /** A language's active snippets as a new ticket's acknowledgement chooses from them. */
    private record Active(Map<String, FaqSnippet> byId, List<FaqSelection.Candidate> candidates, Instant readAt) {
    }

    /** Read once per language per few seconds rather than once per new ticket; a change here forgets them. */
    private final Map<String, Active> active = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();
    private final jakarta.transaction.TransactionSynchronizationRegistry transactions;

    FaqSnippets(jakarta.transaction.TransactionSynchronizationRegistry transactions) {
        this.transactions = transactions;
    }

    /** A snippet as the API shows and takes it. */
    public record Snippet(String id, String language, String question, String answer, List<String> keywords,
            List<String> reasons, boolean active, int position) {
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Snippet> all() {
        return FaqSnippet.<FaqSnippet>find("order by language, position, question").list().stream()
                .map(FaqSnippets::view).toList();
    }

    @Transactional
    public Snippet save(UUID id, String language, String question, String answer, List<String> keywords,
            List<String> reasons, boolean active, int position) {
        FaqSnippet snippet = id == null ? null : FaqSnippet.findById(id);
        Instant now = Instant.now();
        boolean created = snippet == null;
        if (created) {
            if (id != null) {
                throw new NotFoundException("No FAQ snippet " + id);
            }
            snippet = new FaqSnippet();
            snippet.id = UUID.randomUUID();
            snippet.createdAt = now;
        }
        snippet.language = language;
        snippet.question = question.strip();
        snippet.answer = answer.strip();
        snippet.keywords = keywords.stream().map(k -> k.strip().toLowerCase(Locale.ROOT)).filter(k -> !k.isEmpty())
                .distinct().collect(Collectors.joining(","));
        snippet.reasons = reasons == null || reasons.isEmpty() ? null : String.join(",", reasons);
        snippet.active = active;
        snippet.position = position;
        snippet.updatedAt = now;
        if (created) {
            snippet.persist();
        }
        changed();
        return view(snippet);
    }

    @Transactional
    public void delete(UUID id) {
        if (!FaqSnippet.deleteById(id)) {
            throw new NotFoundException("No FAQ snippet " + id);
        }
        changed();
    }

    /** The answers for a new ticket in the customer's language, best first. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<FaqAnswer> forTicket(String language, String text, String formReason) {
        Active snippets = active(language);
        return FaqSelection.choose(snippets.candidates(), text, formReason, PER_ACKNOWLEDGEMENT).stream()
                .map(snippets.byId()::get).map(s -> new FaqAnswer(s.question, s.answer)).toList();
    }

    private Active active(String language) {
        String key = language == null ? "" : language;
        Active cached = active.get(key);
        Instant now = Instant.now();
        if (cached != null && cached.readAt().plus(CACHE_TIME).isAfter(now)) {
            return cached;
        }
        long before = generation.get();
        List<FaqSnippet> snippets = FaqSnippet.<FaqSnippet>find("language = ?1 and active = true", language).list();
        List<FaqSelection.Candidate> candidates = snippets.stream().map(s -> new FaqSelection.Candidate(
                s.id.toString(), split(s.keywords), Set.copyOf(split(s.reasons)), s.position)).toList();
        Active read = new Active(snippets.stream().collect(Collectors.toUnmodifiableMap(s -> s.id.toString(),
                Function.identity())), candidates, now);
        // snippets read while a change was committing are used once but not kept
        if (generation.get() == before) {
            active.put(key, read);
        }
        return read;
    }

    /** Forgets the cached snippets now and again once the changing transaction has ended. */
    private void changed() {
        generation.incrementAndGet();
        active.clear();
        TransactionEnd.then(transactions, () -> {
            generation.incrementAndGet();
            active.clear();
        });
    }

    private static List<String> split(String commaSeparated) {
        return commaSeparated == null || commaSeparated.isBlank() ? List.of()
                : Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(v -> !v.isEmpty()).toList();
    }

    private static Snippet view(FaqSnippet s) {
        return new Snippet(s.id.toString(), s.language, s.question, s.answer, split(s.keywords), split(s.reasons),
                s.active, s.position);
    }
}
