/**
 * Descriptions of the models a backend offers.
 *
 * <p>Values are non-null unless a method or record component says {@code nullable} (optional request
 * parameters are null when the client did not send them); lists in records are immutable copies.
 */
package ai.dyad.gateway.api.models;
