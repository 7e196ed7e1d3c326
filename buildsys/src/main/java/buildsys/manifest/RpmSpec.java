package buildsys.manifest;

import common.TwoliterException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of an RPM spec file the build needs before rpmbuild runs: its Name and Version tags, its Source/Patch
 * lines, whether it has any BuildRequires, and the names of the binary packages it produces. It reads tags as rpm
 * does ({@code Source2:foo} is a source, unlike upstream's whitespace split).
 */
public record RpmSpec(String file, Optional<String> name, Optional<String> version, List<Source> sources,
                      boolean hasBuildRequires, RpmPackageNames packageNames) {
    private static final Pattern TAG = Pattern.compile(
            "^\\s*(Name|Version|BuildRequires|(?:Source|Patch)\\d*)\\s*:\\s*(\\S+)",
            Pattern.CASE_INSENSITIVE);

    public RpmSpec {
        Objects.requireNonNull(file);
        Objects.requireNonNull(name);
        Objects.requireNonNull(version);
        sources = List.copyOf(sources);
        Objects.requireNonNull(packageNames);
    }

    /** One {@code SourceN:} or {@code PatchN:} line. */
    public record Source(String tag, String value, int line) {
        /**
         * True for a file expected beside the spec: a plain file name without macros. URLs and macro-built names
         * (those come from external-files or the build) are not.
         */
        public boolean isLocalFile() {
            return !value.contains("%") && !value.contains("/") && !value.isEmpty();
        }
    }

    public static RpmSpec read(Path path, String displayName) throws TwoliterException {
        List<String> lines;
        try {
            lines = lines(Files.readAllBytes(path));
        } catch (NoSuchFileException e) {
            throw TwoliterException.badInput("spec file '" + displayName + "' does not exist");
        } catch (IOException e) {
            throw TwoliterException.badInput("cannot read spec file '" + displayName + "': " + e.getMessage());
        }
        return parse(lines, displayName);
    }

    /**
     * The lines of a spec, split as {@link Files#readAllLines} splits them. rpm reads a spec as bytes, so a Latin-1
     * name in {@code %changelog} is fine there: each line is decoded as UTF-8 where it is valid and as Latin-1
     * otherwise, which never fails and keeps every ASCII tag and macro as written.
     */
    static List<String> lines(byte[] bytes) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n' || bytes[i] == '\r') {
                lines.add(decode(bytes, start, i));
                if (bytes[i] == '\r' && i + 1 < bytes.length && bytes[i + 1] == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        if (start < bytes.length) {
            lines.add(decode(bytes, start, bytes.length));
        }
        return lines;
    }

    private static String decode(byte[] bytes, int from, int to) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, from, to - from)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
        }
    }

    static RpmSpec parse(List<String> lines, String displayName) {
        Optional<String> name = Optional.empty();
        Optional<String> version = Optional.empty();
        List<Source> sources = new ArrayList<>();
        boolean buildRequires = false;
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = TAG.matcher(lines.get(i));
            if (!m.find()) {
                continue;
            }
            String tag = m.group(1);
            String value = m.group(2);
            if (tag.equalsIgnoreCase("Name")) {
                name = name.or(() -> Optional.of(value));
            } else if (tag.equalsIgnoreCase("Version")) {
                version = version.or(() -> Optional.of(value));
            } else if (tag.equalsIgnoreCase("BuildRequires")) {
                buildRequires = true;
            } else {
                sources.add(new Source(tag, value, i + 1));
            }
        }
        return new RpmSpec(displayName, name, version, sources, buildRequires, RpmPackageNames.parse(lines));
    }
}
