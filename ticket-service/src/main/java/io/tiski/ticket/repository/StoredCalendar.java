package io.tiski.ticket.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A business calendar as stored; its exceptions are {@link StoredCalendarException} rows. */
@Entity
@Table(name = "business_calendar")
public class StoredCalendar extends PanacheEntityBase {
    @Id
    public UUID id;
    public String name;
    public String timeZone;
    /** JSON object: day of week to a list of "08:00-16:00" spans. */
    public String weeklyHours;
    /** Comma-separated holiday sets, e.g. "FI". */
    public String publicHolidays;
    public Instant createdAt;
    public Instant updatedAt;
}
