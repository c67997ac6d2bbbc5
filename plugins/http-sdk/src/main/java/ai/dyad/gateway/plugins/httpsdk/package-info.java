/** The {@code http-sdk} adapter type: vendor HTTP APIs. Values are non-null unless documented {@code nullable}. */
package ai.dyad.gateway.plugins.httpsdk;
