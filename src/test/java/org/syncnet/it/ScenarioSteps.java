package org.syncnet.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The progress of a scenario, a class of ordered steps ({@link org.junit.jupiter.api.Order}): a step calls
 * {@link #require} first and {@link #passed} last, so the steps after a failed one are skipped. JUnit makes an
 * instance of the class per step, so a scenario keeps this in a static field.
 */
final class ScenarioSteps {
    private volatile int passed;

    /** Skips the calling step unless the steps up to {@code step} passed. */
    void require(int step) {
        assumeTrue(passed >= step, "an earlier step of the scenario failed");
    }

    void passed(int step) {
        passed = step;
    }

    /** The number of the last step that passed (0: none). */
    int passed() {
        return passed;
    }
}
