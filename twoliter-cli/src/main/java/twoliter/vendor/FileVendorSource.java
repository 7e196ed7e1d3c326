package twoliter.vendor;

import buildsys.fetch.Fetched;
import buildsys.fetch.FileNeed;
import buildsys.fetch.SourceFetcher;
import common.AtomicFiles;
import common.ErrorCategory;
import common.TwoliterException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * External files as {@code DIR/files/<file name>}, so that {@code DIR/files} works as a {@code --distdir}. Files are
 * fetched through the {@link SourceFetcher} (repository cache first) and copied from the verified cache copy.
 */
public final class FileVendorSource implements VendorSource {
    private final Map<String, FileNeed> needs = new LinkedHashMap<>();
    private final SourceFetcher fetcher;

    public FileVendorSource(List<FileNeed> needs, SourceFetcher fetcher) throws TwoliterException {
        for (FileNeed need : needs) {
            FileNeed other = this.needs.putIfAbsent(need.file().path(), need);
            if (other != null && !other.file().sha512().equals(need.file().sha512())) {
                throw TwoliterException.badInput("external file '" + need.file().path() + "' has sha512 '"
                        + need.file().sha512().hex().substring(0, 16) + "…' in " + need.packageLabel() + " but '"
                        + other.file().sha512().hex().substring(0, 16) + "…' in " + other.packageLabel() + "; a vendor"
                        + " directory holds one file per name, so give one of them another file name");
            }
        }
        this.fetcher = fetcher;
    }

    @Override
    public List<VendorItem> wanted() {
        return needs.values().stream()
                .map(n -> new VendorItem(VendorItem.Kind.FILE, n.file().path(), n.file().sha512().hex())).toList();
    }

    @Override
    public Optional<String> present(Path vendorDir, VendorItem item) throws TwoliterException {
        Path file = vendorDir.resolve(path(item));
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha512())) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return Optional.of(HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest()));
        } catch (IOException e) {
            throw new TwoliterException(ErrorCategory.FAILURE, "cannot read '" + file + "': " + e.getMessage(), e);
        }
    }

    @Override
    public String path(VendorItem item) {
        return VendorItem.Kind.FILE.dir() + "/" + item.name();
    }

    @Override
    public void copy(Path vendorDir, List<VendorItem> items) throws TwoliterException {
        List<FileNeed> toFetch = new ArrayList<>();
        items.forEach(item -> toFetch.add(needs.get(item.name())));
        for (Fetched fetched : fetcher.fetchAll(toFetch)) {
            Path target = vendorDir.resolve(VendorItem.Kind.FILE.dir()).resolve(fetched.need().file().path());
            try {
                Files.createDirectories(target.getParent());
                Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
                try {
                    Files.copy(fetched.path(), tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    AtomicFiles.move(tmp, target);
                } finally {
                    Files.deleteIfExists(tmp);
                }
            } catch (IOException e) {
                throw new TwoliterException(ErrorCategory.FAILURE, "cannot copy external file '"
                        + fetched.need().file().path() + "' into '" + target + "': " + e.getMessage(), e);
            }
        }
    }

    private static MessageDigest sha512() {
        try {
            return MessageDigest.getInstance("SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
