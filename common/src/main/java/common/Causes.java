package common;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.UnresolvedAddressException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Says why an exception happened, in words for an error message: never {@code null}, which is what
 * {@link Throwable#getMessage()} gives for many network failures.
 */
public final class Causes {
    /**
     * What a message-less exception means, most telling first: java.net.http reports a refused connection as a
     * ConnectException over a ConnectException over a ClosedChannelException, and an unknown host with an
     * UnresolvedAddressException at the bottom, none of them with a message (JDK 17).
     */
    private static final Map<Class<? extends Throwable>, String> MEANINGS = meanings();

    private Causes() {
    }

    /**
     * The first message in {@code e}'s cause chain; when none has one, what the exception types mean with the type
     * named, e.g. {@code connection refused or host unreachable (ConnectException)}; else the simple class name.
     */
    public static String describe(Throwable e) {
        List<Throwable> chain = chain(e);
        for (Throwable t : chain) {
            String message = t.getMessage();
            // Throwable(cause) copies cause.toString() into the message: that says nothing the cause does not.
            boolean copied = t.getCause() != null && t.getCause().toString().equals(message);
            if (message != null && !message.isBlank() && !copied) {
                // An unknown host's message is often the bare host name.
                return (t instanceof UnknownHostException ? "unknown host: " : "") + message.strip();
            }
        }
        for (Map.Entry<Class<? extends Throwable>, String> meaning : MEANINGS.entrySet()) {
            for (Throwable t : chain) {
                if (meaning.getKey().isInstance(t)) {
                    return meaning.getValue() + " (" + t.getClass().getSimpleName() + ")";
                }
            }
        }
        return e.getClass().getSimpleName();
    }

    private static List<Throwable> chain(Throwable e) {
        List<Throwable> chain = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = e; t != null && seen.add(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    private static Map<Class<? extends Throwable>, String> meanings() {
        Map<Class<? extends Throwable>, String> meanings = new LinkedHashMap<>();
        meanings.put(UnresolvedAddressException.class, "unknown host");
        meanings.put(UnknownHostException.class, "unknown host");
        meanings.put(HttpTimeoutException.class, "timed out");
        meanings.put(SocketTimeoutException.class, "timed out");
        meanings.put(ConnectException.class, "connection refused or host unreachable");
        meanings.put(ClosedChannelException.class, "connection closed");
        meanings.put(EOFException.class, "ended early");
        return Collections.unmodifiableMap(meanings);
    }
}
