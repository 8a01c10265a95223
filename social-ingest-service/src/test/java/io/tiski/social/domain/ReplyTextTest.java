package io.tiski.social.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReplyTextTest {
    @Test
    void shortTextIsOneMessage() {
        assertThat(ReplyText.split("  Kiitos!  ", 1000)).containsExactly("Kiitos!");
        assertThat(ReplyText.split("   ", 1000)).isEmpty();
    }

    @Test
    void longTextIsCutAtParagraphsThenLinesThenWordsAndNothingIsLost() {
        String paragraph = "sana ".repeat(150).strip(); // 749 characters
        List<String> parts = ReplyText.split(paragraph + "\n\n" + paragraph, 1000);
        assertThat(parts).containsExactly(paragraph, paragraph);
        List<String> words = ReplyText.split("sana ".repeat(500).strip(), 1000);
        assertThat(words).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(1000));
        assertThat(String.join(" ", words)).isEqualTo("sana ".repeat(500).strip());
    }

    @Test
    void aWordLongerThanTheLimitIsCutWithoutBreakingCharacters() {
        String emoji = "😀".repeat(1500);
        List<String> parts = ReplyText.split(emoji, 1000);
        assertThat(parts).hasSize(2);
        assertThat(parts.get(0).codePointCount(0, parts.get(0).length())).isEqualTo(1000);
        assertThat(String.join("", parts)).isEqualTo(emoji);
    }
}
