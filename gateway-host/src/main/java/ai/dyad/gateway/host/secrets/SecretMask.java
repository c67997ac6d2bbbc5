package ai.dyad.gateway.host.secrets;

/**
 * How a secret looks in responses and logs: {@code sk-…abcd}, enough to tell keys apart, too little to use.
 * Short values are masked entirely: their last four characters would be too large a share of them.
 */
public final class SecretMask {

    /** What a secret too short to show any of, or one that cannot be read, looks like. */
    public static final String HIDDEN = "****";

    private static final int SHOWN_AT_START = 3;
    private static final int SHOWN_AT_END = 4;
    private static final int SHORTEST_PARTLY_SHOWN = 16;

    private SecretMask() {}

    public static String of(String secret) {
        if (secret.length() < SHORTEST_PARTLY_SHOWN) {
            return HIDDEN;
        }
        return secret.substring(0, SHOWN_AT_START) + "…" + secret.substring(secret.length() - SHOWN_AT_END);
    }
}
