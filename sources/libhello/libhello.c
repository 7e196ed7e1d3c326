/* libhello: a tiny shared library used by the sample project's hello-agent. */
#include <stdio.h>

#include "hello.h"

#define HELLO_VERSION "1.0.0"

const char *hello_version(void)
{
    return HELLO_VERSION;
}

int hello_greeting(char *buf, size_t len, const char *name)
{
    if (buf == NULL && len > 0)
        return -1;
    if (name == NULL || name[0] == '\0')
        name = "world";
    return snprintf(buf, len, "Hello, %s! (libhello %s)", name, HELLO_VERSION);
}
