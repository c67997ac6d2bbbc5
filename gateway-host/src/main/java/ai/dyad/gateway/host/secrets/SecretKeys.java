package ai.dyad.gateway.host.secrets;

import ai.dyad.gateway.host.config.GatewayConfig;
import ai.dyad.gateway.host.config.SecretText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the secrets key comes from. {@code SECRETS_KEY} in production; without it (only allowed with the
 * embedded store, see the config loader), a development key generated once into {@code DATA_DIR/secrets.key}
 * with a loud warning, so a first start needs no setup. That key still protects database dumps and backups
 * taken without the file, but not a copy of the whole data folder.
 */
public final class SecretKeys {

    private static final Logger LOG = LoggerFactory.getLogger(SecretKeys.class);

    /** The development key's file name under {@code DATA_DIR}. */
    public static final String DEV_KEY_FILE = "secrets.key";

    private SecretKeys() {}

    /**
     * The key ring for this configuration. A development key found under {@code DATA_DIR} while
     * {@code SECRETS_KEY} is set joins the previous keys, so secrets written before the switch stay readable
     * until {@code migrate} re-encrypts them.
     */
    public static SecretKeyRing load(GatewayConfig config) {
        Path devKeyFile = config.dataDir().resolve(DEV_KEY_FILE);
        List<byte[]> previous = new ArrayList<>();
        config.secretsKeyPrevious().stream()
                .map(SecretText::reveal)
                .map(SecretKeyRing::decode)
                .forEach(previous::add);
        if (config.secretsKey().isPresent()) {
            if (Files.isRegularFile(devKeyFile)) {
                previous.add(readKeyFile(devKeyFile));
            }
            return SecretKeyRing.of(
                    SecretKeyRing.decode(config.secretsKey().get().reveal()), previous);
        }
        byte[] devKey = Files.isRegularFile(devKeyFile) ? readKeyFile(devKeyFile) : createKeyFile(devKeyFile);
        LOG.warn(
                "SECRETS_KEY is not set: provider secrets are encrypted with the development key in {}. Anyone with"
                        + " a copy of the data folder can decrypt them. Set SECRETS_KEY (openssl rand -base64 32)"
                        + " before storing real credentials.",
                devKeyFile.toAbsolutePath());
        return SecretKeyRing.of(devKey, previous);
    }

    private static byte[] readKeyFile(Path file) {
        try {
            return SecretKeyRing.decode(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the development secrets key " + file, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(
                    file + " does not hold a base64 AES-256 key; restore it, or set SECRETS_KEY to the key it held");
        }
    }

    private static byte[] createKeyFile(Path file) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        try {
            Files.createDirectories(file.getParent());
            try {
                Files.createFile(
                        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
            }
            Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
        } catch (FileAlreadyExistsException raced) {
            return readKeyFile(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the development secrets key " + file, e);
        }
        return key;
    }
}
