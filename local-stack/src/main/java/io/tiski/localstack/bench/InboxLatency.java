package io.tiski.localstack.bench;

import io.tiski.infrastructure.PostgresServer;
import io.tiski.localstack.LocalStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The inbox API on a generated data set: {@code tickets} tickets (default 1 000 000) with
 * {@code messages-per-ticket} messages each (default 5), loaded straight into the ticket database, then each
 * default view, the counts and full-text search requested one after another through the real HTTP API.
 * {@code ./tiski bench inbox [tickets] [messages-per-ticket] [requests-per-view]}
 */
public final class InboxLatency {
    private static final String WORDS = "'{tilaus,toimitus,paketti,palautus,takki,kengät,koko,hyvitys,lasku,"
            + "maksu,kuitti,seuranta,vaihto,reklamaatio,viallinen,rikki,myöhässä,kiitos,hei,terveisin,order,"
            + "delivery,parcel,return,refund,jacket,shoes,size,invoice,payment,tracking,exchange,broken,late,"
            + "thanks,hello,beställning,leverans,paket,retur,återbetalning,jacka,skor,storlek,faktura,betalning,"
            + "spårning,byte,trasig,sen,tack,hej,asiakas,tuote,väri,musta,sininen,punainen,villapaita,housut,"
            + "mekko,laukku,kampanja,alennus,koodi,black,friday,joulu,lahja,kortti,verkkokauppa,nouto,posti,"
            + "matkahuolto,pakettiautomaatti,kotiinkuljetus,osoite,puhelin,sähköposti,tili,salasana,kirjautuminen}'";

    private static final int WORD_COUNT = WORDS.split(",").length;

