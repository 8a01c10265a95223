package io.tiski.ticket.repository;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.Column;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The plain inserts of the message path write the same tables as the entities (ADR 0006): a field added to
 * {@link Ticket}, {@link TicketMessage} or {@link TicketAttachment} must be written by them too, or named here as
 * one a new row never has.
 */
class TicketRowsColumnsTest {

    @Test
    void aNewTicketsInsertHasEveryColumnOfTheEntityButThoseOnlyAgentsSet() {
        assertThat(columnsOf(TicketRows.INSERT_TICKET)).containsExactlyInAnyOrderElementsOf(
                persistentColumns(Ticket.class, Set.of("merged_into", "split_from", "contact_reason")));
    }

    @Test
    void aMessagesInsertHasEveryColumnOfTheEntity() {
        assertThat(columnsOf(TicketRows.INSERT_MESSAGE)).containsExactlyInAnyOrderElementsOf(
                persistentColumns(TicketMessage.class, Set.of()));
    }

    @Test
    void anAttachmentsInsertHasEveryColumnOfTheEntity() {
        assertThat(columnsOf(TicketRows.INSERT_ATTACHMENT)).containsExactlyInAnyOrderElementsOf(
                persistentColumns(TicketAttachment.class, Set.of()));
    }

    @Test
    void everyColumnHasItsValue() {
        for (String insert : List.of(TicketRows.INSERT_TICKET, TicketRows.INSERT_MESSAGE,
                TicketRows.INSERT_ATTACHMENT)) {
            assertThat(valuesOf(insert)).as(insert).hasSameSizeAs(columnsOf(insert)).allMatch(value -> value
                    .equals("?") || value.equals("nextval('ticket_number_seq')"));
        }
        assertThat(valuesOf(TicketRows.INSERT_TICKET).get(columnsOf(TicketRows.INSERT_TICKET).indexOf("number")))
                .as("a new ticket's number").isEqualTo("nextval('ticket_number_seq')");
    }

    private static List<String> valuesOf(String insert) {
        Matcher m = Pattern.compile("VALUES \\((.*)\\)").matcher(insert.replace(" RETURNING number", ""));
        assertThat(m.find()).isTrue();
        return Arrays.stream(m.group(1).split(",")).map(String::strip).toList();
    }

    private static List<String> columnsOf(String insert) {
        Matcher m = Pattern.compile("INSERT INTO \\w+ \\(([^)]*)\\)").matcher(insert);
        assertThat(m.find()).isTrue();
        return Arrays.stream(m.group(1).split(",")).map(String::strip).toList();
    }

    /** The entity's mapped fields, as Hibernate names their columns, without those it never writes. */
    private static List<String> persistentColumns(Class<?> entity, Set<String> neverOnANewRow) {
        return Arrays.stream(entity.getDeclaredFields())
                .filter(f -> Modifier.isPublic(f.getModifiers()) && !Modifier.isStatic(f.getModifiers()))
                .filter(f -> !isReadOnly(f))
                .map(f -> f.getName().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT))
                .filter(c -> !neverOnANewRow.contains(c)).toList();
    }

    private static boolean isReadOnly(Field f) {
        Column column = f.getAnnotation(Column.class);
        return column != null && !column.insertable();
    }
}
