package oci;

import common.Causes;
import java.io.IOException;
import java.time.Duration;

/** A {@link Transport} that tries again, per a {@link RetryPolicy}, on connection failures and 5xx/429 answers. */
final class RetryingTransport implements Transport {
    /** Waits; a port so that tests do not sleep. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final Transport delegate;
    private final RetryPolicy policy;
    private final Sleeper sleeper;

    RetryingTransport(Transport delegate, RetryPolicy policy, Sleeper sleeper) {
        this.delegate = delegate;
        this.policy = policy;
        this.sleeper = sleeper;
    }

    @Override
    public Response send(Request request) throws IOException {
        for (int attempt = 1; ; attempt++) {
            boolean last = attempt >= policy.maxAttempts();
            try {
                Response response = delegate.send(request);
                if (last || !RetryPolicy.retryable(response.status())) {
                    return response;
                }
                response.close();
            } catch (RedirectRefusedException e) {
                throw e;
            } catch (IOException e) {
                if (last) {
                    throw new IOException(Causes.describe(e) + " (after " + attempt + " attempts)", e);
                }
            }
            try {
                sleeper.sleep(policy.backoffAfter(attempt));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while retrying " + request.uri(), e);
            }
        }
    }
}
