package ai.dyad.gateway.host.commands;

import static org.assertj.core.api.Assertions.assertThat;

import ai.dyad.gateway.host.config.ConfigLoader;
import ai.dyad.gateway.host.registry.Store;
import ai.dyad.gateway.host.testing.Ask;
import ai.dyad.gateway.host.testing.TestGateway;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code migrate}, {@code seed} and {@code db-reset}, run the way the launcher runs them. */
@Timeout(120)
class DatabaseCommandsIT {

    private static final Pattern KEY = Pattern.compile("sk-dyad-[A-Za-z0-9_-]{43}");

    @TempDir
    Path home;

    record Run(int exit, String output) {}

    private Run run(String command, String stdin, String... options) {
        Map<String, String> env = new HashMap<>();
        env.put("DATA_DIR", home.resolve("data").toString());
        env.put("PLUGINS_DIR", home.resolve("plugins").toString());
        TestGateway.sharedMongo().ifPresent(url -> {
            env.put("MONGODB_URL", TestGateway.databaseUrl(url, home));
            env.put("SECRETS_KEY", TestGateway.TEST_SECRETS_KEY);
        });
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        int exit = DatabaseCommands.run(
                command,
                List.of(options),
                ConfigLoader.from(env),
                Clock.systemUTC(),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                print,
                print);
        return new Run(exit, out.toString(StandardCharsets.UTF_8));
    }

    /** The registry database of the (stopped) home, through the plain driver. */
    private void withDatabase(Consumer<MongoDatabase> work) {
        try (Store store = Store.open(
                        TestGateway.sharedMongo().map(url -> TestGateway.databaseUrl(url, home)),
                        home.resolve("data"),
                        Clock.systemUTC());
                MongoClient client = MongoClients.create(store.embeddedUrl()
                        .orElseGet(() -> TestGateway.databaseUrl(
                                TestGateway.sharedMongo().orElseThrow(), home)))) {
            work.accept(client.getDatabase(store.databaseName()));
        }
    }

    @Test
    void migrateFillsInOldDocumentsOnceAndRecordsTheVersion() {
        withDatabase(db -> db.getCollection("providers")
                .insertOne(new Document("name", "legacy")
                        .append("type", "spawn-cli")
                        .append("config", new Document("command", "cat"))
                        .append(
                                "models",
                                List.of(new Document("modelId", "legacy-model")
                                        .append("adapterModelId", "legacy-model")
                                        .append("supportsStreaming", true)))));

        Run first = run("migrate", "");
        assertThat(first.exit()).as(first.output()).isZero();
        assertThat(first.output()).contains("applied migration 1").contains("schema is now at version 1");

        Run second = run("migrate", "");
        assertThat(second.exit()).isZero();
        assertThat(second.output()).contains("schema is up to date (version 1)").doesNotContain("applied");

        withDatabase(db -> {
            Document legacy = db.getCollection("providers")
                    .find(new Document("name", "legacy"))
                    .first();
            assertThat(legacy.get("version")).isEqualTo(1L);
            assertThat(legacy.getBoolean("enabled")).isTrue();
            assertThat(legacy.get("createdAt")).isNotNull();
            assertThat(db.getCollection("migrations").countDocuments()).isEqualTo(1);
        });
        try (TestGateway gateway = TestGateway.start(home)) {
            assertThat(Ask.answer(gateway.openAi(), "legacy-model", "old but served"))
                    .contains("old but served");
            var shown = gateway.admin()
                    .get("/providers?model=legacy-model")
                    .body()
                    .get("results")
                    .get(0);
            assertThat(shown.get("version").asLong()).isEqualTo(1);
            assertThat(gateway.admin()
                            .patch("/providers/" + shown.get("id").asText(), Map.of("weight", 2))
                            .status())
                    .as("a migrated document takes versioned writes")
                    .isEqualTo(200);
        }
    }

    @Test
    void seedAddsSampleProvidersAndPrintsAnAdminKeyOnce() {
        installPlugins();
        Run seeded = run("seed", "");

        assertThat(seeded.exit()).as(seeded.output()).isZero();
        assertThat(seeded.output())
                .contains("created provider demo (spawn-cli) serving echo")
                .contains("created provider shout (spawn-cli) serving shout")
                .contains("admin users: not part of this build");
        Matcher key = KEY.matcher(seeded.output());
        assertThat(key.find()).isTrue();
        String adminKey = key.group();
        assertThat(key.find()).as("the key is printed once").isFalse();

        try (TestGateway gateway = TestGateway.start(home, adminKey, Map.of())) {
            assertThat(gateway.console())
                    .as("first start found keys and providers")
                    .doesNotContain("sk-dyad-");
            assertThat(Ask.answer(gateway.openAi(), "shout", "quiet please")).contains("QUIET PLEASE");
            assertThat(Ask.answer(gateway.openAi(), "echo", "same")).contains("same");
        }

        Run again = run("seed", "");
        assertThat(again.output()).contains("kept provider demo").contains("kept provider shout");
        Matcher secondKey = KEY.matcher(again.output());
        assertThat(secondKey.find()).isTrue();
        assertThat(secondKey.group()).isNotEqualTo(adminKey);
    }

    @Test
    void dbResetDeletesOnlyAfterConfirmation() {
        installPlugins();
        run("seed", "");

        Run declined = run("db-reset", "no\n");
        assertThat(declined.exit()).isEqualTo(1);
        assertThat(declined.output()).contains("Type 'yes' to continue").contains("Nothing was deleted");
        assertThat(providerCount()).isEqualTo(2);

        Run silent = run("db-reset", "");
        assertThat(silent.exit()).as("no answer is no").isEqualTo(1);
        assertThat(providerCount()).isEqualTo(2);

        Run confirmed = run("db-reset", "yes\n");
        assertThat(confirmed.exit()).as(confirmed.output()).isZero();
        assertThat(providerCount()).isZero();

        run("seed", "");
        Run forced = run("db-reset", "", "--yes");
        assertThat(forced.exit()).isZero();
        assertThat(forced.output()).doesNotContain("Type 'yes'");
        assertThat(providerCount()).isZero();
    }

    @Test
    void refusesAnUnknownOption() {
        Run run = run("migrate", "", "--force");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.output()).contains("unknown option '--force'");
    }

    @Test
    void saysSoWhenAGatewayHoldsTheEmbeddedStore() {
        org.junit.jupiter.api.Assumptions.assumeTrue(TestGateway.sharedMongo().isEmpty());
        try (TestGateway running = TestGateway.start(home)) {
            Run run = run("migrate", "");

            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.output()).contains("is in use").contains("stop it first");
            assertThat(Ask.answer(running.openAi(), "echo", "still fine")).contains("still fine");
        }
    }

    private long providerCount() {
        long[] count = new long[1];
        withDatabase(db -> count[0] = db.getCollection("providers").countDocuments());
        return count[0];
    }

    private void installPlugins() {
        // Starting and stopping a gateway copies the plugin jars into the home, as an installation has them.
        TestGateway.start(home).close();
        run("db-reset", "", "--yes");
    }
}
