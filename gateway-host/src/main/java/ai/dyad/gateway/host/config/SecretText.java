package ai.dyad.gateway.host.config;

import java.util.Objects;

/**
 * A configuration value that is a credential (an encryption key, a signing secret). Its {@link #toString()}
 * never shows the value, so logging a config record cannot leak it.
 */
public final class SecretText {

    private final String value;

    public SecretText(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    /** The value itself; hand it only to the code that uses it, never to a log line. */
    public String reveal() {
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SecretText text && text.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "****";
    }
}
