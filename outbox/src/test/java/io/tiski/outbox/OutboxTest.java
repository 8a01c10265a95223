package io.tiski.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutboxTest {
    @Test
    void anEventWrittenInsideATraceCarriesItsTraceparent() {
        SpanContext span = SpanContext.create("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7",
                TraceFlags.getSampled(), TraceState.getDefault());
        try (Scope scope = Context.root().with(Span.wrap(span)).makeCurrent()) {
            assertThat(Outbox.withTraceContext(Map.of("ce_id", "e-1"))).containsEntry("ce_id", "e-1")
                    .containsEntry("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        }
    }

    @Test
    void anEventWrittenOutsideATraceHasOnlyItsOwnHeaders() {
        assertThat(Outbox.withTraceContext(Map.of("ce_id", "e-2"))).containsOnlyKeys("ce_id");
    }
}
