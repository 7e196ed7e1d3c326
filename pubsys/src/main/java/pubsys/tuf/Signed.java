package pubsys.tuf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import common.TwoliterException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A metadata file: the {@code signed} role plus its {@code signatures}. {@code signedJson} is the exact tree that
 * was (or will be) signed, so unknown fields of a loaded file survive verification.
 */
public record Signed<T extends Metadata>(T signed, ObjectNode signedJson, List<Signature> signatures) {
    public Signed {
        Objects.requireNonNull(signed);
        signedJson = signedJson.deepCopy();
        signatures = List.copyOf(signatures);
    }

    /** Not yet signed. */
    public static <T extends Metadata> Signed<T> unsigned(T signed) {
        return new Signed<>(signed, signed.toJson(), List.of());
    }

    @Override
    public ObjectNode signedJson() {
        return signedJson.deepCopy();
    }

    /** The bytes signatures are over: canonical JSON of {@code signed}. */
    public byte[] canonicalBytes() {
        return CanonicalJson.bytes(signedJson);
    }

    public Signed<T> withSignatures(List<Signature> newSignatures) {
        return new Signed<>(signed, signedJson, newSignatures);
    }

    public ObjectNode toJson() {
        ObjectNode n = TufJson.MAPPER.createObjectNode();
        n.set("signed", signedJson.deepCopy());
        ArrayNode sigs = n.putArray("signatures");
        signatures.forEach(s -> sigs.addObject().put("keyid", s.keyid()).put("sig", s.sig()));
        return n;
    }

    /** The file bytes as tough writes them: pretty JSON and a newline (§4.1). */
    public byte[] toFileBytes() {
        return TufJson.pretty(toJson());
    }

    /** Parses a metadata file; {@code file} names it in errors. */
    public static Signed<Root> parseRoot(byte[] bytes, String file) throws TwoliterException {
        ObjectNode env = TufJson.parseObject(bytes, file);
        return new Signed<>(Root.fromJson(signedPart(env, file), file), signedPart(env, file), sigs(env, file));
    }

    static Signed<Targets> parseTargets(byte[] bytes, String file) throws TwoliterException {
        ObjectNode env = TufJson.parseObject(bytes, file);
        return new Signed<>(Targets.fromJson(signedPart(env, file), file), signedPart(env, file), sigs(env, file));
    }

    static Signed<Snapshot> parseSnapshot(byte[] bytes, String file) throws TwoliterException {
        ObjectNode env = TufJson.parseObject(bytes, file);
        return new Signed<>(Snapshot.fromJson(signedPart(env, file), file), signedPart(env, file), sigs(env, file));
    }

    static Signed<Timestamp> parseTimestamp(byte[] bytes, String file) throws TwoliterException {
        ObjectNode env = TufJson.parseObject(bytes, file);
        return new Signed<>(Timestamp.fromJson(signedPart(env, file), file), signedPart(env, file), sigs(env, file));
    }

    private static ObjectNode signedPart(ObjectNode env, String file) throws TwoliterException {
        return JsonFields.object(env, "signed", file);
    }

    private static List<Signature> sigs(ObjectNode env, String file) throws TwoliterException {
        JsonNode arr = JsonFields.required(env, "signatures", file);
        List<Signature> out = new ArrayList<>();
        for (JsonNode s : arr) {
            out.add(new Signature(JsonFields.text(s, "keyid", file), JsonFields.text(s, "sig", file)));
        }
        return out;
    }
}
