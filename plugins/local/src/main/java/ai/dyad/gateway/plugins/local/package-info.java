/** The {@code local} adapter type: model servers on this machine or the LAN. */
package ai.dyad.gateway.plugins.local;
