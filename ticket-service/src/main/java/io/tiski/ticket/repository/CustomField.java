package io.tiski.ticket.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A field admins add to tickets: text, number, date, or one of a list of options. */
@Entity
@Table(name = "custom_field")
public class CustomField extends PanacheEntityBase {
    @Id
    public String key;
    /** TEXT, NUMBER, DATE or ENUM. */
    public String kind;
    public String labelFi;
    public String labelSv;
    public String labelEn;
    /** For ENUM: the allowed values, one per line. */
    public String options;
    public boolean active;
    public int position;
    public Instant createdAt;
    public Instant updatedAt;
}
