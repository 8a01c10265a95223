-- A send the mail server put off (a 4xx reply, no connection, a timeout, a refused login) waits in the ledger for
-- its next attempt instead of holding a sender: next_attempt_at is when it is due (and, while an attempt runs, when
-- that attempt counts as abandoned), deferred_since when the server first put it off (the request fails once it
-- waited longer than tiski.notifications.deferred.give-up-after), request the request as it was consumed.
-- A row with next_attempt_at set belongs to the schedule (DeferredSends); a Kafka redelivery leaves it alone.
ALTER TABLE outbound_delivery
    ADD COLUMN next_attempt_at timestamptz,
    ADD COLUMN deferred_since  timestamptz,
    ADD COLUMN request         bytea;
CREATE INDEX outbound_delivery_due_idx ON outbound_delivery (next_attempt_at) WHERE next_attempt_at IS NOT NULL;
