package io.tiski.emailingest.service;

import java.util.List;

/** A form the customer must correct: each refusal names the field and says what is wrong. */
public class FormRejectedException extends RuntimeException {
    private final List<FormFiles.Refusal> refusals;

    public FormRejectedException(List<FormFiles.Refusal> refusals) {
        super(refusals.stream().map(r -> r.field() + ": " + r.message()).reduce((a, b) -> a + "; " + b).orElse(""));
        this.refusals = List.copyOf(refusals);
    }

    public List<FormFiles.Refusal> refusals() {
        return refusals;
    }
}
