package io.tiski.ticket.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A frequent question and its answer in one language, with the words and form reasons that call for it. */
@Entity
@Table(name = "faq_snippet")
public class FaqSnippet extends PanacheEntityBase {
    @Id
    public UUID id;
    public String language;
    public String question;
    public String answer;
    /** Comma-separated, lower case. */
    public String keywords;
    /** Comma-separated return-form reasons, or null. */
    public String reasons;
    public boolean active;
    public int position;
    public Instant createdAt;
    public Instant updatedAt;
}
