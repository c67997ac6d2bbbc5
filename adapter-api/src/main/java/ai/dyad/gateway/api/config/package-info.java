/**
 * How an adapter type declares its provider config (ConfigSpec of ConfigFields: type, required, default, secret, description) and reads it back validated (ProviderSettings).
 *
 * <p>Values are non-null unless a method or record component says {@code nullable} (optional request
 * parameters are null when the client did not send them); lists in records are immutable copies.
 */
package ai.dyad.gateway.api.config;
