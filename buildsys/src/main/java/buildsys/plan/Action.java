package buildsys.plan;

import common.Arch;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One unit of work of a build: build the SDK, a package, a kit or a variant for one architecture. Its key is a
 * digest of everything that decides its output, so an equal key means an equal result.
 *
 * @param target the label of the manifest ({@code //packages/glibc}), or the SDK's label or image URI
 * @param env the declared values that enter the key besides files, e.g. the package name or the release version
 * @param dependencies the ids of the actions that must finish first, mapped to their keys
 * @param step which step of its target the action is, when a target takes several ({@code rootfs} and
 *     {@code image} for variants); empty otherwise
 */
public record Action(ActionKind kind, String target, Arch arch, String step, String key,
                     SortedMap<String, String> env, List<InputFile> inputs, SortedMap<String, String> dependencies) {
    public Action {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(step);
        Objects.requireNonNull(target);
        Objects.requireNonNull(arch);
        Objects.requireNonNull(key);
        env = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(env));
        inputs = List.copyOf(inputs);
        dependencies = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(dependencies));
    }

    /** A name unique within a plan: {@code package //packages/glibc x86_64}, {@code variant //variants/x x86_64 image}. */
    public String id() {
        return id(kind, target, arch, step);
    }

    static String id(ActionKind kind, String target, Arch arch, String step) {
        return kind.id() + " " + target + " " + arch.id() + (step.isEmpty() ? "" : " " + step);
    }
}
