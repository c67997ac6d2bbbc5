package ai.dyad.gateway.host.registry;

/** One sort key of a listing: a stored field path, ascending or descending. */
public record SortOrder(String field, boolean ascending) {}
