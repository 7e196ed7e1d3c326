package pubsys.ssm;

import common.TwoliterException;
import java.util.List;
import java.util.Map;

/**
 * The SSM calls the commands need, per region. Failures that the algorithms react to (an unknown namespace, a
 * throttled or failed put) are values; anything else is a {@link TwoliterException}.
 */
interface ParameterStore {
    /** SSM's GetParameters takes at most this many names. */
    int MAX_NAMES_PER_GET = 10;

    /** What GetParameters found for a chunk of names. */
    sealed interface Fetch {
        /** The values of the names that exist; names that do not are absent. */
        record Found(Map<String, String> values) implements Fetch {
            public Found {
                values = Map.copyOf(values);
            }
        }

        /**
         * SSM said the names' namespace is not valid, which it does in a region that has never held a parameter
         * of that path; upstream treats the names as new.
         */
        record InvalidNamespace(String message) implements Fetch {
        }
    }

    /** The outcome of one PutParameter. */
    sealed interface Put {
        record Done() implements Put {
        }

        /** Refused by rate limiting: not a failure of the request, it should be sent again later, more slowly. */
        record Throttled(String message) implements Put {
        }

        record Failed(String message) implements Put {
        }
    }

    /** GetParameters for at most {@link #MAX_NAMES_PER_GET} names. */
    Fetch get(String region, List<String> names) throws TwoliterException;

    /** PutParameter(Name, Value, Type=String, Overwrite=true). */
    Put put(String region, String name, String value) throws TwoliterException;

    /** Every parameter under {@code path} (GetParametersByPath, recursive, all pages). */
    Map<String, String> byPath(String region, String path) throws TwoliterException;
}
