package pubsys.infra;

import common.TwoliterException;
import common.toml.TomlFile;
import common.toml.TomlNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Infra.toml: the publishing infrastructure (repositories, AWS, vendors' registries). Unknown keys are errors where
 * upstream denies them, so typos do not pass silently (pubsys.md §2.1).
 */
public record InfraConfig(SortedMap<String, RepoConfig> repos, AwsConfig aws, SortedMap<String, String> vendors) {
    private static final Set<String> TOP = Set.of("repo", "aws", "vmware", "vendor");
    private static final Set<String> REPO = Set.of("root_role_url", "root_role_sha512", "signing_keys",
            "metadata_base_url", "targets_url", "root_keys", "root_key_threshold", "pub_key_threshold",
            "file_hosting_config_name");
    private static final Set<String> AWS = Set.of("regions", "profile", "role", "ssm_prefix", "s3", "region");

    public InfraConfig {
        repos = Collections.unmodifiableSortedMap(new TreeMap<>(repos));
        Objects.requireNonNull(aws);
        vendors = Collections.unmodifiableSortedMap(new TreeMap<>(vendors));
    }

    public static InfraConfig empty() {
        return new InfraConfig(new TreeMap<>(), AwsConfig.empty(), new TreeMap<>());
    }

    /**
     * Reads the Infra.toml at {@code path}, or the all-default configuration when it is absent and
     * {@code required} is false.
     */
    public static InfraConfig load(Path path, boolean required) throws TwoliterException {
        if (Files.exists(path.resolveSibling("Infra.lock"))) {
            throw TwoliterException.notImplemented("'" + path.resolveSibling("Infra.lock") + "' (YAML) is not"
                    + " supported yet; move its settings to Infra.toml");
        }
        if (!Files.exists(path)) {
            if (required) {
                throw TwoliterException.badInput("'" + path + "' does not exist; this command needs Infra.toml"
                        + " (see PUBLISH_INFRA_CONFIG_PATH)");
            }
            return empty();
        }
        return parse(TomlFile.read(path, path.getFileName().toString()));
    }

    static InfraConfig parse(TomlFile file) throws TwoliterException {
        TomlNode root = file.root();
        denyUnknown(root, TOP);
        SortedMap<String, RepoConfig> repos = new TreeMap<>();
        Optional<TomlNode> repoTable = root.optTable("repo");
        if (repoTable.isPresent()) {
            for (String name : repoTable.get().keys()) {
                repos.put(name, repo(repoTable.get().optTable(name).orElseThrow()));
            }
        }
        AwsConfig aws = root.optTable("aws").isPresent() ? aws(root.optTable("aws").get()) : AwsConfig.empty();
        SortedMap<String, String> vendors = new TreeMap<>();
        Optional<TomlNode> vendorTable = root.optTable("vendor");
        if (vendorTable.isPresent()) {
            for (String name : vendorTable.get().keys()) {
                vendors.put(name, vendorTable.get().optTable(name).orElseThrow().string("registry"));
            }
        }
        return new InfraConfig(repos, aws, vendors);
    }

    private static RepoConfig repo(TomlNode table) throws TwoliterException {
        denyUnknown(table, REPO);
        Optional<URI> rootUrl = url(table, "root_role_url");
        Optional<String> rootSha = table.optString("root_role_sha512");
        if (rootUrl.isPresent() != rootSha.isPresent()) {
            throw table.error(rootUrl.isPresent() ? "root_role_url" : "root_role_sha512", "needs its partner:"
                    + " give root_role_url and root_role_sha512 together");
        }
        Optional<SigningKeySource> keys = table.optTable("signing_keys").isPresent()
                ? Optional.of(signingKeys(table.optTable("signing_keys").get())) : Optional.empty();
        return new RepoConfig(rootUrl, rootSha, keys, url(table, "metadata_base_url"), url(table, "targets_url"));
    }

    private static SigningKeySource signingKeys(TomlNode table) throws TwoliterException {
        List<String> kinds = new ArrayList<>(table.keys());
        if (kinds.size() != 1 || !Set.of("file", "kms", "ssm").contains(kinds.get(0))) {
            throw TwoliterException.badInput(table.location(null) + ": 'signing_keys' must hold exactly one of"
                    + " file = { path }, kms = { key_id }, ssm = { parameter }; got " + kinds);
        }
        TomlNode source = table.optTable(kinds.get(0)).orElseThrow();
        return switch (kinds.get(0)) {
            case "file" -> new SigningKeySource.File(Path.of(source.string("path")));
            case "kms" -> new SigningKeySource.Kms(source.string("key_id"), stringMap(source, "available_keys"));
            default -> new SigningKeySource.Ssm(source.string("parameter"));
        };
    }

    private static AwsConfig aws(TomlNode table) throws TwoliterException {
        denyUnknown(table, AWS);
        Map<String, String> regionRoles = new LinkedHashMap<>();
        Optional<TomlNode> regions = table.optTable("region");
        if (regions.isPresent()) {
            for (String region : regions.get().keys()) {
                TomlNode regional = regions.get().optTable(region).orElseThrow();
                denyUnknown(regional, Set.of("role"));
                regional.optString("role").ifPresent(role -> regionRoles.put(region, role));
            }
        }
        return new AwsConfig(table.optStringList("regions").orElse(List.of()), table.optString("profile"),
                table.optString("role"), regionRoles, table.optString("ssm_prefix"));
    }

    private static Map<String, String> stringMap(TomlNode table, String key) throws TwoliterException {
        Map<String, String> values = new LinkedHashMap<>();
        Optional<TomlNode> map = table.optTable(key);
        if (map.isPresent()) {
            for (String name : map.get().keys()) {
                values.put(name, map.get().string(name));
            }
        }
        return values;
    }

    private static Optional<URI> url(TomlNode table, String key) throws TwoliterException {
        Optional<String> text = table.optString(key);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(text.get());
            if (uri.getScheme() == null) {
                throw new URISyntaxException(text.get(), "no scheme");
            }
            return Optional.of(uri);
        } catch (URISyntaxException e) {
            throw table.error(key, "is '" + text.get() + "', which is not a URL such as https://example.com/ or"
                    + " file:///srv/repo/");
        }
    }

    private static void denyUnknown(TomlNode table, Set<String> known) throws TwoliterException {
        for (String key : table.keys()) {
            if (!known.contains(key)) {
                throw table.error(key, "is not a known key here; the known keys are " + new TreeSet<>(known));
            }
        }
    }
}
