package pubsys.tuf;

import common.TwoliterException;

/** A TUF signing key: local key files now, KMS or SSM later. Implementations never reveal the private key. */
public interface Signer {
    /** The public half, as tough would write it in root.json. */
    TufKey publicKey();

    /** The raw signature over {@code message} (canonical JSON of a role's {@code signed}). */
    byte[] sign(byte[] message) throws TwoliterException;
}
