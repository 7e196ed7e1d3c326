#!/usr/bin/env bash
# Hashing throughput on a 4 GiB file: sha256sum against the JDK's SHA-256 as twoliter streams it (64 KiB reads, the
# way the content store, the fetcher and the TUF writer hash files). The file is random data, written once.
# Usage: bench/hash-4g.sh
set -euo pipefail
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
dd if=/dev/urandom of="$work/big" bs=4M count=1024 status=none
cat > "$work/Hash.java" <<'JAVA'
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

public class Hash {
    public static void main(String[] args) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(Path.of(args[0]))) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
            }
        }
        System.out.println(HexFormat.of().formatHex(sha.digest()));
    }
}
JAVA
ms() { local s e; s=$(date +%s%N); "$@" >/dev/null; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
cat "$work/big" >/dev/null   # warm the page cache so both read from memory
t=$(ms sha256sum "$work/big"); echo "sha256sum:        $t ms = $(( 4096 * 1000 / t )) MiB/s"
javac -d "$work" "$work/Hash.java"
t=$(ms java -cp "$work" Hash "$work/big"); echo "JDK SHA-256 (java): $t ms = $(( 4096 * 1000 / t )) MiB/s"
