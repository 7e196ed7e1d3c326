package twoliter.cli;

import common.TwoliterException;

/** The one way commands say a capability is not written yet: exit 2, nothing done. */
final class NotYet {
    private NotYet() {
    }

    static TwoliterException of(String what) {
        return TwoliterException.notImplemented(what + " is not implemented in this version of twoliter yet;"
                + " nothing was done");
    }
}
