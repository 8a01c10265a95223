package io.tiski.ticket.service;

import io.quarkus.security.identity.SecurityIdentity;
import io.tiski.ticket.repository.SavedView;
import io.tiski.ticket.security.Roles;
import io.tiski.ticket.security.TicketScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;

/** Inbox views agents save: for themselves, or shared with a team. */
@ApplicationScoped
public class SavedViews {
    static final int MAX_VIEWS_PER_AGENT = 100;

    private final SecurityIdentity identity;
    private final TicketScope scope;

    SavedViews(SecurityIdentity identity, TicketScope scope) {
        this.identity = identity;
        this.scope = scope;
    }

    /** A saved view as the API shows it. */
    public record View(String id, String name, String owner, String team, Map<String, List<String>> filters,
            String sort, int position, Instant updatedAt) {
    }

    /** The caller's own views, then those shared with the caller's teams (every team's for an admin). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<View> visible() {
        List<SavedView> views = scope.unrestricted()
                ? SavedView.<SavedView>find("owner = ?1 or team is not null order by team nulls first, position, name",
                        scope.agent()).list()
                : SavedView.<SavedView>find("owner = ?1 or team in ?2 order by team nulls first, position, name",
                        scope.agent(), scope.teams().isEmpty() ? List.of("") : scope.teams()).list();
        return views.stream().map(SavedViews::view).toList();
    }

    /**
     * Saves a view after checking its filters as the inbox would.
     *
     * @param check parses the filters and throws a 400 if they are not valid inbox filters
     */
    @Transactional
    public View create(String name, Map<String, List<String>> filters, String sort, String team, int position,
            Consumer<MultivaluedMap<String, String>> check) {
        if (SavedView.count("owner", scope.agent()) >= MAX_VIEWS_PER_AGENT) {
            throw new TicketConflictException("An agent has at most " + MAX_VIEWS_PER_AGENT + " saved views; delete "
                    + "one first");
        }
        SavedView view = new SavedView();
        view.id = UUID.randomUUID();
        view.owner = scope.agent();
        view.createdAt = Instant.now();
        fill(view, name, filters, sort, team, position, check);
        view.persist();
        return view(view);
    }

    @Transactional
    public View update(String id, String name, Map<String, List<String>> filters, String sort, String team,
            int position, Consumer<MultivaluedMap<String, String>> check) {
        SavedView view = editable(id);
        fill(view, name, filters, sort, team, position, check);
        return view(view);
    }

    @Transactional
    public void delete(String id) {
        editable(id).delete();
    }

    /** The query parameters of a view the caller can see, with the given ones (but {@code view}) replacing them. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public MultivaluedMap<String, String> withView(String id, MultivaluedMap<String, String> given) {
        SavedView view = visibleView(id);
        MultivaluedMap<String, String> params = decode(view.filters);
        if (view.sort != null) {
            params.putSingle("sort", view.sort);
        }
        given.forEach((name, values) -> {
            if (!name.equals("view")) {
                params.put(name, values);
            }
        });
        return params;
    }

    private void fill(SavedView view, String name, Map<String, List<String>> filters, String sort, String team,
            int position, Consumer<MultivaluedMap<String, String>> check) {
        MultivaluedMap<String, String> params = new MultivaluedHashMap<>();
        (filters == null ? Map.<String, List<String>>of() : filters).forEach((key, values) -> {
            if (key.equals("sort") || key.equals("cursor") || key.equals("limit") || key.equals("view")
                    || key.equals("includeClosed")) {
                throw new IllegalArgumentException("filters hold inbox filters only; '" + key + "' is not one");
            }
            params.put(key, values == null ? List.of() : values);
        });
        if (sort != null && !sort.isBlank()) {
            params.putSingle("sort", sort);
        }
        check.accept(params);
        params.remove("sort");
        String shared = team == null || team.isBlank() ? null : team.strip();
        if (shared != null && !scope.unrestricted() && !identity.hasRole(Roles.TEAM_LEAD)
                && !scope.teams().contains(shared)) {
            throw new ForbiddenException("A view can be shared only with a team you belong to; " + shared
                    + " is not one of " + scope.teams());
        }
        view.name = name.strip();
        view.filters = encode(params);
        view.sort = sort == null || sort.isBlank() ? null : sort.strip();
        view.team = shared;
        view.position = position;
        view.updatedAt = Instant.now();
    }

    private SavedView visibleView(String id) {
        SavedView view = find(id);
        boolean visible = view.owner.equals(scope.agent()) || (view.team != null
                && (scope.unrestricted() || scope.teams().contains(view.team)));
        if (!visible) {
            throw new NotFoundException("No saved view " + id);
        }
        return view;
    }

    /** The owner edits a view; a team's shared view also its team lead or an admin. */
    private SavedView editable(String id) {
        SavedView view = visibleView(id);
        if (!view.owner.equals(scope.agent()) && !scope.unrestricted() && !identity.hasRole(Roles.TEAM_LEAD)) {
            throw new ForbiddenException("Only " + view.owner + ", a team lead or an admin can change this view");
        }
        return view;
    }

    private static SavedView find(String id) {
        try {
            SavedView view = SavedView.findById(UUID.fromString(id.strip()));
            if (view != null) {
                return view;
            }
        } catch (IllegalArgumentException e) {
            // not an id: no such view
        }
        throw new NotFoundException("No saved view " + id);
    }

    static String encode(MultivaluedMap<String, String> params) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(params).forEach((name, values) -> values.forEach(value -> {
            if (!text.isEmpty()) {
                text.append('&');
            }
            text.append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }));
        return text.toString();
    }

    static MultivaluedMap<String, String> decode(String text) {
        MultivaluedMap<String, String> params = new MultivaluedHashMap<>();
        if (text == null || text.isEmpty()) {
            return params;
        }
        for (String pair : text.split("&")) {
            int eq = pair.indexOf('=');
            params.add(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    private static View view(SavedView v) {
        Map<String, List<String>> filters = new TreeMap<>(decode(v.filters));
        return new View(v.id.toString(), v.name, v.owner, v.team, filters, v.sort, v.position, v.updatedAt);
    }
}
