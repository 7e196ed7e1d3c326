package oci;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** A scripted {@link Transport}: answers from a function of the request and records every request. */
final class FakeTransport implements Transport {
    /** One scripted answer; may throw to simulate a connection failure. */
    @FunctionalInterface
    interface Answer {
        Response answer(Request request) throws IOException;
    }

    final List<Request> requests = new ArrayList<>();
    private final Deque<Answer> script = new ArrayDeque<>();
    private Function<Request, Response> fallback = r -> { throw new AssertionError("unexpected " + r); };

    FakeTransport then(Answer answer) {
        script.add(answer);
        return this;
    }

    FakeTransport thenStatus(int status, Map<String, List<String>> headers, String body) {
        return then(r -> Response.of(status, headers, body.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    FakeTransport otherwise(Function<Request, Response> answer) {
        this.fallback = answer;
        return this;
    }

    @Override
    public Response send(Request request) throws IOException {
        requests.add(request);
        Answer next = script.poll();
        return next != null ? next.answer(request) : fallback.apply(request);
    }

    List<String> lines() {
        return requests.stream().map(r -> r.method() + " " + r.uri()).toList();
    }
}
