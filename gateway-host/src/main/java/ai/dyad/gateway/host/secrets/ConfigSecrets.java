package ai.dyad.gateway.host.secrets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies encryption and masking to provider configs. Which keys are secret comes from the adapter type's
 * config spec; an encrypted value is recognised by its own form, so decrypting needs no spec. A secret of
 * any JSON type (a string, or a map of headers) is encrypted as its JSON text.
 */
public final class ConfigSecrets {

    private final SecretCipher cipher;
    private final ObjectMapper json;

    public ConfigSecrets(SecretCipher cipher, ObjectMapper json) {
        this.cipher = cipher;
        this.json = json;
    }

    /**
     * The config to store: every secret field encrypted with the current key; values already encrypted with
     * an older key are re-encrypted.
     */
    public Map<String, Object> seal(String providerId, Map<String, Object> config, Set<String> secretFields) {
        Map<String, Object> stored = new LinkedHashMap<>();
        config.forEach((key, value) -> {
            if (SecretCipher.isSealed(value)) {
                String sealed = (String) value;
                stored.put(
                        key,
                        cipher.sealedWithCurrentKey(sealed)
                                ? sealed
                                : cipher.seal(cipher.open(sealed, context(providerId, key)), context(providerId, key)));
            } else if (value != null && secretFields.contains(key)) {
                stored.put(key, cipher.seal(toJson(value), context(providerId, key)));
            } else {
                stored.put(key, value);
            }
        });
        return stored;
    }

    /**
     * The config with every encrypted value decrypted: what an adapter gets. Never log or return it.
     *
     * @throws UnreadableSecretException naming the config key that cannot be decrypted
     */
    public Map<String, Object> reveal(String providerId, Map<String, Object> stored) {
        Map<String, Object> clear = new LinkedHashMap<>();
        stored.forEach(
                (key, value) -> clear.put(key, SecretCipher.isSealed(value) ? open(providerId, key, value) : value));
        return clear;
    }

    /** The config as responses show it: secret fields and every encrypted value masked. */
    public Map<String, Object> mask(String providerId, Map<String, Object> stored, Set<String> secretFields) {
        Map<String, Object> shown = new LinkedHashMap<>();
        stored.forEach((key, value) -> {
            if (SecretCipher.isSealed(value)) {
                Object clear;
                try {
                    clear = open(providerId, key, value);
                } catch (UnreadableSecretException e) {
                    clear = null;
                }
                shown.put(key, clear == null ? SecretMask.HIDDEN : masked(clear));
            } else if (value != null && secretFields.contains(key)) {
                shown.put(key, masked(value));
            } else {
                shown.put(key, value);
            }
        });
        return shown;
    }

    /** Whether {@link #seal} would change the stored config: a secret kept in clear, or under an older key. */
    public boolean needsSealing(Map<String, Object> stored, Set<String> secretFields) {
        return stored.entrySet().stream().anyMatch(entry -> {
            Object value = entry.getValue();
            if (SecretCipher.isSealed(value)) {
                return !cipher.sealedWithCurrentKey((String) value);
            }
            return value != null && secretFields.contains(entry.getKey());
        });
    }

    /**
     * A client's config where a secret sent back exactly as it was shown (masked) means "unchanged": such
     * values are replaced by the current clear value, so editing a provider read from the API keeps its
     * secrets.
     */
    public static Map<String, Object> keepUnchanged(
            Map<String, Object> incoming, Map<String, Object> currentClear, Set<String> secretFields) {
        Map<String, Object> result = new LinkedHashMap<>(incoming);
        for (String field : secretFields) {
            if (result.containsKey(field) && currentClear.get(field) != null) {
                result.put(field, unmasked(result.get(field), currentClear.get(field)));
            }
        }
        return result;
    }

    private static Object unmasked(Object sent, Object current) {
        if (sent instanceof String text && current instanceof String clear) {
            return text.equals(SecretMask.of(clear)) ? clear : sent;
        }
        if (sent instanceof Map<?, ?> sentMap && current instanceof Map<?, ?> currentMap) {
            Map<Object, Object> merged = new LinkedHashMap<>();
            sentMap.forEach((k, v) -> merged.put(k, currentMap.containsKey(k) ? unmasked(v, currentMap.get(k)) : v));
            return merged;
        }
        if (sent instanceof List<?> sentList
                && current instanceof List<?> currentList
                && sentList.size() == currentList.size()) {
            List<Object> merged = new ArrayList<>();
            for (int i = 0; i < sentList.size(); i++) {
                merged.add(unmasked(sentList.get(i), currentList.get(i)));
            }
            return merged;
        }
        return sent;
    }

    private static Object masked(Object clear) {
        if (clear instanceof String text) {
            return SecretMask.of(text);
        }
        if (clear instanceof Map<?, ?> map) {
            Map<Object, Object> shown = new LinkedHashMap<>();
            map.forEach((k, v) -> shown.put(k, masked(v)));
            return shown;
        }
        if (clear instanceof List<?> list) {
            return list.stream().map(ConfigSecrets::masked).toList();
        }
        return SecretMask.HIDDEN;
    }

    private Object open(String providerId, String key, Object sealed) {
        try {
            return json.readValue(cipher.open((String) sealed, context(providerId, key)), Object.class);
        } catch (UnreadableSecretException e) {
            throw new UnreadableSecretException("config key '" + key + "' cannot be decrypted: " + e.getMessage());
        } catch (JsonProcessingException e) {
            throw new UnreadableSecretException("config key '" + key + "' decrypts to malformed data");
        }
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("config key values are plain JSON", e);
        }
    }

    /** Binds a ciphertext to its provider and key, so it cannot be moved elsewhere in the database. */
    private static String context(String providerId, String key) {
        return providerId + "/config/" + key;
    }
}
