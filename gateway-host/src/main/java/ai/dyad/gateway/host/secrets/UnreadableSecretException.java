package ai.dyad.gateway.host.secrets;

/** A stored secret that cannot be decrypted: its key is not configured, or the ciphertext was altered. */
public final class UnreadableSecretException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    UnreadableSecretException(String message) {
        super(message);
    }
}
