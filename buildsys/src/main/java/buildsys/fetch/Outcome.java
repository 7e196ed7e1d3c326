package buildsys.fetch;

import java.nio.file.Path;

/** What one place offered for an external file: the verified cache entry, the wrong bytes, or nothing usable. */
sealed interface Outcome {
    /** The bytes matched and now sit in the repository cache. */
    record Stored(Path path) implements Outcome {
    }

    /** The place served bytes with another digest; nothing was kept. */
    record Mismatch(String actualHex) implements Outcome {
    }

    /** The place had no file, or could not be read; {@code reason} is for the user ({@code 404 Not Found}). */
    record Unavailable(String reason) implements Outcome {
    }
}
