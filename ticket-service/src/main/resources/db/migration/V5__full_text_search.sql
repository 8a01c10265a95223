-- Full-text search over messages, stemmed in the message's own language (Finnish, Swedish, English).

CREATE FUNCTION tiski_text_config(language text) RETURNS regconfig
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE language
        WHEN 'fi' THEN 'pg_catalog.finnish'::regconfig
        WHEN 'sv' THEN 'pg_catalog.swedish'::regconfig
        WHEN 'en' THEN 'pg_catalog.english'::regconfig
        ELSE 'pg_catalog.simple'::regconfig
    END
$$;

ALTER TABLE ticket_message ADD COLUMN search_vector tsvector;

CREATE FUNCTION tiski_message_search_vector() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_vector :=
        setweight(to_tsvector(tiski_text_config(NEW.language), coalesce(NEW.subject, '')), 'A')
        || setweight(to_tsvector(tiski_text_config(NEW.language), coalesce(NEW.text_body, '')), 'B')
        -- the words as written too, so a query in another language than the message still finds it
        || setweight(to_tsvector('pg_catalog.simple', coalesce(NEW.subject, '') || ' ' || coalesce(NEW.text_body, '')), 'D');
    RETURN NEW;
END
$$;

CREATE TRIGGER ticket_message_search_vector
    BEFORE INSERT OR UPDATE OF subject, text_body, language ON ticket_message
    FOR EACH ROW EXECUTE FUNCTION tiski_message_search_vector();

UPDATE ticket_message SET language = language;

CREATE INDEX ticket_message_search_idx ON ticket_message USING gin (search_vector);

-- Does a message match a search the agent typed? Tried in each language's stemming, as the agent's
-- language need not be the customer's.
CREATE FUNCTION tiski_matches(search_vector tsvector, query text) RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT search_vector @@ websearch_to_tsquery('pg_catalog.finnish', query)
        OR search_vector @@ websearch_to_tsquery('pg_catalog.swedish', query)
        OR search_vector @@ websearch_to_tsquery('pg_catalog.english', query)
        OR search_vector @@ websearch_to_tsquery('pg_catalog.simple', query)
$$;
