package ai.dyad.gateway.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * nginx as a pure relay in front of the stub (one worker, keep-alive to the upstream, no logging): no auth,
 * no JSON, no translation, written in C. What it reaches is about the most any relay can on this machine,
 * where the load generator, the relay and the stub share two cores; scenario 1 notes it next to Dyad's
 * figure so the ratio to direct can be read against it. Optional: absent nginx, the note says so.
 */
final class NginxReference implements AutoCloseable {

    private final Procs procs;
    private final Process process;
    private final int port;

    private NginxReference(Procs procs, Process process, int port) {
        this.procs = procs;
        this.process = process;
        this.port = port;
    }

    /** Starts nginx in front of {@code stubPort}; null when nginx is not installed. */
    static NginxReference start(Procs procs, Path work, int stubPort) throws IOException, InterruptedException {
        Path binary = Path.of("/usr/sbin/nginx");
        if (!Files.isExecutable(binary)) {
            return null;
        }
        int port = Procs.freePort();
        Path home = Files.createDirectories(work.resolve("nginx"));
        Path conf = home.resolve("nginx.conf");
        Files.writeString(conf, """
                worker_processes 1;
                daemon off;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log;
                events { worker_connections 4096; }
                http {
                  access_log off;
                  client_body_temp_path %1$s/body;
                  proxy_temp_path %1$s/proxy;
                  upstream stub { server 127.0.0.1:%2$d; keepalive 128; }
                  server {
                    listen 127.0.0.1:%3$d;
                    location / {
                      proxy_pass http://stub;
                      proxy_http_version 1.1;
                      proxy_set_header Connection "";
                    }
                  }
                }
                """.formatted(home, stubPort, port));
        Process process = procs.start(
                "nginx", List.of(binary.toString(), "-p", home.toString(), "-c", conf.toString()), Map.of());
        Procs.awaitHttp("http://127.0.0.1:" + port + "/v1/models", System.nanoTime(), java.time.Duration.ofSeconds(20));
        return new NginxReference(procs, process, port);
    }

    String chatUrl() {
        return "http://127.0.0.1:" + port + "/v1/chat/completions";
    }

    @Override
    public void close() throws InterruptedException {
        procs.stop(process);
    }
}
