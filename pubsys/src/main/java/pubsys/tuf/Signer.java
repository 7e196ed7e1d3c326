package pubsys.tuf;

import common.TwoliterException;

/** A TUF signing key: a local file, or KMS / SSM ({@code pubsys.keys}). Never reveals the private key. */
public interface Signer {
    /** The public half, as tough would write it in root.json. */
    TufKey publicKey();

    /** The raw signature over {@code message} (canonical JSON of a role's {@code signed}). */
    byte[] sign(byte[] message) throws TwoliterException;
}
