package ai.dyad.gateway.host.admin;

import ai.dyad.gateway.host.registry.Page;
import ai.dyad.gateway.host.registry.PageRequest;
import ai.dyad.gateway.host.registry.SortOrder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Paging of admin listings: {@code page} (from 1), {@code limit} (default 10, capped at 100, never an
 * error when larger) and {@code sortBy=field:asc|desc[,field:dir...]} over an allowlist of fields; the
 * response is {@code {results, page, limit, totalPages, totalResults, hasNextPage, hasPrevPage}}.
 */
public final class Pagination {

    public static final int DEFAULT_LIMIT = 10;
    public static final int MAX_LIMIT = 100;
    /** The query parameters paging uses, for {@link QueryParams#of}. */
    public static final Set<String> PARAMS = Set.of("page", "limit", "sortBy");

    private final Map<String, String> sortable;
    private final List<SortOrder> defaultSort;

    /**
     * @param sortable the fields clients may sort by, as named in the API, to their stored paths
     * @param defaultSort the order when the client gives none
     */
    public Pagination(Map<String, String> sortable, List<SortOrder> defaultSort) {
        this.sortable = Map.copyOf(sortable);
        this.defaultSort = List.copyOf(defaultSort);
    }

    public PageRequest parse(QueryParams params) {
        int page = params.positive("page", 1);
        int limit = Math.min(MAX_LIMIT, params.positive("limit", DEFAULT_LIMIT));
        String sortBy = params.string("sortBy");
        return new PageRequest(page, limit, sortBy == null ? defaultSort : sortOrders(sortBy));
    }

    /** The response body of one page, its results converted by {@code toJson}. */
    public static <T> Map<String, Object> body(Page<T> page, Function<T, ?> toJson) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("results", page.results().stream().map(toJson).toList());
        body.put("page", page.page());
        body.put("limit", page.limit());
        body.put("totalPages", page.totalPages());
        body.put("totalResults", page.totalResults());
        body.put("hasNextPage", page.hasNextPage());
        body.put("hasPrevPage", page.hasPrevPage());
        return body;
    }

    private List<SortOrder> sortOrders(String sortBy) {
        List<SortOrder> orders = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String part : sortBy.split(",", -1)) {
            String[] fieldAndDirection = part.strip().split(":", -1);
            String field = fieldAndDirection[0];
            String path = sortable.get(field);
            if (path == null) {
                throw QueryParams.invalid(
                        "sortBy",
                        "cannot sort by '" + field + "'; sortable fields: "
                                + String.join(", ", new TreeSet<>(sortable.keySet())));
            }
            if (fieldAndDirection.length > 2) {
                throw QueryParams.invalid("sortBy", "sortBy takes field:asc or field:desc, separated by commas");
            }
            String direction = fieldAndDirection.length == 2 ? fieldAndDirection[1] : "asc";
            if (!direction.equals("asc") && !direction.equals("desc")) {
                throw QueryParams.invalid(
                        "sortBy", "sort direction of '" + field + "' must be asc or desc (got '" + direction + "')");
            }
            if (!seen.add(field)) {
                throw QueryParams.invalid("sortBy", "'" + field + "' appears twice in sortBy");
            }
            orders.add(new SortOrder(path, direction.equals("asc")));
        }
        return orders;
    }
}
