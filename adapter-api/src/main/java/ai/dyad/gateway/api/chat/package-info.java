/**
 * The OpenAI chat wire types as records: the validated request an adapter receives, the chunks it emits, usage and finish reasons.
 *
 * <p>Values are non-null unless a method or record component says {@code nullable} (optional request
 * parameters are null when the client did not send them); lists in records are immutable copies.
 */
package ai.dyad.gateway.api.chat;
