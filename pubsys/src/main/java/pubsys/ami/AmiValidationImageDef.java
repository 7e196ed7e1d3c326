package pubsys.ami;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import common.TwoliterException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code validate-ami} compares for one AMI: id, name, public, launch permissions (absent means "not
 * checked"), ENA support and SR-IOV support. Expected files may omit the last four (an amis.json has no ENA or
 * SR-IOV fields), which then take upstream's defaults: private, unchecked, ENA on, SR-IOV {@code simple}.
 */
public record AmiValidationImageDef(String id, String name, boolean isPublic,
                                    Optional<List<LaunchPermission>> launchPermissions, boolean enaSupport,
                                    String sriovNetSupport) {
    public AmiValidationImageDef {
        Objects.requireNonNull(id);
        Objects.requireNonNull(name);
        launchPermissions = launchPermissions.map(List::copyOf);
        Objects.requireNonNull(sriovNetSupport);
    }

    /** This definition without launch permissions: upstream does not check them for public images. */
    AmiValidationImageDef withoutLaunchPermissions() {
        return new AmiValidationImageDef(id, name, isPublic, Optional.empty(), enaSupport, sriovNetSupport);
    }

    /**
     * Whether {@code actual} matches this definition field by field. Launch permissions compare as sets: EC2 does
     * not promise an order, and upstream's order-sensitive comparison could report a correct image as incorrect.
     */
    boolean matches(AmiValidationImageDef actual) {
        return id.equals(actual.id) && name.equals(actual.name) && isPublic == actual.isPublic
                && enaSupport == actual.enaSupport && sriovNetSupport.equals(actual.sriovNetSupport)
                && launchPermissions.map(AmiValidationImageDef::sorted)
                .equals(actual.launchPermissions.map(AmiValidationImageDef::sorted));
    }

    private static List<LaunchPermission> sorted(List<LaunchPermission> perms) {
        return perms.stream().sorted(Comparator.comparing(LaunchPermission::kind)
                .thenComparing(LaunchPermission::value)).toList();
    }

    /** Reads one definition of the expected file; {@code where} names it in messages. */
    static AmiValidationImageDef parse(JsonNode n, String where) throws TwoliterException {
        if (!n.isObject()) {
            throw TwoliterException.badInput(where + ": expected an image {\"id\": ..., \"name\": ...}, got " + n);
        }
        String id = text(n, "id", where, null);
        String name = text(n, "name", where, null);
        JsonNode perms = n.path("launch_permissions");
        Optional<List<LaunchPermission>> launch = Optional.empty();
        if (perms.isArray()) {
            launch = Optional.of(permissions((ArrayNode) perms, where + " '" + id + "'"));
        } else if (!perms.isMissingNode() && !perms.isNull()) {
            throw TwoliterException.badInput(where + " '" + id + "': 'launch_permissions' must be a list or null,"
                    + " got " + perms);
        }
        return new AmiValidationImageDef(id, name, bool(n, "public", where, false), launch,
                bool(n, "ena_support", where, true), text(n, "sriov_net_support", where, "simple"));
    }

    private static List<LaunchPermission> permissions(ArrayNode list, String where) throws TwoliterException {
        List<LaunchPermission> out = new ArrayList<>();
        for (JsonNode p : list) {
            if (!p.isObject() || p.size() != 1 || !p.elements().next().isTextual()) {
                throw TwoliterException.badInput(where + ": launch permission " + p + " must be one of"
                        + " {\"group\": ...}, {\"userid\": ...}, {\"organizationarn\": ...},"
                        + " {\"organizationalunitarn\": ...}");
            }
            String key = p.fieldNames().next();
            out.add(new LaunchPermission(LaunchPermission.Kind.fromKey(key), p.get(key).asText()));
        }
        return out;
    }

    private static String text(JsonNode n, String field, String where, String fallback) throws TwoliterException {
        JsonNode v = n.path(field);
        if (v.isTextual()) {
            return v.asText();
        }
        if ((v.isMissingNode() || v.isNull()) && fallback != null) {
            return fallback;
        }
        throw TwoliterException.badInput(where + ": '" + field + "' must be a string"
                + (v.isMissingNode() ? " and is missing" : ", got " + v));
    }

    private static boolean bool(JsonNode n, String field, String where, boolean fallback) throws TwoliterException {
        JsonNode v = n.path(field);
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        if (v.isMissingNode() || v.isNull()) {
            return fallback;
        }
        throw TwoliterException.badInput(where + ": '" + field + "' must be true or false, got " + v);
    }

    /** The JSON form of results files, with upstream's field names. */
    ObjectNode toJson() {
        ObjectNode n = JsonNodeFactory.instance.objectNode().put("id", id).put("name", name).put("public", isPublic);
        if (launchPermissions.isPresent()) {
            ArrayNode list = n.putArray("launch_permissions");
            launchPermissions.get().forEach(p -> list.addObject().put(p.kind().key(), p.value()));
        } else {
            n.putNull("launch_permissions");
        }
        return n.put("ena_support", enaSupport).put("sriov_net_support", sriovNetSupport);
    }
}
