package pubsys.tuf;

import common.ErrorCategory;
import common.TwoliterException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Signs roles with the signers that root lists (§4.5): each signer is matched to a root key id; every matching key
 * listed for the role signs; fewer signatures than the threshold is an error.
 */
final class RoleSigner {
    private final Root root;
    private final Map<String, Signer> byKeyId;

    private RoleSigner(Root root, Map<String, Signer> byKeyId) {
        this.root = root;
        this.byKeyId = byKeyId;
    }

    static RoleSigner of(Root root, List<Signer> signers) throws TwoliterException {
        Map<String, Signer> byKeyId = new LinkedHashMap<>();
        for (Signer s : signers) {
            root.keys().forEach((id, key) -> {
                if (key.sameKeyAs(s.publicKey())) {
                    byKeyId.putIfAbsent(id, s);
                }
            });
        }
        if (byKeyId.isEmpty()) {
            throw new TwoliterException(ErrorCategory.BAD_INPUT, "KeysNotFoundInRoot: none of the signing keys "
                    + signers.stream().map(s -> "'" + s.publicKey().keyId() + "'").toList()
                    + " is listed in root.json's keys; sign with a key from root or update root");
        }
        return new RoleSigner(root, byKeyId);
    }

    <T extends Metadata> Signed<T> sign(Signed<T> unsigned) throws TwoliterException {
        Role role = unsigned.signed().role();
        RoleKeys roleKeys = root.roleKeys(role);
        byte[] message = unsigned.canonicalBytes();
        List<Signature> sigs = new ArrayList<>();
        for (String id : roleKeys.keyids()) {
            Signer signer = byKeyId.get(id);
            if (signer != null) {
                sigs.add(new Signature(id, HexFormat.of().formatHex(signer.sign(message))));
            }
        }
        if (sigs.size() < roleKeys.threshold()) {
            throw new TwoliterException(ErrorCategory.BAD_INPUT, "SigningKeysNotFound: role '" + role.jsonName()
                    + "' needs " + roleKeys.threshold() + " signature(s) from keys " + roleKeys.keyids()
                    + " but the signing keys provide " + sigs.size() + "; add its keys or fix root.json's roles");
        }
        return unsigned.withSignatures(sigs);
    }
}
