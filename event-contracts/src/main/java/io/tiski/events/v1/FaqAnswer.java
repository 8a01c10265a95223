package io.tiski.events.v1;

/** A frequent question and its answer, chosen for a ticket to go into its acknowledgement. */
public record FaqAnswer(String question, String answer) {
}
