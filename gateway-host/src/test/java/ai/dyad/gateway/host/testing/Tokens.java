package ai.dyad.gateway.host.testing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Hand-made JWTs for attack tests: any header, any claims, any HMAC secret, or no signature at all. */
public final class Tokens {

    private Tokens() {}

    /** A JWT signed with HMAC ({@code HS256}, {@code HS384} or {@code HS512}) over the secret's bytes. */
    public static String hmac(String alg, String secret, Map<String, Object> claims) {
        String signingInput = part(Map.of("alg", alg, "typ", "JWT")) + "." + part(claims);
        String javaName = "Hmac" + alg.replace("HS", "SHA");
        try {
            Mac mac = Mac.getInstance(javaName);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), javaName));
            byte[] signature = mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An unsigned JWT ({@code alg: none}) with an empty signature part. */
    public static String unsigned(Map<String, Object> claims) {
        return part(Map.of("alg", "none", "typ", "JWT")) + "." + part(claims) + ".";
    }

    /** A token with the given header whose signature is copied from another token (algorithm swap). */
    public static String withHeader(Map<String, Object> header, String token) {
        String[] parts = token.split("\\.");
        return part(header) + "." + parts[1] + "." + parts[2];
    }

    private static String part(Map<String, Object> json) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(HttpCalls.json(json).getBytes(StandardCharsets.UTF_8));
    }
}
