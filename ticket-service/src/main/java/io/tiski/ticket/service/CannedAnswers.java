package io.tiski.ticket.service;

import io.tiski.ticket.repository.CannedAnswer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The prepared replies of the helpdesk. Their placeholders ({@code {{customer.name}}}, {@code {{field.order_number}}}
 * and the like, see docs/web-ui.md) are filled in the composer, where the agent sees and can edit the result
 * before sending.
 */
@ApplicationScoped
public class CannedAnswers {

    /** An answer as the API shows it. */
    public record Answer(String id, String title, String body, String language, String createdBy,
            Instant updatedAt) {
    }

    /** The answers whose title or text contains {@code text}, for {@code language} (and those for every language). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Answer> find(String text, String language) {
        StringBuilder where = new StringBuilder("1 = 1");
        io.quarkus.panache.common.Parameters params = new io.quarkus.panache.common.Parameters();
        if (text != null && !text.isBlank()) {
            where.append(" and (lower(title) like :text escape '\\' or lower(body) like :text escape '\\')");
            params.and("text", "%" + text.strip().toLowerCase(Locale.ROOT).replace("\\", "\\\\")
                    .replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (language != null && !language.isBlank()) {
            where.append(" and (language is null or language = :language)");
            params.and("language", language);
        }
        return CannedAnswer.<CannedAnswer>find(where + " order by lower(title), id", params).list().stream()
                .map(CannedAnswers::view).toList();
    }

    @Transactional
    public Answer save(UUID id, String title, String body, String language, String agent) {
        CannedAnswer answer;
        Instant now = Instant.now();
        if (id == null) {
            answer = new CannedAnswer();
            answer.id = UUID.randomUUID();
            answer.createdAt = now;
            answer.createdBy = agent;
        } else {
            answer = CannedAnswer.findById(id);
            if (answer == null) {
                throw new NotFoundException("No canned answer " + id);
            }
        }
        answer.title = title.strip();
        answer.body = body.strip();
        answer.language = language == null || language.isBlank() ? null : language;
        answer.updatedAt = now;
        if (id == null) {
            answer.persist();
        }
        return view(answer);
    }

    @Transactional
    public void delete(UUID id) {
        if (!CannedAnswer.deleteById(id)) {
            throw new NotFoundException("No canned answer " + id);
        }
    }

    private static Answer view(CannedAnswer a) {
        return new Answer(a.id.toString(), a.title, a.body, a.language, a.createdBy, a.updatedAt);
    }
}
