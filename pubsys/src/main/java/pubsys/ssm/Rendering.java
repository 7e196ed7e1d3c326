package pubsys.ssm;

import common.TwoliterException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import pubsys.ami.AmiRecord;

/** Renders parameter templates into full SSM names (prefix joined) and values (pubsys.md §12). */
final class Rendering {
    /** A rendered parameter of {@code ssm} and the image its value came from, for the public-namespace check. */
    record ImageParameter(String value, String imageId) {
    }

    private Rendering() {
    }

    /** Every template for every region's image of {@code amis}, keyed by region and prefixed name. */
    static SortedMap<SsmKey, ImageParameter> forImages(List<ParameterTemplate> templates, BuildContext build,
                                                        Map<String, AmiRecord> amis, String prefix)
            throws TwoliterException {
        SortedMap<SsmKey, ImageParameter> out = new TreeMap<>();
        Map<SsmKey, Template> origin = new HashMap<>();
        for (Map.Entry<String, AmiRecord> image : amis.entrySet()) {
            Map<String, String> vars = build.variables(image.getKey(), image.getValue());
            for (ParameterTemplate t : templates) {
                SsmKey key = new SsmKey(image.getKey(), SsmNames.join(prefix, t.name().render(vars)));
                unique(origin, key, t.name());
                out.put(key, new ImageParameter(t.value().render(vars), image.getValue().id()));
            }
        }
        return out;
    }

    /**
     * The prefixed name of each template (same order) with only the build's variables, as {@code promote-ssm}
     * renders them; a name that uses {@code image_id} or {@code region} cannot be promoted and is an error.
     */
    static List<String> names(List<ParameterTemplate> templates, BuildContext build, String prefix)
            throws TwoliterException {
        List<String> names = new ArrayList<>();
        Map<SsmKey, Template> origin = new HashMap<>();
        for (ParameterTemplate t : templates) {
            String name = SsmNames.join(prefix, t.name().render(build.variables()));
            unique(origin, new SsmKey("", name), t.name());
            names.add(name);
        }
        return names;
    }

    // Upstream keeps the last of two templates that render the same name; that is always a mistake in the file.
    private static void unique(Map<SsmKey, Template> origin, SsmKey key, Template template) throws TwoliterException {
        Template before = origin.putIfAbsent(key, template);
        if (before != null) {
            throw TwoliterException.badInput("templates '" + before.text() + "' and '" + template.text() + "' both"
                    + " render the parameter name '" + key.name() + "'; make the names distinct or limit them with"
                    + " 'variant' or 'arch'");
        }
    }
}
