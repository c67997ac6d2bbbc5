/**
 * The HTTP side shared by the plugins that call HTTP upstreams: one pooled OkHttp client per plugin,
 * per-provider upstreams that apply credentials, timeouts and cancellation, and the reading of error
 * bodies with secrets removed. Values are non-null unless documented {@code nullable}.
 */
package ai.dyad.gateway.wire.http;
