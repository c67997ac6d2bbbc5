package ai.dyad.gateway.host.http;

/** Carries an {@link ApiError} to the edge, where {@link ErrorResponder} writes it. */
public final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient ApiError error;

    public ApiException(ApiError error) {
        super(error.message(), null, false, false);
        this.error = error;
    }

    public ApiError error() {
        return error;
    }
}
