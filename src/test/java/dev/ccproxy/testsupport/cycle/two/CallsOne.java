package dev.ccproxy.testsupport.cycle.two;

import dev.ccproxy.testsupport.cycle.one.CallsTwo;

/** The other half of the package cycle in ArchitectureTest. */
public final class CallsOne {

    public CallsTwo other() {
        return new CallsTwo();
    }
}
