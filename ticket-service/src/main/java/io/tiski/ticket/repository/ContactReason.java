package io.tiski.ticket.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One code of the managed list of contact reasons, with its name in each language. */
@Entity
@Table(name = "contact_reason")
public class ContactReason extends PanacheEntityBase {
    @Id
    public String code;
    public String labelFi;
    public String labelSv;
    public String labelEn;
    public boolean active;
    public int position;
    public Instant createdAt;
    public Instant updatedAt;
}
