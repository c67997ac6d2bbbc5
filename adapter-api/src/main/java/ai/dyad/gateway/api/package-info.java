/**
 * The adapter SPI of Dyad Gateway.
 *
 * <p>An adapter plugin contributes one {@link ai.dyad.gateway.api.AdapterFactory} per adapter type. The host
 * creates one {@link ai.dyad.gateway.api.ModelAdapter} per configured provider and calls it on a virtual
 * thread, so adapters may block freely. Only JDK types and the types of this package tree cross the plugin
 * boundary. Values are non-null unless a method or record component says {@code nullable}.
 *
 * <p>JSON values that the API does not model (tool parameter schemas, {@code tool_choice}, vendor extras)
 * are carried as plain Java: {@code Map<String, Object>}, {@code List<Object>}, {@code String},
 * {@code Number}, {@code Boolean} or {@code null}.
 */
package ai.dyad.gateway.api;
