package ai.dyad.gateway.host.registry;

import dev.morphia.query.FindOptions;
import dev.morphia.query.Query;
import dev.morphia.query.Sort;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** One page of a listing, with what a client needs to page on. */
public record Page<T>(List<T> results, int page, int limit, long totalResults) {

    public Page {
        results = List.copyOf(results);
    }

    public long totalPages() {
        return (totalResults + limit - 1) / limit;
    }

    public boolean hasNextPage() {
        return page < totalPages();
    }

    public boolean hasPrevPage() {
        return page > 1;
    }

    /** This page with its results converted. */
    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(results.stream().map(mapper).toList(), page, limit, totalResults);
    }

    /** Runs a Morphia query for one page: the count, then the sorted slice. */
    static <E, T> Page<T> of(Query<E> query, PageRequest request, Function<E, T> toRecord) {
        long total = query.count();
        List<Sort> sorts = new ArrayList<>();
        for (SortOrder order : request.sort()) {
            sorts.add(order.ascending() ? Sort.ascending(order.field()) : Sort.descending(order.field()));
        }
        sorts.add(Sort.ascending("_id"));
        FindOptions options = new FindOptions()
                .sort(sorts.toArray(Sort[]::new))
                .skip((int) Math.min(Integer.MAX_VALUE, request.offset()))
                .limit(request.limit());
        List<T> results;
        try (var cursor = query.iterator(options)) {
            results = cursor.toList().stream().map(toRecord).toList();
        }
        return new Page<>(results, request.page(), request.limit(), total);
    }
}
