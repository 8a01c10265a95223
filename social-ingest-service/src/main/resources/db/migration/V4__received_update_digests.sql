-- The dedupe record of a platform message keeps only the SHA-256 of its id (which names the customer's chat),
-- so forgetting an erased customer need not forget that their old messages were already taken in.
UPDATE received_update SET dedupe_key = encode(sha256(convert_to(dedupe_key, 'UTF8')), 'hex')
    WHERE length(dedupe_key) <> 64 OR dedupe_key !~ '^[0-9a-f]+$';
