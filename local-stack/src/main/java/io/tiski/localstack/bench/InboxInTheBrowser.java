package io.tiski.localstack.bench;

import io.tiski.infrastructure.PostgresServer;
import io.tiski.infrastructure.testing.Browser;
import io.tiski.localstack.LocalStack;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * How long the inbox takes in a real browser on a large helpdesk: from navigation start (a fresh page load: the
 * modules, the session, the saved views and the first page of tickets) to the first page drawn, as the page itself
 * records it ({@code data-inbox-first-page-ms}), then each view switched to within the loaded page.
 *
 * <pre>./tiski bench inbox-ui 1000000 20     # tickets, page loads per view</pre>
 */
public final class InboxInTheBrowser {
    private InboxInTheBrowser() {
    }

    public static void main(String[] args) throws Exception {
        int tickets = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int loads = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        String token = "bench-token-" + UUID.randomUUID();
        try (LocalStack stack = LocalStack.start(LocalStack.Settings.throwaway("bench", token),
                System.out::println)) {
            PostgresServer.Database db = stack.database("tiski_ticket");
            long started = System.nanoTime();
            InboxLatency.load(db, tickets, 5);
            System.out.printf("Loaded %,d tickets in %d s%n", tickets, (System.nanoTime() - started) / 1_000_000_000L);
            String base = stack.service(LocalStack.TICKET).url();
            Map<String, String> views = new LinkedHashMap<>();
            views.put("all open (default)", "#/inbox/open");
            views.put("unassigned", "#/inbox/unassigned");
            views.put("SLA breached", "#/inbox/breached");
            views.put("due soon", "#/inbox/due-soon");
            views.put("search: one word", "#/inbox/search?q=reklamaatio");
            try (Browser browser = Browser.start(Browser.DESKTOP, "en")) {
                browser.signInToWorkspace(base, "admin", LocalStack.EPHEMERAL_ADMIN_PASSWORD);
                ChromeDriver driver = browser.driver();
                System.out.printf("%n%s, %,d tickets, %d page loads per view after 3 warm-up loads%n%n"
                        + "| view | p50 | p95 | max |%n| --- | --- | --- | --- |%n", System.getProperty("os.name"),
                        tickets, loads);
                for (Map.Entry<String, String> view : views.entrySet()) {
                    List<Long> millis = new ArrayList<>();
                    for (int i = 0; i < loads + 3; i++) {
                        driver.get(base + "/?load=" + i + view.getValue());
                        Browser.waitFor(() -> driver.executeScript(
                                "return document.body.dataset.inboxFirstPageMs") != null, view.getKey());
                        long ms = Long.parseLong(String.valueOf(driver.executeScript(
                                "return document.body.dataset.inboxFirstPageMs")));
                        if (i >= 3) {
                            millis.add(ms);
                        }
                    }
                    Collections.sort(millis);
                    System.out.printf("| %s | %d ms | %d ms | %d ms |%n", view.getKey(),
                            Latencies.percentile(millis, 50), Latencies.percentile(millis, 95),
                            millis.get(millis.size() - 1));
                }
            }
        }
    }
}
