package io.tiski.ticket.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LanguageGuessTest {
    @Test
    void recognisesFinnishSwedishAndEnglish() {
        assertThat(LanguageGuess.of("Hei, tilaukseni ei ole vielä saapunut. Voitteko tarkistaa?", "en")).isEqualTo("fi");
        assertThat(LanguageGuess.of("Hej, min beställning har inte kommit. Vänliga hälsningar", "en")).isEqualTo("sv");
        assertThat(LanguageGuess.of("Hello, my order has not been received yet. Thanks", "fi")).isEqualTo("en");
    }

    @Test
    void fallsBackWhenTheTextSaysNothing() {
        assertThat(LanguageGuess.of("12345 !!!", "sv")).isEqualTo("sv");
        assertThat(LanguageGuess.of(null, "fi")).isEqualTo("fi");
    }
}
