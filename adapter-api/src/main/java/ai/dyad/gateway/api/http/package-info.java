/**
 * Helpers for adapters that call HTTP upstreams: the mapping of upstream statuses, {@code retry-after}
 * headers and I/O failures to {@link ai.dyad.gateway.api.ErrorKind}s. JDK only.
 */
package ai.dyad.gateway.api.http;
