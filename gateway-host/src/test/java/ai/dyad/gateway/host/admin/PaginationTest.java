package ai.dyad.gateway.host.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.dyad.gateway.host.http.ApiException;
import ai.dyad.gateway.host.registry.Page;
import ai.dyad.gateway.host.registry.PageRequest;
import ai.dyad.gateway.host.registry.SortOrder;
import io.undertow.server.HttpServerExchange;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PaginationTest {

    private final Pagination pagination =
            new Pagination(Map.of("name", "name", "created", "createdAt"), List.of(new SortOrder("name", true)));

    private static QueryParams query(String... nameValues) {
        HttpServerExchange exchange = new HttpServerExchange(null);
        for (int i = 0; i + 1 < nameValues.length; i += 2) {
            exchange.addQueryParam(nameValues[i], nameValues[i + 1]);
        }
        return QueryParams.of(exchange, Pagination.PARAMS);
    }

    @Test
    void defaultsToTheFirstPageOfTen() {
        PageRequest request = pagination.parse(query());

        assertThat(request).isEqualTo(new PageRequest(1, 10, List.of(new SortOrder("name", true))));
    }

    @Test
    void readsSortKeysInOrderMappedToStoredFields() {
        PageRequest request = pagination.parse(query("page", "3", "limit", "25", "sortBy", "created:desc,name"));

        assertThat(request.page()).isEqualTo(3);
        assertThat(request.limit()).isEqualTo(25);
        assertThat(request.sort()).containsExactly(new SortOrder("createdAt", false), new SortOrder("name", true));
        assertThat(request.offset()).isEqualTo(50);
    }

    @Test
    void capsTheLimitInsteadOfRefusingIt() {
        assertThat(pagination.parse(query("limit", "100000")).limit()).isEqualTo(Pagination.MAX_LIMIT);
        assertThat(pagination
                        .parse(query("limit", "123456789012345678901234567890"))
                        .limit())
                .isEqualTo(Pagination.MAX_LIMIT);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "page|0|page",
                "page|-1|page",
                "page|1.5|page",
                "limit|none|limit",
                "sortBy|colour|sortBy",
                "sortBy|name:sideways|sortBy",
                "sortBy|name:asc,|sortBy",
                "sortBy|name:asc:desc|sortBy",
                "sortBy|name,name|sortBy"
            })
    void refusesBadValuesNamingTheParameter(String name, String value, String param) {
        assertThatThrownBy(() -> pagination.parse(query(name, value)))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.error().param()).isEqualTo(param));
    }

    @Test
    void refusesUnknownAndRepeatedParameters() {
        HttpServerExchange exchange = new HttpServerExchange(null);
        exchange.addQueryParam("pgae", "2");
        assertThatThrownBy(() -> QueryParams.of(exchange, Set.of("page")))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.error().code()).isEqualTo("unknown_parameter"));

        HttpServerExchange twice = new HttpServerExchange(null);
        twice.addQueryParam("page", "1");
        twice.addQueryParam("page", "2");
        assertThatThrownBy(() -> QueryParams.of(twice, Set.of("page"))).isInstanceOf(ApiException.class);
    }

    @Test
    void describesThePageForClients() {
        Map<String, Object> body = Pagination.body(new Page<>(List.of("x", "y"), 2, 2, 5), s -> s.toUpperCase());

        assertThat(body)
                .containsExactly(
                        Map.entry("results", List.of("X", "Y")),
                        Map.entry("page", 2),
                        Map.entry("limit", 2),
                        Map.entry("totalPages", 3L),
                        Map.entry("totalResults", 5L),
                        Map.entry("hasNextPage", true),
                        Map.entry("hasPrevPage", true));
        assertThat(new Page<>(List.of(), 1, 10, 0).totalPages()).isZero();
        assertThat(new Page<>(List.of(), 1, 10, 0).hasNextPage()).isFalse();
    }
}
