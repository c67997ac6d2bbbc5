/**
 * Helpers for testing adapters without a host: a recording {@link ai.dyad.gateway.api.ChatSink} that also
 * plays a client that goes away. Part of the API so third-party plugin authors can use it in their tests.
 */
package ai.dyad.gateway.api.testkit;
