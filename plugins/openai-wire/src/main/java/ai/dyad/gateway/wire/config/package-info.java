/** The config keys the HTTP adapter types share, so their names and meaning match across plugins. */
package ai.dyad.gateway.wire.config;
