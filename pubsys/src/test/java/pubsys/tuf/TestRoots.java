package pubsys.tuf;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds signed root.json files for tests, as tuftool / pubsys-setup would. */
final class TestRoots {
    static final Instant FAR = Instant.parse("2099-01-01T00:00:00Z");

    private TestRoots() {
    }

    /** A consistent-snapshot root: {@code rootKey} signs root; {@code roleKeys} are listed for the other roles. */
    static Path write(Path file, Signer rootKey, List<Signer> roleKeys, int threshold) throws Exception {
        Map<String, TufKey> keys = new LinkedHashMap<>();
        keys.put(rootKey.publicKey().keyId(), rootKey.publicKey());
        roleKeys.forEach(s -> keys.put(s.publicKey().keyId(), s.publicKey()));
        List<String> ids = roleKeys.stream().map(s -> s.publicKey().keyId()).toList();
        Map<Role, RoleKeys> roles = new EnumMap<>(Role.class);
        roles.put(Role.ROOT, new RoleKeys(List.of(rootKey.publicKey().keyId()), 1));
        for (Role r : List.of(Role.TARGETS, Role.SNAPSHOT, Role.TIMESTAMP)) {
            roles.put(r, new RoleKeys(ids, threshold));
        }
        Root root = new Root("1.0.0", true, 1, FAR, keys, roles);
        Signed<Root> signed = RoleSigner.of(root, List.of(rootKey)).sign(Signed.unsigned(root));
        Files.write(file, signed.toFileBytes());
        return file;
    }

    static Path write(Path file, Signer key) throws Exception {
        return write(file, key, List.of(key), 1);
    }
}
