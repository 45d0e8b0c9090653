package dev.ccproxy.testsupport.cycle.one;

import dev.ccproxy.testsupport.cycle.two.CallsOne;

/** Half of a package cycle that ArchitectureTest's cycle rule must refuse. */
public final class CallsTwo {

    public CallsOne other() {
        return new CallsOne();
    }
}
