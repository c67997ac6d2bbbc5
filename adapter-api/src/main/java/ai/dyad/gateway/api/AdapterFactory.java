package ai.dyad.gateway.api;

import ai.dyad.gateway.api.config.ConfigSpec;
import org.pf4j.ExtensionPoint;

/**
 * An adapter type, contributed by a plugin with {@code @Extension}. The host finds factories when a plugin
 * starts and forgets them when it stops. Implementations must be stateless and thread-safe.
 */
public interface AdapterFactory extends ExtensionPoint {

    /** The adapter type that providers name in their {@code type} field, such as {@code spawn-cli}. */
    String type();

    /** The provider configuration this type accepts; the host validates every provider against it. */
    ConfigSpec configSpec();

    /**
     * Creates the adapter for one provider. Called on a host thread whenever a provider of this type is
     * created or changed; must not block for long (no network calls: do those lazily or in
     * {@link ModelAdapter#health()}).
     *
     * @throws AdapterException with {@link ErrorKind#INVALID_REQUEST} when the settings make no sense together
     */
    ModelAdapter create(AdapterContext context);
}
