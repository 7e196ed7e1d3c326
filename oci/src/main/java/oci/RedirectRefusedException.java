package oci;

import java.io.IOException;

/** A redirect the transport will not follow (to a scheme other than http or https): permanent, so never retried. */
final class RedirectRefusedException extends IOException {
    RedirectRefusedException(String message) {
        super(message);
    }
}
