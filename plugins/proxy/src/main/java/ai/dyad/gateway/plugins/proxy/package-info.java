/** The {@code proxy} adapter type: another OpenAI-compatible gateway as an upstream. */
package ai.dyad.gateway.plugins.proxy;
