/**
 * The OpenAI wire format, in both directions, and the one adapter every OpenAI-compatible provider type
 * builds ({@link ai.dyad.gateway.wire.openai.OpenAiCompatibleAdapter}). Values are non-null unless
 * documented {@code nullable}.
 */
package ai.dyad.gateway.wire.openai;
