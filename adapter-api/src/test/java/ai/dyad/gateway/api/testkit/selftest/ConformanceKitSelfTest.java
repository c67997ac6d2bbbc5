package ai.dyad.gateway.api.testkit.selftest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/** The kit's checks can fail: each broken adapter is caught by the check that guards its rule. */
class ConformanceKitSelfTest {

    @ParameterizedTest
    @EnumSource(
            value = ReferenceAdapter.Flaw.class,
            names = {"NONE"},
            mode = EnumSource.Mode.EXCLUDE)
    void catchesABrokenAdapter(ReferenceAdapter.Flaw flaw) {
        Events tests = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(suiteFor(flaw)))
                .execute()
                .testEvents();

        List<String> failed =
                tests.failed().stream().map(ConformanceKitSelfTest::name).toList();
        assertThat(failed).containsAll(expectedFailures(flaw));
        assertThat(tests.succeeded().count()).isPositive();
    }

    private static List<String> expectedFailures(ReferenceAdapter.Flaw flaw) {
        return switch (flaw) {
            case NEVER_ENDS -> List.of("streamsTheAnswerAndEndsItOnce()", "answersTheSameWithAndWithoutStreaming()");
            case EMITS_AFTER_END -> List.of("streamsTheAnswerAndEndsItOnce()", "keepsConcurrentCallsApart()");
            case THROWS_RAW_EXCEPTION -> List.of("reportsBackendFailuresAsAdapterErrors()");
            case IGNORES_CANCEL -> List.of("stopsWorkingWhenTheCallIsCancelled()");
            case KEEPS_EMITTING -> List.of("stopsEmittingOnceTheClientIsGone()");
            case NONE -> List.of();
        };
    }

    private static Class<?> suiteFor(ReferenceAdapter.Flaw flaw) {
        return switch (flaw) {
            case NEVER_ENDS -> NeverEnds.class;
            case EMITS_AFTER_END -> EmitsAfterEnd.class;
            case THROWS_RAW_EXCEPTION -> ThrowsRawException.class;
            case IGNORES_CANCEL -> IgnoresCancel.class;
            case KEEPS_EMITTING -> KeepsEmitting.class;
            case NONE -> ReferenceAdapterConformanceTest.class;
        };
    }

    private static String name(Event event) {
        return event.getTestDescriptor().getDisplayName();
    }

    // Static nested suites: run only through the engine kit above, never by Surefire on their own.

    static class NeverEnds extends ReferenceAdapterConformanceTest {
        @Override
        protected ReferenceAdapter.Flaw flaw() {
            return ReferenceAdapter.Flaw.NEVER_ENDS;
        }
    }

    static class EmitsAfterEnd extends ReferenceAdapterConformanceTest {
        @Override
        protected ReferenceAdapter.Flaw flaw() {
            return ReferenceAdapter.Flaw.EMITS_AFTER_END;
        }
    }

    static class ThrowsRawException extends ReferenceAdapterConformanceTest {
        @Override
        protected ReferenceAdapter.Flaw flaw() {
            return ReferenceAdapter.Flaw.THROWS_RAW_EXCEPTION;
        }
    }

    static class IgnoresCancel extends ReferenceAdapterConformanceTest {
        @Override
        protected ReferenceAdapter.Flaw flaw() {
            return ReferenceAdapter.Flaw.IGNORES_CANCEL;
        }

        @Override
        protected java.time.Duration hangGuard() {
            return java.time.Duration.ofSeconds(2);
        }
    }

    static class KeepsEmitting extends ReferenceAdapterConformanceTest {
        @Override
        protected ReferenceAdapter.Flaw flaw() {
            return ReferenceAdapter.Flaw.KEEPS_EMITTING;
        }
    }
}
