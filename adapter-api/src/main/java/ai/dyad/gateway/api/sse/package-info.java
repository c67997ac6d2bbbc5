/**
 * Server-sent events, the framing of OpenAI and Anthropic streams: a reader that hands out events as they
 * arrive and a writer for the other direction. JDK only, so every adapter can share them.
 */
package ai.dyad.gateway.api.sse;
