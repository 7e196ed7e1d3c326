package pubsys.ssm;

import common.TwoliterException;
import common.toml.TomlFile;
import common.toml.TomlNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import pubsys.aws.Ec2Arch;

/**
 * Reads an SSM parameter template file such as {@code policies/ssm/defaults.toml} (pubsys.md §2.3, §12):
 * {@code [[parameter]] name = "...", value = "...", variant = [...], arch = [...]}.
 */
final class ParameterTemplates {
    private ParameterTemplates() {
    }

    /** Every template of {@code file}; a file without any is an error, as upstream. */
    static List<ParameterTemplate> read(Path file) throws TwoliterException {
        return parse(TomlFile.read(file, file.toString()));
    }

    static List<ParameterTemplate> parse(TomlFile file) throws TwoliterException {
        List<ParameterTemplate> templates = new ArrayList<>();
        for (TomlNode p : file.root().tableArray("parameter")) {
            templates.add(new ParameterTemplate(template(p, "name"), template(p, "value"),
                    p.optStringList("variant").orElse(List.of()), arches(p)));
        }
        if (templates.isEmpty()) {
            throw TwoliterException.badInput("Found no parameter templates in " + file.name() + "; add"
                    + " [[parameter]] tables with 'name' and 'value'");
        }
        return List.copyOf(templates);
    }

    /** The templates whose variant and arch lists allow {@code variant} and {@code arch}. */
    static List<ParameterTemplate> applicable(List<ParameterTemplate> templates, String variant, Ec2Arch arch) {
        return templates.stream().filter(t -> t.appliesTo(variant, arch)).toList();
    }

    private static Template template(TomlNode p, String key) throws TwoliterException {
        return Template.parse(p.string(key), p.location(key) + ": '" + p.keyPath(key) + "'");
    }

    // Upstream compares the arch list with the EC2 name (x86_64, arm64), so the README's arch = ["aarch64"] never
    // matches (a QUIRK, pubsys.md §12). We normalise both spellings, so "aarch64" and "arm64" both select arm64
    // images; a name that is neither is an error rather than a filter that silently never matches.
    private static Set<Ec2Arch> arches(TomlNode p) throws TwoliterException {
        Optional<List<String>> names = p.optStringList("arch");
        Set<Ec2Arch> arches = EnumSet.noneOf(Ec2Arch.class);
        for (String name : names.orElse(List.of())) {
            try {
                arches.add(Ec2Arch.parse(name));
            } catch (TwoliterException e) {
                throw p.error("arch", "has unknown architecture '" + name + "'; use x86_64 or aarch64 (arm64)");
            }
        }
        return arches;
    }
}
