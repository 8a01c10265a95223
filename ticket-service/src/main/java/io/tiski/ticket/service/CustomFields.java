package io.tiski.ticket.service;

import io.tiski.ticket.repository.CustomField;
import io.tiski.ticket.repository.TicketLabels.FieldValue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Fields admins add to tickets (order number, product, refund amount, purchase date…), and their values. */
@ApplicationScoped
public class CustomFields {
    /** What a field holds. */
    public enum Kind {
        TEXT, NUMBER, DATE, ENUM
    }

    static final int MAX_TEXT = 500;

    /** A field as the API shows and takes it. */
    public record Definition(String key, Kind kind, String labelFi, String labelSv, String labelEn,
            List<String> options, boolean active, int position) {
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Definition> all() {
        return CustomField.<CustomField>find("order by position, key").list().stream().map(CustomFields::view)
                .toList();
    }

    @Transactional
    public Definition save(String key, String kind, String labelFi, String labelSv, String labelEn,
            List<String> options, boolean active, int position) {
        String normal = normaliseKey(key);
        Kind parsedKind = parseKind(kind);
        List<String> cleanOptions = options == null ? List.of() : options.stream().map(String::strip)
                .filter(o -> !o.isEmpty()).distinct().toList();
        if (parsedKind == Kind.ENUM && cleanOptions.isEmpty()) {
            throw new IllegalArgumentException("an ENUM field needs at least one option");
        }
        if (parsedKind != Kind.ENUM && !cleanOptions.isEmpty()) {
            throw new IllegalArgumentException("only an ENUM field has options");
        }
        if (cleanOptions.stream().anyMatch(o -> o.contains("\n") || o.length() > 100)) {
            throw new IllegalArgumentException("an option is one line of at most 100 characters");
        }
        CustomField field = CustomField.findById(normal);
        Instant now = Instant.now();
        boolean created = field == null;
        if (created) {
            field = new CustomField();
            field.key = normal;
            field.createdAt = now;
        } else if (!field.kind.equals(parsedKind.name())) {
            throw new TicketConflictException("Field " + normal + " holds " + field.kind + " values; its kind cannot "
                    + "change. Retire it and define a new field instead.");
        }
        field.kind = parsedKind.name();
        field.labelFi = labelFi.strip();
        field.labelSv = labelSv.strip();
        field.labelEn = labelEn.strip();
        field.options = String.join("\n", cleanOptions);
        field.active = active;
        field.position = position;
        field.updatedAt = now;
        if (created) {
            field.persist();
        }
        return view(field);
    }

    /** Retires a field: tickets keep their values, agents can no longer set it. */
    @Transactional
    public Definition retire(String key) {
        CustomField field = CustomField.findById(normaliseKey(key));
        if (field == null) {
            throw new NotFoundException("No custom field " + key);
        }
        field.active = false;
        field.updatedAt = Instant.now();
        return view(field);
    }

    /** The defined field with this key; a 400 naming the defined keys otherwise. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Definition definition(String key) {
        CustomField field = CustomField.findById(key == null ? "" : key.strip().toLowerCase(Locale.ROOT));
        if (field == null) {
            throw new IllegalArgumentException("no custom field '" + key + "'; defined: " + CustomField
                    .<CustomField>find("order by key").list().stream().map(f -> f.key).toList());
        }
        return view(field);
    }

    /** Parses a value an agent gave for a field, or says precisely why it is not one. */
    public static FieldValue parse(Definition field, String given) {
        String value = given.strip();
        String what = "field " + field.key() + " (" + field.kind() + ")";
        return switch (field.kind()) {
            case TEXT -> {
                if (value.length() > MAX_TEXT) {
                    throw new IllegalArgumentException(what + " takes at most " + MAX_TEXT + " characters");
                }
                yield new FieldValue(value, null, null);
            }
            case NUMBER -> {
                try {
                    yield new FieldValue(null, new BigDecimal(value.replace(',', '.')), null);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(what + " takes a number such as 49.90, not '" + given + "'");
                }
            }
            case DATE -> {
                try {
                    yield new FieldValue(null, null, LocalDate.parse(value));
                } catch (java.time.format.DateTimeParseException e) {
                    throw new IllegalArgumentException(what + " takes a date such as 2026-11-27, not '" + given + "'");
                }
            }
            case ENUM -> {
                String option = field.options().stream().filter(o -> o.equalsIgnoreCase(value)).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException(what + " must be one of " + field.options()
                                + ", not '" + given + "'"));
                yield new FieldValue(option, null, null);
            }
        };
    }

    static String normaliseKey(String key) {
        String normal = key == null ? "" : key.strip().toLowerCase(Locale.ROOT).replace('-', '_');
        if (!normal.matches("[a-z][a-z0-9_]{0,59}")) {
            throw new IllegalArgumentException("a custom field key is a letter, then letters, digits and _ "
                    + "(e.g. order_number), not '" + key + "'");
        }
        return normal;
    }

    private static Kind parseKind(String kind) {
        try {
            return Kind.valueOf(kind == null ? "" : kind.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("kind must be one of " + Arrays.toString(Kind.values()) + ", not '"
                    + kind + "'");
        }
    }

    private static Definition view(CustomField f) {
        return new Definition(f.key, Kind.valueOf(f.kind), f.labelFi, f.labelSv, f.labelEn,
                f.options == null || f.options.isEmpty() ? List.of() : List.of(f.options.split("\n")), f.active,
                f.position);
    }
}
