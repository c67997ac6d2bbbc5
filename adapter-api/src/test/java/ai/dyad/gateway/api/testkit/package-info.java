/**
 * The adapter conformance kit, published as adapter-api's test jar
 * ({@code <type>test-jar</type>}, scope {@code test}). Extend
 * {@link ai.dyad.gateway.api.testkit.AdapterConformanceTest} in a plugin's tests; use
 * {@link ai.dyad.gateway.api.testkit.ConformanceSink} for checks of your own. Needs JUnit Jupiter on the test
 * class path and nothing else.
 */
package ai.dyad.gateway.api.testkit;
