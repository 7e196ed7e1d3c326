package twoliter.cli;

import buildsys.exec.ActionOutcome;
import buildsys.exec.ActionStatus;
import buildsys.exec.BuildSummary;
import buildsys.plan.Action;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Build events as JSON lines: one {@code action} line per action and a closing {@code summary} line. The field
 * names are an interface CI pipelines rely on; keep them. Actions that never started keep the status "planned".
 */
final class EventsFile {
    private static final JsonFactory JSON = new JsonFactory();

    private EventsFile() {
    }

    static byte[] planned(List<Action> actions) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        actions.forEach(a -> action(bytes, a, "planned", 0));
        summary(bytes, actions.size(), 0, 0, 0);
        return bytes.toByteArray();
    }

    static byte[] executed(BuildSummary summary) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (ActionOutcome outcome : summary.outcomes()) {
            String status = outcome.status() == ActionStatus.SKIPPED ? "planned" : outcome.status().id();
            action(bytes, outcome.action(), status, outcome.duration().toMillis());
        }
        summary(bytes, summary.outcomes().size(), summary.count(ActionStatus.EXECUTED),
                summary.count(ActionStatus.CACHED), summary.count(ActionStatus.FAILED));
        return bytes.toByteArray();
    }

    private static void action(ByteArrayOutputStream out, Action action, String status, long millis) {
        line(out, g -> {
            g.writeStringField("event", "action");
            g.writeStringField("target", action.target());
            g.writeStringField("kind", action.kind().id());
            g.writeStringField("arch", action.arch().id());
            if (!action.step().isEmpty()) {
                // Variants run as two steps (rootfs, image); the other fields keep their meaning.
                g.writeStringField("step", action.step());
            }
            g.writeStringField("status", status);
            g.writeStringField("key", action.key());
            g.writeNumberField("millis", millis);
        });
    }

    private static void summary(ByteArrayOutputStream out, long planned, long executed, long cached, long failed) {
        line(out, g -> {
            g.writeStringField("event", "summary");
            g.writeNumberField("planned", planned);
            g.writeNumberField("executed", executed);
            g.writeNumberField("cached", cached);
            g.writeNumberField("failed", failed);
        });
    }

    private interface Fields {
        void write(JsonGenerator generator) throws IOException;
    }

    private static void line(ByteArrayOutputStream out, Fields fields) {
        try (JsonGenerator generator = JSON.createGenerator(out)) {
            generator.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            generator.writeStartObject();
            fields.write(generator);
            generator.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        out.write('\n');
    }
}
