package ai.dyad.gateway.host.providers;

import ai.dyad.gateway.api.AdapterContext;
import ai.dyad.gateway.api.AdapterException;
import ai.dyad.gateway.api.ErrorKind;
import ai.dyad.gateway.api.ModelAdapter;
import ai.dyad.gateway.api.config.InvalidConfigException;
import ai.dyad.gateway.api.config.ProviderSettings;
import ai.dyad.gateway.host.plugins.AdapterType;
import ai.dyad.gateway.host.plugins.PluginHost;
import ai.dyad.gateway.host.registry.ProviderModel;
import ai.dyad.gateway.host.secrets.SecretCipher;
import ai.dyad.gateway.host.secrets.SecretMask;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a provider against what is installed: its type must be provided by a started plugin, its config
 * must match that type's config spec, its models must be named and distinct.
 */
public final class ProviderValidator {

    /** What a masked secret looks like ({@code sk-…abcd}); storing one as a secret is always a mistake. */
    private static final Pattern MASKED = Pattern.compile(".{3}….{4}");

    private final PluginHost plugins;

    public ProviderValidator(PluginHost plugins) {
        this.plugins = plugins;
    }

    /** The factory of the draft's type, after checking the whole draft; the config must be in clear. */
    public AdapterType check(ProviderDraft draft, Set<String> secretKeys) {
        AdapterType factory = factory(draft.type());
        checkModels(draft.models());
        draft.config().forEach((key, value) -> {
            if (holdsSealedText(value)) {
                throw new InvalidProviderException(
                        "config." + key,
                        "invalid_value",
                        "config key '" + key + "' holds an encrypted value; send the value itself");
            }
            if (secretKeys.contains(key) && holdsMask(value)) {
                throw new InvalidProviderException(
                        "config." + key,
                        "masked_secret",
                        "config key '" + key + "' holds a masked secret that does not match the stored one; send the"
                                + " secret itself");
            }
        });
        ProviderSettings settings;
        try {
            settings = factory.configSpec().validate(draft.config());
        } catch (InvalidConfigException e) {
            throw new InvalidProviderException("config." + e.field(), "invalid_config", e.getMessage());
        }
        checkCombination(draft, factory, settings);
        return factory;
    }

    /** The factory for {@code type}, or a 400-worthy error listing the installed types. */
    public AdapterType factory(String type) {
        return plugins.adapterType(type)
                .orElseThrow(() -> new InvalidProviderException(
                        "type",
                        "unknown_adapter_type",
                        "unknown adapter type '" + type + "'; installed types: "
                                + (plugins.types().isEmpty() ? "none" : String.join(", ", plugins.types()))));
    }

    private static void checkModels(List<ProviderModel> models) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < models.size(); i++) {
            String modelId = models.get(i).modelId();
            if (!seen.add(modelId)) {
                throw new InvalidProviderException(
                        "models[" + i + "].modelId",
                        "duplicate_model",
                        "model '" + modelId + "' is listed twice; each modelId may appear once per provider");
            }
        }
    }

    private static boolean holdsSealedText(Object value) {
        if (value instanceof Map<?, ?> map) {
            return map.values().stream().anyMatch(ProviderValidator::holdsSealedText);
        }
        if (value instanceof List<?> list) {
            return list.stream().anyMatch(ProviderValidator::holdsSealedText);
        }
        return SecretCipher.isSealed(value);
    }

    private static boolean holdsMask(Object value) {
        if (value instanceof Map<?, ?> map) {
            return map.values().stream().anyMatch(ProviderValidator::holdsMask);
        }
        if (value instanceof List<?> list) {
            return list.stream().anyMatch(ProviderValidator::holdsMask);
        }
        return value instanceof String text
                && (text.equals(SecretMask.HIDDEN) || MASKED.matcher(text).matches());
    }

    /**
     * Creates (and at once closes) an adapter from the settings, so rules across keys that a spec cannot say
     * (a spawn-cli provider needs a command or a preset) are refused here rather than at the first request.
     * Factories do no network calls in {@code create}, so this is cheap.
     */
    private static void checkCombination(ProviderDraft draft, AdapterType factory, ProviderSettings settings) {
        try (ModelAdapter adapter = factory.create(new AdapterContext(
                "validation", draft.name(), settings, Clock.systemUTC(), System.getLogger("provider-validation")))) {
            // Created only to be checked; closing releases whatever it set up.
        } catch (AdapterException e) {
            if (e.kind() != ErrorKind.INVALID_REQUEST) {
                return; // not a config problem: the provider may still start later
            }
            throw new InvalidProviderException(
                    "config" + e.param().map(param -> "." + param).orElse(""),
                    e.code().orElse("invalid_config"),
                    e.getMessage());
        }
    }
}
