package io.tiski.ticket.domain;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Guesses whether a short customer message is Finnish, Swedish or English from its most common words. Good
 * enough to pick the acknowledgement's language; the customer's profile or the form's language wins when known.
 */
public final class LanguageGuess {
    private static final Map<String, Set<String>> COMMON_WORDS = Map.of(
            "fi", Set.of("ja", "on", "ei", "että", "se", "hei", "kiitos", "tilaus", "tilaukseni", "olen", "oli",
                    "mutta", "kun", "voitteko", "voisitteko", "minun", "mitä", "miten", "tuote", "paketti", "vielä",
                    "moi", "terveisin", "saapunut", "palautus"),
            "sv", Set.of("och", "är", "det", "jag", "inte", "att", "en", "hej", "tack", "min", "beställning",
                    "har", "kan", "ni", "med", "för", "vänliga", "hälsningar", "paket", "retur", "mitt"),
            "en", Set.of("the", "and", "is", "not", "my", "order", "hello", "hi", "thanks", "thank", "you", "have",
                    "can", "please", "with", "for", "regards", "package", "return", "was", "received"));
    private static final Pattern WORD = Pattern.compile("[\\p{L}]+");

    /** @return fi, sv or en, or {@code fallback} when the text gives no signal */
    public static String of(String text, String fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        Map<String, Integer> scores = new java.util.HashMap<>();
        var matcher = WORD.matcher(text.toLowerCase(Locale.ROOT));
        int words = 0;
        while (matcher.find() && words < 400) {
            words++;
            String word = matcher.group();
            COMMON_WORDS.forEach((language, common) -> {
                if (common.contains(word)) {
                    scores.merge(language, 1, Integer::sum);
                }
            });
        }
        if (text.matches("(?s).*[äöÄÖ].*") && !text.matches("(?s).*[åÅ].*")) {
            scores.merge("fi", 1, Integer::sum);
        }
        if (text.matches("(?s).*[åÅ].*")) {
            scores.merge("sv", 2, Integer::sum);
        }
        return scores.entrySet().stream().filter(e -> e.getValue() > 0)
                .max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(fallback);
    }

    private LanguageGuess() {
    }
}
