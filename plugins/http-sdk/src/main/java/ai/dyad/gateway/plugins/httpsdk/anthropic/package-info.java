/**
 * Anthropic's Messages API: translation of OpenAI requests to it and of its answers (whole and streamed)
 * back to chunks. Values are non-null unless documented {@code nullable}.
 */
package ai.dyad.gateway.plugins.httpsdk.anthropic;
