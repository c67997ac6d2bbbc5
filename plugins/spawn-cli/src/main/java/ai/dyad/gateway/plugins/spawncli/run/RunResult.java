package ai.dyad.gateway.plugins.spawncli.run;

/**
 * How one run of the CLI ended.
 *
 * @param exitStatus the process's exit status (128 + n after signal n)
 * @param stopReason why the adapter stopped the run; nullable when the CLI ended by itself
 * @param stderrTail the last lines of stderr, unredacted; empty when there were none
 * @param outputError what went wrong reading stdout; nullable
 */
public record RunResult(int exitStatus, StopReason stopReason, String stderrTail, String outputError) {}
