package pubsys.tuf;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import common.TwoliterException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Shared JSON plumbing for TUF files: parsing, pretty output, datetimes, sha256. */
final class TufJson {
    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final ObjectWriter PRETTY = MAPPER.writer(new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"))
            .withSeparators(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("")
                    .withArrayEmptySeparator("")));

    private static final Pattern FOUR_DIGIT_YEAR = Pattern.compile("\\d{4}-");

    private TufJson() {
    }

    static ObjectNode parseObject(byte[] bytes, String file) throws TwoliterException {
        try {
            JsonNode node = MAPPER.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw TwoliterException.badInput("TUF file '" + file + "' is not a JSON object");
            }
            return (ObjectNode) node;
        } catch (IOException e) {
            throw TwoliterException.badInput("TUF file '" + file + "' is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    /** Pretty JSON with 2-space indent plus a final newline, as tough writes metadata (serde to_vec_pretty). */
    static byte[] pretty(JsonNode node) {
        try {
            return (PRETTY.writeValueAsString(node) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    /** RFC 3339 in UTC with 0, 3, 6 or 9 fraction digits, as chrono's AutoSi renders (pubsys.md §4.2). */
    static String datetime(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }

    static Instant parseDatetime(String text, String where) throws TwoliterException {
        // java.time takes '+82316574-04-13T...'; RFC 3339 (and chrono, so tough) has exactly four year digits.
        if (!FOUR_DIGIT_YEAR.matcher(text).lookingAt()) {
            throw TwoliterException.badInput(where + " must be an RFC 3339 datetime, got '" + text + "'");
        }
        try {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text, Instant::from);
        } catch (DateTimeParseException e) {
            throw TwoliterException.badInput(where + " must be an RFC 3339 datetime, got '" + text + "'");
        }
    }

    static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(sha256(bytes));
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
