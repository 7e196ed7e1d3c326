package pubsys.ssm;

import common.TwoliterException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A parameter name or value template in the subset of tinytemplate 1.2's syntax that SSM templates use
 * (pubsys.md §12): {@code { variable }} with optional spaces, {@code \{} for a literal brace, {@code {# comment #}},
 * the whitespace trims {@code {- x -}} and the built-in {@code | unescaped} formatter. Values are HTML-escaped as
 * tinytemplate's default formatter does. Blocks ({@code {{ if }}}, {@code {{ for }}}) are rejected: templates of
 * parameters have no use for them. Not thread-safe to build, immutable once parsed.
 */
final class Template {
    private sealed interface Part permits Literal, Value {
    }

    private record Literal(String text) implements Part {
    }

    private record Value(String variable, boolean escaped) implements Part {
    }

    private final String text;
    private final String where;
    private final List<Part> parts;

    private Template(String text, String where, List<Part> parts) {
        this.text = text;
        this.where = where;
        this.parts = List.copyOf(parts);
    }

    /**
     * Parses {@code text}.
     *
     * @param where how errors name the template, e.g. {@code defaults.toml:3:1: 'parameter[0].name'}
     */
    static Template parse(String text, String where) throws TwoliterException {
        return new Parser(text, where).parse();
    }

    String text() {
        return text;
    }

    /** The variables the template refers to, in order of first use. */
    Set<String> variables() {
        Set<String> names = new LinkedHashSet<>();
        for (Part part : parts) {
            if (part instanceof Value v) {
                names.add(v.variable());
            }
        }
        return names;
    }

    /** The text with every variable replaced by its value in {@code context}; an unknown variable is an error. */
    String render(Map<String, String> context) throws TwoliterException {
        StringBuilder out = new StringBuilder();
        for (Part part : parts) {
            if (part instanceof Literal l) {
                out.append(l.text());
            } else if (part instanceof Value v) {
                String value = context.get(v.variable());
                if (value == null) {
                    throw TwoliterException.badInput(where + ": template '" + text + "' uses unknown variable '"
                            + v.variable() + "'; the variables here are " + new TreeSet<>(context.keySet()));
                }
                if (v.escaped()) {
                    escapeHtml(value, out);
                } else {
                    out.append(value);
                }
            }
        }
        return out.toString();
    }

    /** tinytemplate's {@code escape}: exactly these five characters, with {@code '} as {@code &#39;}. */
    static void escapeHtml(String value, StringBuilder out) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '\'' -> out.append("&#39;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
    }

    @Override
    public String toString() {
        return text;
    }

    /** tinytemplate's compiler loop, reduced to text, values and comments; one part per tinytemplate instruction. */
    private static final class Parser {
        private final String text;
        private final String where;
        private final List<Part> parts = new ArrayList<>();
        private boolean trimNext;
        private int pos;

        Parser(String text, String where) {
            this.text = Objects.requireNonNull(text);
            this.where = Objects.requireNonNull(where);
        }

        Template parse() throws TwoliterException {
            while (pos < text.length()) {
                if (text.startsWith("{#", pos)) {
                    comment();
                } else if (text.startsWith("{{", pos)) {
                    throw error("blocks such as '{{ if x }}' are not supported in SSM parameter templates; use"
                            + " values like '{ variant }', and '\\{' for a literal brace");
                } else if (text.charAt(pos) == '{') {
                    value();
                } else {
                    text();
                }
            }
            List<Part> nonEmpty = new ArrayList<>();
            for (Part part : parts) {
                if (!(part instanceof Literal l && l.text().isEmpty())) {
                    nonEmpty.add(part);
                }
            }
            return new Template(text, where, nonEmpty);
        }

        private void comment() throws TwoliterException {
            trimNext = false;
            String inner = tag("#}").substring(2);
            inner = inner.substring(0, inner.length() - 2).strip();
            if (inner.startsWith("-")) {
                trimLastLiteral();
            }
            trimNext = inner.endsWith("-");
        }

        private void value() throws TwoliterException {
            trimNext = false;
            String inner = tag("}");
            inner = inner.substring(1, inner.length() - 1).strip();
            if (inner.startsWith("-")) {
                inner = inner.substring(1).strip();
                trimLastLiteral();
            }
            if (inner.endsWith("-")) {
                inner = inner.substring(0, inner.length() - 1).strip();
                trimNext = true;
            }
            boolean escaped = true;
            int bar = inner.indexOf('|');
            if (bar >= 0) {
                String formatter = inner.substring(bar + 1).strip();
                inner = inner.substring(0, bar).strip();
                if (!formatter.equals("unescaped")) {
                    throw error("unknown formatter '" + formatter + "'; only '| unescaped' is available");
                }
                escaped = false;
            }
            parts.add(new Value(inner, escaped));
        }

        /**
         * Text up to the next brace. "\{" is a literal brace, as in tinytemplate: the backslash is dropped and the
         * brace starts the next piece of text. A backslash at the very end stays (tinytemplate would index past the
         * end there).
         */
        private void text() {
            boolean escaped = false;
            do {
                int from = escaped ? pos + 1 : pos;
                int next = text.indexOf('{', from);
                int end = next < 0 ? text.length() : next;
                String chunk = text.substring(pos, end);
                pos = end;
                if (trimNext) {
                    chunk = chunk.stripLeading();
                    trimNext = false;
                }
                escaped = next >= 0 && chunk.endsWith("\\");
                if (escaped) {
                    chunk = chunk.substring(0, chunk.length() - 1);
                }
                parts.add(new Literal(chunk));
            } while (escaped);
        }

        /** The tag starting at {@code pos} through {@code close}, which must be on the same line (as tinytemplate). */
        private String tag(String close) throws TwoliterException {
            int lineEnd = text.indexOf('\n', pos);
            int found = text.indexOf(close, pos);
            if (found < 0 || (lineEnd >= 0 && found > lineEnd)) {
                throw error("the tag at offset " + pos + " has no closing '" + close + "' on its line; close it, or"
                        + " write '\\{' for a literal brace");
            }
            String tag = text.substring(pos, found + close.length());
            pos = found + close.length();
            return tag;
        }

        private void trimLastLiteral() {
            int last = parts.size() - 1;
            if (last >= 0 && parts.get(last) instanceof Literal l) {
                parts.set(last, new Literal(l.text().stripTrailing()));
            }
        }

        private TwoliterException error(String problem) {
            return TwoliterException.badInput(where + ": template '" + text + "': " + problem);
        }
    }
}
