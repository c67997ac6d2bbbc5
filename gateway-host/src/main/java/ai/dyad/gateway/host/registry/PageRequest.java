package ai.dyad.gateway.host.registry;

import java.util.List;

/**
 * Which page of a listing to read.
 *
 * @param page 1-based page number
 * @param limit results per page, at least 1
 * @param sort sort keys, most significant first; ties are broken by id so pages never overlap
 */
public record PageRequest(int page, int limit, List<SortOrder> sort) {

    public PageRequest {
        if (page < 1 || limit < 1) {
            throw new IllegalArgumentException("page and limit start at 1");
        }
        sort = List.copyOf(sort);
    }

    /** How many results the pages before this one hold. */
    public long offset() {
        return (long) (page - 1) * limit;
    }
}
