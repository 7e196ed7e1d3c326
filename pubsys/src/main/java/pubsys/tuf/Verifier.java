package pubsys.tuf;

import common.ErrorCategory;
import common.TwoliterException;
import java.security.GeneralSecurityException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;

/** Checks a role's signatures against a root's keys and threshold, as tough's loader does (§4.5). */
public final class Verifier {
    private Verifier() {
    }

    /** Fails unless at least {@code threshold} distinct keys listed for {@code role} validly signed {@code file}. */
    public static void verify(Root root, Role role, Signed<?> metadata, String file) throws TwoliterException {
        RoleKeys roleKeys = root.roleKeys(role);
        byte[] message = metadata.canonicalBytes();
        Set<String> valid = new HashSet<>();
        for (Signature s : metadata.signatures()) {
            TufKey key = root.keys().get(s.keyid());
            if (roleKeys.keyids().contains(s.keyid()) && key != null && !valid.contains(s.keyid())
                    && verifies(key, message, s.sig())) {
                valid.add(s.keyid());
            }
        }
        if (valid.size() < roleKeys.threshold()) {
            throw new TwoliterException(ErrorCategory.FAILURE, "'" + file + "' (" + role.jsonName()
                    + ") was signed by " + valid.size() + " of the " + roleKeys.threshold()
                    + " keys root requires; the file was altered or signed with keys root does not list");
        }
    }

    static boolean verifies(TufKey key, byte[] message, String sigHex) {
        try {
            java.security.Signature v = key.keyScheme().newSignature();
            v.initVerify(key.publicKey());
            v.update(message);
            return v.verify(HexFormat.of().parseHex(sigHex));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // A malformed key or signature is simply not a valid signature.
            return false;
        }
    }
}
