/**
 * Embeddings requests and results; adapters return floats, the host encodes them as the client asked.
 *
 * <p>Values are non-null unless a method or record component says {@code nullable} (optional request
 * parameters are null when the client did not send them); lists in records are immutable copies.
 */
package ai.dyad.gateway.api.embeddings;
