package ai.dyad.gateway.host.admin;

/** Checks an admin access token (a JWT); implemented by the users feature. */
public interface AdminTokenVerifier {

    /**
     * The user an access token was issued to.
     *
     * @throws ai.dyad.gateway.host.http.ApiException 401 when the token is forged, expired, not an access
     *     token, or otherwise unusable; CPU only, safe on an IO thread
     */
    AdminPrincipal verifyAccess(String token);
}
