package io.tiski.ticket.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.UUID;

/** One date of a calendar with hours other than the usual ones; empty hours mean closed. */
@Entity
@Table(name = "calendar_exception")
public class StoredCalendarException extends PanacheEntityBase {

    @Embeddable
    public record Key(UUID calendarId, LocalDate day) implements Serializable {
    }

    @EmbeddedId
    public Key key;
    public String label;
    public String openingHours;
    /** MANUAL or ICALENDAR. */
    public String source;
}
