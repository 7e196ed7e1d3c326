package buildsys.plan;

import common.TwoliterException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Content digests of project files, each file read at most once per run. */
final class InputDigests {
    private final Path root;
    private final Map<String, InputFile> memo = new ConcurrentHashMap<>();

    InputDigests(Path root) {
        this.root = root;
    }

    /** The input record of a project-relative path. */
    InputFile of(String relativePath) throws TwoliterException {
        InputFile known = memo.get(relativePath);
        if (known != null) {
            return known;
        }
        Path file = root.resolve(relativePath);
        InputFile computed = new InputFile(relativePath, sha256(file, relativePath), Files.isExecutable(file));
        memo.put(relativePath, computed);
        return computed;
    }

    private static String sha256(Path file, String name) throws TwoliterException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw TwoliterException.badInput("cannot read input file '" + name + "': " + e.getMessage());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
