package ai.dyad.gateway.host.usage;

import ai.dyad.gateway.host.admin.AdminModule;
import ai.dyad.gateway.host.admin.AdminRoutes;
import ai.dyad.gateway.host.http.ApiError;
import ai.dyad.gateway.host.http.JsonFields;
import ai.dyad.gateway.host.http.JsonResponses;
import ai.dyad.gateway.host.registry.ApiKeyRepository;
import ai.dyad.gateway.host.registry.UsageCounts;
import ai.dyad.gateway.host.registry.UsageRepository;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Methods;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /admin/api-keys/{id}/usage[?days=N]}: the key's totals, today's counts (UTC) and its daily
 * rows per model for the last N days (default 30). This instance's unwritten counts are flushed first;
 * other instances' reach the store within a few seconds.
 */
public final class UsageAdminModule implements AdminModule {

    private final UsageRepository usage;
    private final ApiKeyRepository keys;
    private final UsageRecorder recorder;
    private final JsonResponses responses;
    private final Clock clock;

    public UsageAdminModule(
            UsageRepository usage,
            ApiKeyRepository keys,
            UsageRecorder recorder,
            JsonResponses responses,
            Clock clock) {
        this.usage = usage;
        this.keys = keys;
        this.recorder = recorder;
        this.responses = responses;
        this.clock = clock;
    }

    @Override
    public void register(AdminRoutes routes) {
        routes.add(Methods.GET, "/api-keys/{id}/usage", this::report);
    }

    private void report(HttpServerExchange exchange) {
        String id = AdminRoutes.param(exchange, "id");
        int days = days(exchange);
        // Usage outlives a deleted key, but an id that never was a key is a mistake worth a 404.
        if (keys.findById(id).isEmpty() && usage.totals(id).isEmpty()) {
            throw ApiError.notFound("api_key_not_found", "id", "no API key has the id '" + id + "'")
                    .exception();
        }
        recorder.flush();
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        List<UsageCounts> daily = usage.daily(id, today.minusDays(days - 1L));
        UsageCounts totals = usage.totals(id).orElse(new UsageCounts(id, null, null, 0, 0, 0, null));
        List<UsageCounts> todays =
                daily.stream().filter(row -> row.day().equals(today)).toList();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("object", "api_key.usage");
        out.put("keyId", id);
        out.put("totalRequests", totals.requests());
        out.put("totalTokens", totals.totalTokens());
        out.put("promptTokens", totals.promptTokens());
        out.put("completionTokens", totals.completionTokens());
        out.put("lastUsed", totals.lastUsed() == null ? null : totals.lastUsed().toString());
        out.put(
                "requestsToday",
                todays.stream().mapToLong(UsageCounts::requests).sum());
        out.put(
                "tokensToday",
                todays.stream().mapToLong(UsageCounts::totalTokens).sum());
        out.put("daily", daily.stream().map(UsageAdminModule::row).toList());
        responses.send(exchange, 200, out);
    }

    private static int days(HttpServerExchange exchange) {
        Deque<String> given = exchange.getQueryParameters().get("days");
        if (given == null || given.isEmpty()) {
            return 30;
        }
        try {
            int days = Integer.parseInt(given.getFirst());
            if (days >= 1 && days <= 366) {
                return days;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw JsonFields.invalid("days", "'days' must be an integer from 1 to 366");
    }

    private static Map<String, Object> row(UsageCounts counts) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("date", counts.day().toString());
        out.put("model", counts.model());
        out.put("requests", counts.requests());
        out.put("promptTokens", counts.promptTokens());
        out.put("completionTokens", counts.completionTokens());
        out.put("totalTokens", counts.totalTokens());
        return out;
    }
}
