package oci;

import common.TwoliterException;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A parsed image reference such as {@code 127.0.0.1:5000/core-kit:v1.0.0} or {@code host/repo@sha256:...}: the
 * registry host (with port), the repository, and a tag and/or a digest. A digest, when present, is what is fetched.
 */
public record ImageRef(String registry, String repository, Optional<String> tag, Optional<Digest> digest) {
    /** Docker's rule: the first path component is a registry only if it looks like a host. */
    static final String DOCKER_HUB = "registry-1.docker.io";
    private static final Pattern REPOSITORY = Pattern.compile(
            "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

    public ImageRef {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(digest, "digest");
        if (tag.isEmpty() && digest.isEmpty()) {
            throw new IllegalArgumentException("image reference needs a tag or a digest: " + registry + "/" + repository);
        }
    }

    public static ImageRef parse(String text) throws TwoliterException {
        if (text == null || text.isBlank() || text.contains("://")) {
            throw bad(text, "write it as 'host[:port]/repository:tag' or 'host[:port]/repository@sha256:<hex>'");
        }
        String rest = text;
        Optional<Digest> digest = Optional.empty();
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = Optional.of(Digest.parse(rest.substring(at + 1), "the digest of image reference '" + text + "'"));
            rest = rest.substring(0, at);
        }
        Optional<String> tag = Optional.empty();
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = Optional.of(rest.substring(colon + 1));
            rest = rest.substring(0, colon);
            if (!TAG.matcher(tag.get()).matches()) {
                throw bad(text, "the tag '" + tag.get() + "' is not a valid tag");
            }
        }
        String registry = DOCKER_HUB;
        String repository = rest;
        int slash = rest.indexOf('/');
        String first = slash < 0 ? "" : rest.substring(0, slash);
        if (first.contains(".") || first.contains(":") || first.equals("localhost") || first.startsWith("[")) {
            registry = first;
            repository = rest.substring(slash + 1);
        } else if (slash < 0) {
            repository = "library/" + rest;
        }
        if (!REPOSITORY.matcher(repository).matches()) {
            throw bad(text, "the repository '" + repository + "' must be lowercase path components");
        }
        if (tag.isEmpty() && digest.isEmpty()) {
            tag = Optional.of("latest");
        }
        return new ImageRef(registry, repository, tag, digest);
    }

    /** The same repository at {@code digest} (the tag is kept for messages). */
    public ImageRef withDigest(Digest newDigest) {
        return new ImageRef(registry, repository, tag, Optional.of(newDigest));
    }

    /** What goes after {@code /manifests/}: the digest when present, else the tag. */
    public String reference() {
        return digest.map(Digest::toString).orElseGet(tag::get);
    }

    /** The host without its port, brackets kept for IPv6 ({@code [::1]}). */
    String host() {
        if (registry.startsWith("[")) {
            return registry.substring(0, registry.indexOf(']') + 1);
        }
        int colon = registry.indexOf(':');
        return colon < 0 ? registry : registry.substring(0, colon);
    }

    private static TwoliterException bad(String text, String hint) {
        return TwoliterException.badInput("image reference '" + text + "' is invalid: " + hint);
    }

    @Override
    public String toString() {
        return registry + "/" + repository + tag.map(t -> ":" + t).orElse("") + digest.map(d -> "@" + d).orElse("");
    }
}
