package ai.dyad.gateway.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A process's resident memory (from /proc) and Java heap in use (from jcmd), in MB. */
record MemorySample(double rssMb, double heapMb) {

    static MemorySample of(long pid) throws IOException, InterruptedException {
        double rssKb = 0;
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                rssKb = Double.parseDouble(line.replaceAll("[^0-9]", ""));
            }
        }
        return new MemorySample(rssKb / 1024, heapUsedMb(pid));
    }

    private static double heapUsedMb(long pid) throws IOException, InterruptedException {
        Path jcmd =
                Path.of(ProcessHandle.current().info().command().orElse("java")).resolveSibling("jcmd");
        Process process = new ProcessBuilder(jcmd.toString(), String.valueOf(pid), "GC.heap_info")
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes());
        process.waitFor();
        Matcher used = Pattern.compile("used (\\d+)K").matcher(output);
        return used.find() ? Double.parseDouble(used.group(1)) / 1024 : Double.NaN;
    }
}