    public static void main(String[] args) throws Exception {
        int tickets = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int perTicket = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int requests = args.length > 2 ? Integer.parseInt(args[2]) : 300;
        String token = "bench-token-" + UUID.randomUUID();
        try (LocalStack stack = LocalStack.start(LocalStack.Settings.throwaway("bench", token),
                System.out::println)) {
            PostgresServer.Database db = stack.database("tiski_ticket");
            long started = System.nanoTime();
            load(db, tickets, perTicket);
            System.out.printf("Loaded %,d tickets and %,d messages in %d s%n", tickets, (long) tickets * perTicket,
                    (System.nanoTime() - started) / 1_000_000_000L);
            String base = stack.service(LocalStack.TICKET).url() + "/api/v1/tickets";
            Map<String, String> views = new LinkedHashMap<>();
            views.put("all open (default)", base + "?status=NEW,OPEN&limit=50");
            views.put("unassigned", base + "?status=NEW,OPEN&assignee=unassigned&limit=50");
            views.put("mine", base + "?status=NEW,OPEN,PENDING&assignee=agent-7&limit=50");
            views.put("team", base + "?status=NEW,OPEN&team=returns&limit=50");
            views.put("SLA: soonest due", base + "?status=NEW,OPEN&sort=sla&limit=50");
            views.put("SLA: breached", base + "?sla=breached&limit=50");
            views.put("SLA: due soon", base + "?sla=due-soon&sort=sla&limit=50");
            views.put("recent activity", base + "?sort=last-message&limit=50");
            views.put("tag", base + "?status=NEW,OPEN&tag=vip&limit=50");
            views.put("custom field (order number)", base + "?field.order_number=A-424242&limit=50");
            views.put("counts per status", base + "/counts");
            views.put("search: one word", base + "?q=reklamaatio&limit=50");
            views.put("search: two words", base + "?q=takki%20myöhässä&limit=50");
            views.put("search: rare word (20 tickets)", base + "?q=harvinainen&limit=50");
            views.put("search: customer address", base + "?q=customer4242%40example.fi&limit=50");
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            System.out.printf("%n| view | requests | p50 | p95 | p99 | max |%n| --- | --- | --- | --- | --- | --- |%n");
            for (Map.Entry<String, String> view : views.entrySet()) {
                HttpRequest request = HttpRequest.newBuilder(URI.create(view.getValue()))
                        .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).GET().build();
                for (int i = 0; i < 20; i++) {
                    send(http, request);
                }
                List<Long> micros = new ArrayList<>();
                for (int i = 0; i < requests; i++) {
                    long t0 = System.nanoTime();
                    send(http, request);
                    micros.add((System.nanoTime() - t0) / 1_000);
                }
                Collections.sort(micros);
                System.out.printf("| %s | %d | %s | %s | %s | %s |%n", view.getKey(), requests,
                        ms(Latencies.percentile(micros, 50)), ms(Latencies.percentile(micros, 95)),
                        ms(Latencies.percentile(micros, 99)),
                        ms(micros.get(micros.size() - 1)));
            }
        }
    }

    private static void send(HttpClient http, HttpRequest request) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(request.uri() + " answered " + response.statusCode() + ": "
                    + response.body());
        }
    }

    /** Generates the data set inside PostgreSQL, in batches with progress. */
    static void load(PostgresServer.Database db, int tickets, int perTicket) throws Exception {
        int customers = Math.max(1, tickets / 5);
        int batch = 100_000;
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                Statement st = c.createStatement()) {
            st.execute("SET synchronous_commit = off");
            System.out.printf("Generating %,d customers…%n", customers);
            st.executeUpdate("INSERT INTO customer (id, display_name, language, created_at) SELECT md5('c' || g)"
                    + "::uuid, 'Customer ' || g, (ARRAY['fi','sv','en'])[1 + g % 3], now() - interval '3 years' "
                    + "FROM generate_series(0, " + (customers - 1) + ") g");
            st.executeUpdate("INSERT INTO customer_identity (id, customer_id, channel, address, created_at) SELECT "
                    + "md5('i' || g)::uuid, md5('c' || g)::uuid, 'EMAIL', 'customer' || g || '@example.fi', "
                    + "now() - interval '3 years' FROM generate_series(0, " + (customers - 1) + ") g");
            st.executeUpdate("INSERT INTO custom_field (key, kind, label_fi, label_sv, label_en, options, active, "
                    + "position, created_at, updated_at) VALUES ('order_number', 'TEXT', 'Tilausnumero', "
                    + "'Ordernummer', 'Order number', '', true, 1, now(), now()) ON CONFLICT DO NOTHING");
            for (int from = 0; from < tickets; from += batch) {
                int to = Math.min(tickets, from + batch) - 1;
                // ticket g was created (tickets - g) * 2 years / tickets ago: the newest ticket has the highest g
                st.executeUpdate("INSERT INTO ticket (id, number, subject, channel, status, priority, type, "
                        + "customer_id, conversation_key, language, assignee, brand, team, created_at, updated_at, "
                        + "last_message_at, status_changed_at, sla_state, sla_due_at) SELECT md5('t' || g)::uuid, "
                        + "10000000 + g, 'Tilaus ' || g || ': ' || (" + WORDS + "::text[])[1 + (hashint4(g) & 65535) % " + WORD_COUNT + "], "
                        + "(ARRAY['EMAIL','EMAIL','EMAIL','CONTACT_FORM','RETURN_FORM','MESSENGER','INSTAGRAM',"
                        + "'WHATSAPP','TELEGRAM','PHONE'])[1 + g % 10], s.status, (ARRAY['LOW','NORMAL','NORMAL',"
                        + "'NORMAL','HIGH','URGENT'])[1 + g % 6], (ARRAY['QUESTION','RETURN','COMPLAINT',"
                        + "'ORDER_CHANGE'])[1 + g % 4], md5('c' || (g % " + customers + "))::uuid, 'email:bench-' || g, "
                        + "(ARRAY['fi','sv','en'])[1 + g % 3], CASE WHEN s.status IN ('CLOSED','SOLVED') OR g % 5 = 0 "
                        + "THEN NULL ELSE 'agent-' || (g % 50) END, 'shop', (ARRAY['support','sales','returns'])"
                        + "[1 + g % 3], t.created, t.created + interval '2 hours', t.created + interval '1 hour', "
                        + "t.created + interval '2 hours', CASE WHEN s.status IN ('NEW','OPEN') THEN CASE WHEN "
                        + "t.created + interval '1 day' > now() THEN 'RUNNING' ELSE 'BREACHED' END WHEN s.status = "
                        + "'PENDING' THEN 'PAUSED' END, CASE WHEN s.status IN ('NEW','OPEN') THEN t.created + "
                        + "interval '1 day' END FROM generate_series(" + from + ", " + to + ") g, LATERAL (SELECT "
                        + "now() - ((" + tickets + " - g)::float8 / " + tickets + ") * interval '730 days' AS "
                        + "created) t, LATERAL (SELECT CASE WHEN t.created > now() - interval '2 days' THEN "
                        + "(ARRAY['NEW','OPEN','OPEN','PENDING','ON_HOLD'])[1 + g % 5] WHEN t.created > now() - "
                        + "interval '30 days' THEN (ARRAY['OPEN','PENDING','SOLVED','SOLVED','CLOSED'])[1 + g % 5] "
                        + "ELSE CASE WHEN g % 97 = 0 THEN 'OPEN' ELSE 'CLOSED' END END AS status) s");
                st.executeUpdate("INSERT INTO ticket_message (id, ticket_id, direction, kind, channel, "
                        + "source_message_id, author_address, subject, text_body, new_text, language, classification, "
                        + "threading_reason, received_at, created_at) SELECT md5('m' || g || '-' || k)::uuid, "
                        + "md5('t' || g)::uuid, CASE WHEN k % 2 = 1 THEN 'INBOUND' ELSE 'OUTBOUND' END, CASE WHEN "
                        + "k % 2 = 1 THEN 'CUSTOMER_MESSAGE' ELSE 'AGENT_REPLY' END, 'EMAIL', 'bench-' || g || '-' "
                        + "|| k || '@example.fi', 'customer' || (g % " + customers + ") || '@example.fi', "
                        + "'Tilaus ' || g, w.body || CASE WHEN k = 1 AND g % 50000 = 0 THEN ' harvinainen' ELSE '' END, w.body, "
                        + "(ARRAY['fi','sv','en'])[1 + g % 3], CASE WHEN k % 2 = 1 "
                        + "THEN 'PERSON' END, 'Generated', now() - ((" + tickets + " - g)::float8 / " + tickets
                        + ") * interval '730 days' + k * interval '10 minutes', now() - ((" + tickets
                        + " - g)::float8 / " + tickets + ") * interval '730 days' + k * interval '10 minutes' "
                        + "FROM generate_series(" + from + ", " + to + ") g, generate_series(1, " + perTicket
                        + ") k, LATERAL (SELECT string_agg((" + WORDS + "::text[])[1 + (hashint4(g * 31 + k * 7 "
                        + "+ i) & 65535) % " + WORD_COUNT + "], ' ') AS body FROM generate_series(1, 20 + k + 0 * g) i) w");
                // one ticket in ten has a tag, every other one an order number
                st.executeUpdate("INSERT INTO ticket_tag (ticket_id, tag) SELECT md5('t' || g)::uuid, "
                        + "(ARRAY['vip','damaged','black-friday','gift'])[1 + (g / 10) % 4] FROM generate_series("
                        + from + ", " + to + ") g WHERE g % 10 = 0");
                st.executeUpdate("INSERT INTO ticket_field_value (ticket_id, field_key, text_value) SELECT "
                        + "md5('t' || g)::uuid, 'order_number', 'A-' || g FROM generate_series(" + from + ", " + to
                        + ") g WHERE g % 2 = 0");
                System.out.printf("  %,d / %,d tickets%n", to + 1, tickets);
            }
            st.execute("SELECT setval('ticket_number_seq', " + (10_000_000L + tickets) + ")");
            // as in a database that grew over years: vacuumed and analysed. Left to autovacuum, the freshly written
            // rows were vacuumed in the middle of the measured run that follows, taking a third of a core from it
            System.out.println("Vacuuming and analysing (a few minutes)…");
            st.execute("VACUUM (ANALYZE)");
        }
    }

    static String ms(long micros) {
        return String.format(java.util.Locale.ROOT, "%.1f ms", micros / 1000.0);
    }

    private InboxLatency() {
    }
}
