package io.tiski.ticket.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FaqSelectionTest {
    final List<FaqSelection.Candidate> snippets = List.of(
            new FaqSelection.Candidate("delivery", List.of("toimitus", "paket", "seuranta"), Set.of(), 1),
            new FaqSelection.Candidate("returns", List.of("palautu", "palauta"), Set.of("WRONG_SIZE"), 2),
            new FaqSelection.Candidate("payment", List.of("lasku", "maksu"), Set.of(), 3),
            new FaqSelection.Candidate("sizes", List.of("koko"), Set.of("WRONG_SIZE"), 4));

    @Test
    void keywordsMatchTheStartOfTheCustomersWords() {
        assertThat(FaqSelection.choose(snippets, "Missä pakettini on? Toimitusaika oli 3 päivää.", null, 3))
                .containsExactly("delivery");
    }

    @Test
    void moreMatchingKeywordsRankFirstAndTheLimitHolds() {
        assertThat(FaqSelection.choose(snippets, "Haluan palauttaa paketin, lasku ja maksu ovat väärin", null, 2))
                .containsExactly("payment", "delivery");
    }

    @Test
    void theReasonPickedInAFormCounts() {
        assertThat(FaqSelection.choose(snippets, "Liian pienet", "WRONG_SIZE", 3)).containsExactly("returns",
                "sizes");
    }

    @Test
    void nothingMatchingMeansNoAnswers() {
        assertThat(FaqSelection.choose(snippets, "Hei!", null, 3)).isEmpty();
    }
}
