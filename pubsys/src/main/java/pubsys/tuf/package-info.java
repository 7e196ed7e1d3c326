/**
 * TUF repositories as tough 0.18 writes and reads them (pubsys.md §4): canonical JSON, metadata models, key ids,
 * signing with local keys, and a repository writer and loader for consistent-snapshot repositories.
 */
package pubsys.tuf;
