package twoliter.kits;

import common.TwoliterException;
import java.nio.file.Path;
import oci.Digest;

/**
 * Reads one SDK or kit image: from its registry, or from a local OCI layout that Twoliter.override points at. Every
 * document and small blob returned has been checked against its digest; {@link #blobFile} is checked by its reader.
 */
public interface ImageSource extends AutoCloseable {
    /** The registry URI or path, for messages. */
    String location();

    /** The tag's top-level document (normally an index) as served: the bytes the lock digest is taken over. */
    byte[] topDocument() throws TwoliterException;

    /** An image manifest of the index, by digest. */
    byte[] manifest(Digest digest) throws TwoliterException;

    /** A small blob such as a config, by digest. */
    byte[] blob(Digest digest) throws TwoliterException;

    /**
     * A file holding blob {@code digest}: downloaded into {@code cacheDir/blobs/sha256/} unless already there, or the
     * layout's own file. Callers verify the content as they stream it.
     */
    Path blobFile(Digest digest, Path cacheDir) throws TwoliterException;

    @Override
    void close();
}
