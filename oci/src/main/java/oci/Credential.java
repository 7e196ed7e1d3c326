package oci;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/** A registry user name and password (or identity token) from the Docker configuration; never printed. */
record Credential(String username, String secret) {
    Credential {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(secret, "secret");
    }

    String basicHeader() {
        return "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "Credential[" + username + ", ***]";
    }
}
