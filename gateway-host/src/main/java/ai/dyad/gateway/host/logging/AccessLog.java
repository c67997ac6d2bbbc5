package ai.dyad.gateway.host.logging;

import ai.dyad.gateway.host.auth.ApiKeyAuth;
import ai.dyad.gateway.host.calls.CallInfo;
import ai.dyad.gateway.host.http.CompletedRequest;
import ai.dyad.gateway.host.registry.ApiKey;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request ({@code ENABLE_REQUEST_LOGGING}), such as
 * {@code POST /v1/chat/completions 200 1247ms - 2.1kb provider=demo model=echo key=sk-dyad-AbC1…}. The path
 * without its query (queries can carry secrets), and of the key only its visible prefix.
 */
public final class AccessLog implements CompletedRequest.Listener {

    private static final Logger LOG = LoggerFactory.getLogger("access");

    @Override
    public void onComplete(CompletedRequest request) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        StringBuilder line = new StringBuilder(128)
                .append(request.method())
                .append(' ')
                .append(request.exchange().getRequestPath())
                .append(' ')
                .append(request.status())
                .append(' ')
                .append(request.duration().toMillis())
                .append("ms - ")
                .append(size(request.bytesSent()));
        CallInfo call = request.exchange().getAttachment(CallInfo.ATTACHMENT);
        if (call != null) {
            line.append(" provider=").append(call.provider()).append(" model=").append(call.model());
            if (call.cached()) {
                line.append(" cache=hit");
            }
        }
        ApiKey key = ApiKeyAuth.callerIfKnown(request.exchange());
        if (key != null) {
            line.append(" key=").append(key.prefix()).append('…');
        }
        LOG.info(line.toString());
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + "b";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1fkb", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1fmb", bytes / (1024.0 * 1024));
    }
}
