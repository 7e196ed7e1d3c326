package twoliter.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** Prints {@code twoliter <version>}, the form upstream's install scripts parse (the second field). */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"twoliter " + version()};
    }

    /** This build's version, from the jar's resources. */
    static String version() {
        Properties properties = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("/twoliter/version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            // Fall through to "unknown": the version only labels output.
        }
        return properties.getProperty("version", "unknown");
    }
}
