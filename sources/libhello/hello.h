/* libhello: a tiny shared library used by the sample project's hello-agent. */
#ifndef HELLO_H
#define HELLO_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Library version as "MAJOR.MINOR.PATCH". */
const char *hello_version(void);

/*
 * Write a greeting for `name` into `buf` (at most `len` bytes, always
 * NUL-terminated when len > 0). A NULL or empty name greets the world.
 * Returns the length the full greeting needs, excluding the NUL, like
 * snprintf, or -1 on error.
 */
int hello_greeting(char *buf, size_t len, const char *name);

#ifdef __cplusplus
}
#endif

#endif /* HELLO_H */
