package pubsys.tuf;

import common.AtomicFiles;
import common.ErrorCategory;
import common.TwoliterException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Copies a target file into a repository under its (hash-prefixed) name, hashing while it copies. */
final class TargetCopier {
    private TargetCopier() {
    }

    /** Copies {@code file} into {@code out}; returns its length, sha256 and custom metadata. */
    static TargetInfo copy(TargetFile file, RepositoryLayout out, boolean consistent) throws TwoliterException {
        String name = file.name();
        Path source = file.path();
        try {
            Files.createDirectories(out.targetsDir());
            Path tmp = Files.createTempFile(out.targetsDir(), "." + name + ".", ".tmp");
            try {
                MessageDigest sha = sha256();
                long length;
                try (InputStream in = new DigestInputStream(Files.newInputStream(source), sha);
                     OutputStream os = Files.newOutputStream(tmp)) {
                    length = in.transferTo(os);
                }
                String hex = HexFormat.of().formatHex(sha.digest());
                // Published files are served to clients: readable by all, like the rest of the repository.
                java.nio.file.Files.setPosixFilePermissions(tmp,
                        java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
                AtomicFiles.move(tmp, out.target(name, hex, consistent));
                return TargetInfo.of(length, hex, file.custom());
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new TwoliterException(ErrorCategory.FAILURE,
                    "cannot copy target '" + name + "' from '" + source + "' into '" + out.targetsDir() + "': " + e);
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
