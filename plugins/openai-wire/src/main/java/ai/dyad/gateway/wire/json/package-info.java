/** The Jackson configuration of the wire codecs and conversions to the API's plain-Java JSON values. */
package ai.dyad.gateway.wire.json;
