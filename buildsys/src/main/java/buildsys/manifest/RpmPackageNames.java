package buildsys.manifest;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The binary packages a spec file produces, read before anything is built: its main {@code Name:} and one name per
 * {@code %package} section ({@code %package devel} is {@code <name>-devel}, {@code %package -n x} is {@code x}).
 * It is not rpm: {@code %if} blocks are not evaluated, so a section in a branch the build would skip still counts.
 *
 * @param names the expanded names in spec order, e.g. {@code bottlerocket-kubelet-1.29}
 * @param unexpanded the names as written that use a macro {@link SpecMacros} cannot expand
 */
public record RpmPackageNames(List<String> names, List<String> unexpanded) {
    /** What the SDK's {@code %{_cross_os}} puts before every target RPM name. */
    public static final String PREFIX = SpecMacros.CROSS_OS;
    private static final Pattern DEFINITION = Pattern.compile("^\\s*%(global|define)\\s+(\\w+)(\\([^)]*\\))?\\s*(.*)$");
    private static final Pattern UNDEFINE = Pattern.compile("^\\s*%undefine\\s+(\\w+)");
    private static final Pattern PACKAGE = Pattern.compile("^\\s*%package(?:\\s+(.*))?$");
    private static final Pattern MAIN_TAG = Pattern.compile("^\\s*(Name|Version|Release|Epoch)\\s*:\\s*(\\S+)",
            Pattern.CASE_INSENSITIVE);
    // Any other section ends the main preamble, whose tags alone define %{name} and %{version}.
    private static final Pattern SECTION = Pattern.compile("^\\s*%(description|prep|build|install|check|clean"
            + "|files|changelog|pre|post|preun|postun|pretrans|posttrans|trigger\\w*|filetriggerin\\w*|verifyscript)"
            + "(\\s.*)?$");

    public RpmPackageNames {
        names = List.copyOf(names);
        unexpanded = List.copyOf(unexpanded);
    }

    /** The names that carry the SDK's {@code %{_cross_os}} prefix, without it: what variants list. */
    public List<String> withoutPrefix() {
        return withoutPrefix(names);
    }

    /** The RPM names of {@code rpmNames} that have the {@link #PREFIX}, without it; others are left out. */
    public static List<String> withoutPrefix(List<String> rpmNames) {
        return rpmNames.stream().filter(n -> n.startsWith(PREFIX) && n.length() > PREFIX.length())
                .map(n -> n.substring(PREFIX.length())).toList();
    }

    static RpmPackageNames parse(List<String> lines) {
        SpecMacros macros = new SpecMacros();
        Set<String> names = new LinkedHashSet<>();
        List<String> unexpanded = new ArrayList<>();
        String mainName = null;
        boolean mainPreamble = true;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher definition = DEFINITION.matcher(line);
            if (definition.matches()) {
                // A body ending in a backslash continues on the next line (rpm keeps the newline).
                StringBuilder body = new StringBuilder(definition.group(4).strip());
                while (body.toString().endsWith("\\") && i + 1 < lines.size()) {
                    body.setLength(body.length() - 1);
                    body.append('\n').append(lines.get(++i).strip());
                }
                if (definition.group(3) != null) {
                    continue; // a parametric macro: used with arguments, which names never are
                }
                if (definition.group(1).equals("global")) {
                    macros.defineGlobal(definition.group(2), body.toString());
                } else {
                    macros.define(definition.group(2), body.toString());
                }
                continue;
            }
            Matcher undefine = UNDEFINE.matcher(line);
            Matcher section = PACKAGE.matcher(line);
            Matcher tag = MAIN_TAG.matcher(line);
            if (undefine.find()) {
                macros.undefine(undefine.group(1));
            } else if (section.matches()) {
                mainPreamble = false;
                // rpm appends the suffix to %{name}, the expanded Name tag; without it, report the tag as written.
                String main = macros.isDefined("name") ? "%{name}" : mainName;
                subpackage(section.group(1), main).ifPresent(raw -> add(raw, macros, names, unexpanded));
            } else if (SECTION.matcher(line).matches()) {
                mainPreamble = false;
            } else if (mainPreamble && tag.find()) {
                String key = tag.group(1).toLowerCase();
                String value = tag.group(2);
                if (key.equals("name") && mainName == null) {
                    mainName = value;
                    add(value, macros, names, unexpanded);
                }
                macros.expand(value).ifPresent(expanded -> macros.define(key, expanded));
            }
        }
        return new RpmPackageNames(List.copyOf(names), unexpanded);
    }

    /** The name of a {@code %package} section as written: {@code -n x} is x, {@code y} is {@code main} plus -y. */
    private static Optional<String> subpackage(String arguments, String main) {
        String[] words = arguments == null ? new String[0] : arguments.strip().split("\\s+");
        for (int w = 0; w + 1 < words.length; w++) {
            if (words[w].equals("-n")) {
                return Optional.of(words[w + 1]);
            }
        }
        if (words.length == 0 || words[0].isEmpty() || words[0].startsWith("-") || main == null) {
            return Optional.empty();
        }
        return Optional.of(main + "-" + words[0]);
    }

    private static void add(String raw, SpecMacros macros, Set<String> names, List<String> unexpanded) {
        Optional<String> name = macros.expand(raw);
        if (name.isPresent() && !name.get().isBlank() && !name.get().contains("%")) {
            names.add(name.get());
        } else {
            unexpanded.add(raw);
        }
    }
}
