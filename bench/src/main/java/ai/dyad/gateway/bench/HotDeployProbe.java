package ai.dyad.gateway.bench;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.regex.Pattern;

/**
 * Times a plugin hot deploy the way an operator does it: copy a jar into the running gateway's plugins
 * folder, create a provider of its type through the admin API as soon as the gateway knows the type, and
 * ask for a chat answer through it. The clock runs from the copy to the first answer that comes from the
 * copied version. Between runs the provider and the jar are removed and the plugin is awaited gone, so
 * every run loads the plugin afresh; runs alternate between the given jars (versions of one plugin).
 */
final class HotDeployProbe {

    private static final Duration GUARD = Duration.ofSeconds(30);

    private final GatewayProcess gateway;
    private final List<Path> jars;

    HotDeployProbe(GatewayProcess gateway, List<Path> jars) {
        this.gateway = gateway;
        this.jars = jars;
    }

    /** Milliseconds from copy to first answer, one per run. */
    List<Long> measure(int runs) throws IOException, InterruptedException {
        List<Long> millis = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            Path source = jars.get(run % jars.size());
            Attributes manifest = manifest(source);
            String pluginId = manifest.getValue("Plugin-Id");
            String answerPrefix = "[v" + manifest.getValue("Plugin-Version") + "]";
            Path target = gateway.pluginsDir().resolve(source.getFileName());
            String model = "hot-deploy-" + run;

            long start = System.nanoTime();
            Files.copy(source, target);
            String providerId = createProvider(model, pluginId, start);
            awaitAnswer(model, answerPrefix, start);
            millis.add((System.nanoTime() - start) / 1_000_000);

            removeProvider(providerId);
            Files.delete(target);
            awaitUnloaded(pluginId);
        }
        return millis;
    }

    /** Retries while the type is unknown (the jar is not loaded yet); any other refusal is a failure. */
    private String createProvider(String model, String type, long since) throws IOException, InterruptedException {
        String body = """
                {"name":"%s","type":"%s","config":{},"models":[{"modelId":"%s"}]}""".formatted(model, type, model);
        while (true) {
            HttpResponse<String> response = gateway.admin("POST", "/admin/providers", body);
            if (response.statusCode() == 201) {
                String location = response.headers()
                        .firstValue("Location")
                        .orElseThrow(() -> new IllegalStateException("created provider has no Location"));
                return location.substring(location.lastIndexOf('/') + 1);
            }
            if (response.statusCode() != 400 || !response.body().contains("unknown_adapter_type")) {
                throw new IllegalStateException(
                        "creating a " + type + " provider failed: " + response.statusCode() + " " + response.body());
            }
            guard(since, "the gateway never offered type " + type);
            Thread.sleep(2);
        }
    }

    private void awaitAnswer(String model, String prefix, long since) throws IOException, InterruptedException {
        while (true) {
            HttpResponse<String> response = gateway.chat(model, "hello there");
            if (response.statusCode() == 200) {
                if (!response.body().contains(prefix)) {
                    throw new IllegalStateException("answer did not come from " + prefix + ": " + response.body());
                }
                return;
            }
            guard(since, "no answer through " + model + "; last: " + response.statusCode() + " " + response.body());
            Thread.sleep(2);
        }
    }

    private void removeProvider(String id) throws IOException, InterruptedException {
        HttpResponse<String> response = gateway.admin("DELETE", "/admin/providers/" + id, null);
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("deleting provider " + id + " failed: " + response.body());
        }
    }

    private void awaitUnloaded(String pluginId) throws IOException, InterruptedException {
        Pattern listed = Pattern.compile("\"id\"\\s*:\\s*\"" + Pattern.quote(pluginId) + "\"");
        long since = System.nanoTime();
        while (listed.matcher(gateway.admin("GET", "/admin/plugins", null).body())
                .find()) {
            guard(since, "plugin " + pluginId + " was not unloaded after its jar was removed");
            Thread.sleep(20);
        }
    }

    private static void guard(long since, String failure) {
        if (System.nanoTime() - since > GUARD.toNanos()) {
            throw new IllegalStateException(failure);
        }
    }

    private static Attributes manifest(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.getManifest().getMainAttributes();
        }
    }
}
