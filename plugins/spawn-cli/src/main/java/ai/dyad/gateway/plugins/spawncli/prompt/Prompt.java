package ai.dyad.gateway.plugins.spawncli.prompt;

/**
 * A conversation as a CLI takes it.
 *
 * @param system the instructions for the CLI's system flag; empty when there are none or when they went into the
 *     body because the CLI has no such flag
 * @param body the prompt text
 */
public record Prompt(String system, String body) {}
