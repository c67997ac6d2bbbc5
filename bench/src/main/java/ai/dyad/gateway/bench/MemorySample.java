package ai.dyad.gateway.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JVM's memory, in MB: resident set (from /proc), live heap (heap used right after a full GC, through
 * jcmd) and the maximum heap it runs with.
 */
record MemorySample(double rssMb, double liveHeapMb, double maxHeapMb) {

    private static final Pattern USED = Pattern.compile("used (\\d+)K");
    private static final Pattern MAX_HEAP = Pattern.compile("-XX:MaxHeapSize=(\\d+)");

    /**
     * Reads RSS first (a full GC may give memory back to the OS), then collects and reads the heap in use:
     * without the GC, "used" counts garbage not yet collected and says little about what each stream holds.
     */
    static MemorySample of(long pid) throws IOException, InterruptedException {
        double rssKb = 0;
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                rssKb = Double.parseDouble(line.replaceAll("[^0-9]", ""));
            }
        }
        jcmd(pid, "GC.run");
        Matcher used = USED.matcher(jcmd(pid, "GC.heap_info"));
        Matcher max = MAX_HEAP.matcher(jcmd(pid, "VM.flags"));
        return new MemorySample(
                rssKb / 1024,
                used.find() ? Double.parseDouble(used.group(1)) / 1024 : Double.NaN,
                max.find() ? Double.parseDouble(max.group(1)) / (1024 * 1024) : Double.NaN);
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Path jcmd =
                Path.of(ProcessHandle.current().info().command().orElse("java")).resolveSibling("jcmd");
        Process process = new ProcessBuilder(jcmd.toString(), String.valueOf(pid), command)
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IOException("jcmd " + command + " failed: " + output);
        }
        return output;
    }
}
