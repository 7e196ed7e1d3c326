/**
 * Turns Infra.toml {@code signing_keys} into TUF {@link pubsys.tuf.Signer}s (pubsys.md §2.2): key files, AWS KMS
 * keys (RSASSA-PSS SHA-256 over a digest) and private keys held in SSM parameters.
 */
package pubsys.keys;
