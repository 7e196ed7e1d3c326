package pubsys.tuf;

import common.ErrorCategory;
import common.TwoliterException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;

/** A repository whose metadata chain {@link RepositoryLoader} verified; targets are checked when read. */
public record LoadedRepository(RepositoryLayout layout, Signed<Root> root, Signed<Timestamp> timestamp,
                               Signed<Snapshot> snapshot, Signed<Targets> targetsMetadata) {
    public LoadedRepository {
        Objects.requireNonNull(layout);
        Objects.requireNonNull(root);
        Objects.requireNonNull(timestamp);
        Objects.requireNonNull(snapshot);
        Objects.requireNonNull(targetsMetadata);
    }

    /** Target names and their signed length, hashes and custom metadata. */
    public Map<String, TargetInfo> listTargets() {
        return targetsMetadata.signed().targets();
    }

    /** The file holding target {@code name} (hash-prefixed in consistent-snapshot repositories). */
    public Path targetPath(String name) throws TwoliterException {
        return layout.target(name, info(name).sha256(), root.signed().consistentSnapshot());
    }

    /** Checks that target {@code name}'s file has the signed length and sha256. */
    public void verifyTarget(String name) throws TwoliterException {
        TargetInfo info = info(name);
        Path file = targetPath(name);
        MessageDigest sha = TargetCopier.sha256();
        long length;
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
            length = in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new TwoliterException(ErrorCategory.FAILURE, "cannot read target '" + name + "' at '" + file
                    + "': " + e);
        }
        String actual = HexFormat.of().formatHex(sha.digest());
        if (length != info.length() || !actual.equals(info.sha256())) {
            throw new TwoliterException(ErrorCategory.FAILURE, "target file '" + file + "' has length " + length
                    + " and sha256 '" + actual + "', targets.json says " + info.length() + " and '" + info.sha256()
                    + "'; the file was altered or truncated");
        }
    }

    /** Verifies every target file. */
    public void verifyTargets() throws TwoliterException {
        for (String name : listTargets().keySet()) {
            verifyTarget(name);
        }
    }

    private TargetInfo info(String name) throws TwoliterException {
        TargetInfo info = listTargets().get(name);
        if (info == null) {
            throw TwoliterException.badInput("no target named '" + name + "' in '" + layout.metadataDir() + "'");
        }
        return info;
    }
}
