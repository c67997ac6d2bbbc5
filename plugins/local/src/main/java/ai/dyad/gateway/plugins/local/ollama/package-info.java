/**
 * Ollama's native API: translation of OpenAI requests to {@code /api/chat} and of its NDJSON answers back
 * to chunks, embeddings and the model list. Values are non-null unless documented {@code nullable}.
 */
package ai.dyad.gateway.plugins.local.ollama;
