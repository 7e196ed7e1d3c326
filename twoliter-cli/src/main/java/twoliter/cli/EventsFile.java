package twoliter.cli;

import buildsys.plan.Action;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import common.AtomicFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes build events as JSON lines: one {@code action} line per action and a closing {@code summary} line. The
 * field names are an interface CI pipelines rely on; keep them.
 */
final class EventsFile {
    private static final JsonFactory JSON = new JsonFactory();

    private EventsFile() {
    }

    /** Writes a dry run's events: every action {@code planned}, nothing executed. */
    static void write(Path file, List<Action> planned) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (Action action : planned) {
            line(bytes, g -> {
                g.writeStringField("event", "action");
                g.writeStringField("target", action.target());
                g.writeStringField("kind", action.kind().id());
                g.writeStringField("arch", action.arch().id());
                g.writeStringField("status", "planned");
                g.writeStringField("key", action.key());
                g.writeNumberField("millis", 0);
            });
        }
        line(bytes, g -> {
            g.writeStringField("event", "summary");
            g.writeNumberField("planned", planned.size());
            g.writeNumberField("executed", 0);
            g.writeNumberField("cached", 0);
            g.writeNumberField("failed", 0);
        });
        AtomicFiles.write(file, bytes.toByteArray());
    }

    private interface Fields {
        void write(JsonGenerator generator) throws IOException;
    }

    private static void line(ByteArrayOutputStream out, Fields fields) throws IOException {
        try (JsonGenerator generator = JSON.createGenerator(out)) {
            generator.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            generator.writeStartObject();
            fields.write(generator);
            generator.writeEndObject();
        }
        out.write('\n');
    }
}
