package ai.dyad.gateway.host.commands;

import ai.dyad.gateway.host.registry.Store;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;

/** {@code db-reset}: deletes everything in the registry's database, after a typed confirmation or {@code --yes}. */
final class ResetCommand {

    private final Store store;
    private final BufferedReader in;
    private final PrintStream out;

    ResetCommand(Store store, BufferedReader in, PrintStream out) {
        this.store = store;
        this.in = in;
        this.out = out;
    }

    int run(String where, boolean confirmed) {
        if (!confirmed) {
            out.println("This deletes every provider, API key, user, plugin state and usage record in " + where + ".");
            out.print("Type 'yes' to continue: ");
            out.flush();
            String answer = readLine();
            if (answer == null || !answer.strip().equals("yes")) {
                out.println("Nothing was deleted.");
                return DatabaseCommands.FAILED;
            }
        }
        store.dropEverything();
        out.println("Reset " + where + ". The next start creates a new admin key and the demo provider.");
        return DatabaseCommands.OK;
    }

    private String readLine() {
        try {
            return in.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
