package buildsys.graph;

import buildsys.manifest.Label;
import common.Names;
import common.TwoliterException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Parses target patterns and evaluates them against the targets of a project. */
public final class TargetPatterns {
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._+-]+");
    private static final List<String> ALL_SUFFIXES = List.of(":all", ":*", ":all-targets");
    static final String RULE = "a pattern is a label such as '//packages/glibc', a directory followed by '/...' such"
            + " as '//packages/...' or '//...', or a directory followed by ':all'; relative forms ('glibc', '...')"
            + " start from the current directory, '@repo//...' selects in a kit project composed by"
            + " Twoliter.override, and a leading '-' (after '--') excludes";

    private TargetPatterns() {
    }

    /**
     * Parses one pattern.
     *
     * @param workingDir the current directory relative to the project root ("" at the root), for relative patterns
     */
    public static TargetPattern parse(String text, String workingDir) throws TwoliterException {
        boolean negative = text.startsWith("-");
        String body = negative ? text.substring(1) : text;
        String repository = Label.MAIN;
        if (body.startsWith("@")) {
            int slashes = body.indexOf("//");
            repository = slashes < 0 ? body.substring(1) : body.substring(1, slashes);
            if (slashes < 0 || !Label.isRepositoryName(repository)) {
                throw invalid(text, "a repository is written '@name//' followed by a directory or '...'");
            }
            body = body.substring(slashes);
        }
        String path;
        if (body.startsWith("//")) {
            path = body.substring(2);
        } else if (body.startsWith("/")) {
            throw invalid(text, "absolute file paths are not patterns");
        } else {
            boolean joinsWithSlash = !workingDir.isEmpty() && !body.isEmpty() && !body.startsWith(":");
            path = workingDir + (joinsWithSlash ? "/" : "") + body;
        }
        String suffix = ALL_SUFFIXES.stream().filter(path::endsWith).findFirst().orElse(null);
        if (suffix != null) {
            String dir = path.substring(0, path.length() - suffix.length());
            checkSegments(text, dir);
            return new TargetPattern.InDirectory(text, negative, repository, dir);
        }
        if (path.contains(":")) {
            throw invalid(text, "the only target after ':' is 'all'");
        }
        if (path.equals("...") || path.endsWith("/...")) {
            String dir = path.equals("...") ? "" : path.substring(0, path.length() - 4);
            checkSegments(text, dir);
            return new TargetPattern.Beneath(text, negative, repository, dir);
        }
        checkSegments(text, path);
        if (path.isEmpty()) {
            throw invalid(text, "it names no directory");
        }
        return new TargetPattern.Single(text, negative, new Label(repository, path));
    }

    public static List<TargetPattern> parseAll(Collection<String> texts, String workingDir)
            throws TwoliterException {
        List<TargetPattern> patterns = new ArrayList<>();
        for (String text : texts) {
            patterns.add(parse(text, workingDir));
        }
        return patterns;
    }

    /**
     * Evaluates patterns left to right: positive ones add what they match, negative ones remove it. A positive
     * pattern that matches nothing is an error, so typos never pass silently.
     */
    public static SortedSet<Label> evaluate(List<TargetPattern> patterns, SortedSet<Label> universe)
            throws TwoliterException {
        SortedSet<Label> result = new TreeSet<>();
        for (TargetPattern pattern : patterns) {
            List<Label> matched = universe.stream().filter(pattern::matches).toList();
            if (matched.isEmpty() && !pattern.negative()) {
                throw noMatch(pattern, universe);
            }
            if (pattern.negative()) {
                matched.forEach(result::remove);
            } else {
                result.addAll(matched);
            }
        }
        return result;
    }

    private static TwoliterException noMatch(TargetPattern pattern, SortedSet<Label> universe) {
        String all = (pattern.repository().isEmpty() ? "" : "@" + pattern.repository()) + "//...";
        if (pattern instanceof TargetPattern.Single single) {
            List<String> names = universe.stream().map(Label::toString).toList();
            return TwoliterException.badInput(Names.withHint("no target '" + single.label() + "' (from '"
                    + pattern.text() + "'): a target is a directory holding a workspace Cargo.toml",
                    single.label().toString(), names, "List the targets with 'twoliter query " + all + "'."));
        }
        return TwoliterException.badInput("pattern '" + pattern.text() + "' matches no target; list the targets"
                + " with 'twoliter query " + all + "'");
    }

    private static void checkSegments(String text, String dir) throws TwoliterException {
        if (dir.isEmpty()) {
            return;
        }
        for (String segment : dir.split("/", -1)) {
            if (segment.equals("...")) {
                throw invalid(text, "'...' may only end a pattern");
            }
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")
                    || !SEGMENT.matcher(segment).matches()) {
                throw invalid(text, "directory segments are made of letters, digits and . _ + - and may not be"
                        + " empty, '.' or '..'");
            }
        }
    }

    private static TwoliterException invalid(String text, String why) {
        return TwoliterException.badInput("invalid target pattern '" + text + "': " + why + "; " + RULE);
    }
}
