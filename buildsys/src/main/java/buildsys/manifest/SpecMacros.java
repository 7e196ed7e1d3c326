package buildsys.manifest;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The macros one spec file defines, expanded the way rpm expands them in names: {@code %name}, {@code %{name}},
 * {@code %{?name}}, {@code %{?name:text}}, {@code %{!?name:text}}, {@code %{expand:text}} and {@code %%}. It knows
 * only the SDK's {@code %{_cross_os}} and {@code %{nil}} besides the spec's own definitions; anything else (shell
 * {@code %(...)}, lua, parametric macros, the SDK's other macros) makes a text unexpandable rather than guessed.
 */
final class SpecMacros {
    /** The SDK's prefix of every RPM it builds for the target (sdk-contract.md, "%{_cross_os}"). */
    static final String CROSS_OS = "bottlerocket-";
    // Deep enough for any real chain; stops a macro that refers to itself.
    private static final int MAX_DEPTH = 32;
    /** Macro uses one expansion may make: macros that use others several times grow exponentially otherwise. */
    private static final int MAX_USES = 10_000;
    private static final int MAX_LENGTH = 4_096;
    private int uses;

    private final Map<String, String> bodies = new HashMap<>();

    SpecMacros() {
        bodies.put("_cross_os", CROSS_OS);
        bodies.put("nil", "");
    }

    /** {@code %define}: the body is expanded at each use. */
    void define(String name, String body) {
        bodies.put(name, body);
    }

    /**
     * {@code %global}: rpm expands the body once, now. A body that cannot be expanded yet is kept as written, so it
     * still fails (or succeeds, if its macros are defined later) when used.
     */
    void defineGlobal(String name, String body) {
        bodies.put(name, expand(body).orElse(body));
    }

    boolean isDefined(String name) {
        return bodies.containsKey(name);
    }

    void undefine(String name) {
        bodies.remove(name);
    }

    /** The expanded text, or empty when it uses a macro this spec does not define. */
    Optional<String> expand(String text) {
        try {
            uses = 0;
            return Optional.of(expand(text, 0));
        } catch (Unexpandable e) {
            return Optional.empty();
        }
    }

    private String expand(String text, int depth) throws Unexpandable {
        if (depth > MAX_DEPTH) {
            throw new Unexpandable();
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            char next = i + 1 < text.length() ? text.charAt(i + 1) : 0;
            if (c != '%' || next == 0) {
                out.append(c);
                i++;
            } else if (next == '%') {
                out.append('%');
                i += 2;
            } else if (next == '{') {
                int close = closingBrace(text, i + 1);
                out.append(macro(text.substring(i + 2, close), depth));
                i = close + 1;
            } else if (next == '?' || next == '!' || isNameChar(next)) {
                // The unbraced form: %name, %?name, %!?name; the name ends at the first other character.
                int end = i + 1;
                while (end < text.length() && (text.charAt(end) == '?' || text.charAt(end) == '!')) {
                    end++;
                }
                while (end < text.length() && isNameChar(text.charAt(end))) {
                    end++;
                }
                out.append(macro(text.substring(i + 1, end), depth));
                i = end;
            } else {
                // %( shell ), %[ expression ] and friends need rpm itself.
                throw new Unexpandable();
            }
            if (out.length() > MAX_LENGTH) {
                throw new Unexpandable();
            }
        }
        return out.toString();
    }

    /** One macro use without its {@code %{ }}: {@code [!][?]name[:argument]}. */
    private String macro(String use, int depth) throws Unexpandable {
        if (++uses > MAX_USES) {
            throw new Unexpandable();
        }
        int i = 0;
        boolean negate = false;
        boolean conditional = false;
        while (i < use.length() && (use.charAt(i) == '!' || use.charAt(i) == '?')) {
            negate |= use.charAt(i) == '!';
            conditional |= use.charAt(i) == '?';
            i++;
        }
        int nameEnd = i;
        while (nameEnd < use.length() && isNameChar(use.charAt(nameEnd))) {
            nameEnd++;
        }
        String name = use.substring(i, nameEnd);
        String rest = use.substring(nameEnd);
        if (name.isEmpty() || !(rest.isEmpty() || rest.startsWith(":"))) {
            throw new Unexpandable(); // arguments, or something that is not a macro name
        }
        String argument = rest.isEmpty() ? null : rest.substring(1);
        boolean defined = bodies.containsKey(name);
        if (conditional) {
            if (defined == negate) {
                return "";
            }
            return expand(argument != null ? argument : negate ? "" : bodies.get(name), depth + 1);
        }
        if (name.equals("expand") && argument != null) {
            return expand(argument, depth + 1);
        }
        if (!defined || argument != null) {
            throw new Unexpandable();
        }
        return expand(bodies.get(name), depth + 1);
    }

    private static int closingBrace(String text, int open) throws Unexpandable {
        int nesting = 0;
        for (int i = open; i < text.length(); i++) {
            if (text.charAt(i) == '{') {
                nesting++;
            } else if (text.charAt(i) == '}' && --nesting == 0) {
                return i;
            }
        }
        throw new Unexpandable();
    }

    private static boolean isNameChar(char c) {
        return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }

    /** A text uses what this class cannot expand; control flow only, so it carries no stack. */
    private static final class Unexpandable extends Exception {
        Unexpandable() {
            super(null, null, false, false);
        }
    }
}
