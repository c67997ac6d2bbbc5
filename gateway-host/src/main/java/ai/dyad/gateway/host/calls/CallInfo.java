package ai.dyad.gateway.host.calls;

import io.undertow.util.AttachmentKey;

/**
 * What a provider call is: whose request, which provider serves it, which model the client asked for.
 * Also attached to the exchange, so the access log and the cache can tell who answered.
 *
 * @param keyId the id of the caller's API key
 * @param provider the provider's name (a bounded set: the configured providers)
 * @param model the model the client asked for (bounded too: unknown models fail before any call)
 * @param cached whether the answer comes from the response cache rather than the provider
 */
public record CallInfo(String requestId, String keyId, String provider, String model, boolean stream, boolean cached) {

    public static final AttachmentKey<CallInfo> ATTACHMENT = AttachmentKey.create(CallInfo.class);
}
