package common.toml;

import common.TwoliterException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.tomlj.Toml;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;

/**
 * A parsed TOML file that remembers its display name, so that every error about it can say
 * {@code Twoliter.toml:7:3: 'release-version' ...}.
 */
public final class TomlFile {
    private final String name;
    private final TomlParseResult result;

    private TomlFile(String name, TomlParseResult result) {
        this.name = name;
        this.result = result;
    }

    /**
     * Reads and parses a TOML file.
     *
     * @param displayName how messages name the file, usually its path relative to the project root
     */
    public static TomlFile read(Path path, String displayName) throws TwoliterException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw TwoliterException.badInput("file '" + displayName + "' does not exist");
        } catch (IOException e) {
            throw TwoliterException.badInput("cannot read '" + displayName + "': " + e.getMessage());
        }
        return parse(utf8(bytes, displayName), displayName);
    }

    /** The text of a TOML file, which must be UTF-8 (TOML 1.0, "Spec"). */
    private static String utf8(byte[] bytes, String displayName) throws TwoliterException {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(in).toString();
        } catch (CharacterCodingException e) {
            // The decoder stops at the first bad byte.
            int offset = in.position();
            int line = 1;
            for (int i = 0; i < offset; i++) {
                line += bytes[i] == '\n' ? 1 : 0;
            }
            throw TwoliterException.badInput(displayName + ":" + line + ": not UTF-8 text (byte 0x"
                    + String.format("%02x", bytes[Math.min(offset, bytes.length - 1)] & 0xff) + " at offset "
                    + offset + "); TOML files must be UTF-8: save the file as UTF-8, or check that it is the file"
                    + " you meant");
        }
    }

    public static TomlFile parse(String text, String displayName) throws TwoliterException {
        TomlParseResult result = Toml.parse(text);
        List<TomlParseError> errors = result.errors();
        if (!errors.isEmpty()) {
            TomlParseError first = errors.get(0);
            throw TwoliterException.badInput(displayName + ":" + first.position().line() + ":"
                    + first.position().column() + ": invalid TOML: " + first.getMessage()
                    + "; fix the syntax at that position");
        }
        return new TomlFile(displayName, result);
    }

    public String name() {
        return name;
    }

    public TomlNode root() {
        return new TomlNode(this, result, List.of());
    }
}
