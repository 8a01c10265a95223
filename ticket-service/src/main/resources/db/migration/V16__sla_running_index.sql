-- "Due soon": running clocks by due time. The general SLA index starts with every breached ticket (due earlier),
-- which this view skips one by one; at 1 000 000 tickets that cost it 40-60 ms (docs/benchmarks.md).
CREATE INDEX ticket_sla_running_idx ON ticket (sla_due_at ASC NULLS LAST, id ASC) WHERE sla_state = 'RUNNING';
