package io.tiski.ticket.domain;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Chooses the frequent questions worth answering in an acknowledgement: those whose keywords the customer used
 * (a keyword matches the start of a word, so "toimitus" matches "toimitusaika" and "paket" matches "paketti"),
 * and those written for the reason the customer picked in a form. At most {@code limit}, best first.
 */
public final class FaqSelection {
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

    /** A snippet as the selection sees it. */
    public record Candidate(String id, List<String> keywords, Set<String> reasons, int position) {
    }

    private FaqSelection() {
    }

    public static List<String> choose(List<Candidate> candidates, String text, String formReason, int limit) {
        Set<String> words = WORD.matcher(text == null ? "" : text.toLowerCase(Locale.ROOT)).results()
                .map(m -> m.group()).collect(Collectors.toSet());
        record Scored(Candidate candidate, int score) {
        }
        return candidates.stream().map(c -> new Scored(c, score(c, words, formReason))).filter(s -> s.score() > 0)
                .sorted(Comparator.comparingInt(Scored::score).reversed()
                        .thenComparingInt(s -> s.candidate().position()))
                .limit(limit).map(s -> s.candidate().id()).toList();
    }

    private static int score(Candidate candidate, Set<String> words, String formReason) {
        int score = formReason != null && candidate.reasons().contains(formReason) ? 3 : 0;
        for (String keyword : candidate.keywords()) {
            String k = keyword.strip().toLowerCase(Locale.ROOT);
            if (!k.isEmpty() && words.stream().anyMatch(w -> w.startsWith(k))) {
                score++;
            }
        }
        return score;
    }
}
