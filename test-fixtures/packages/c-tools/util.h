#ifndef UTIL_H
#define UTIL_H

#include <stdio.h>

#ifdef __GNUC__
#define NORETURN __attribute__((noreturn))
#else
#define NORETURN
#endif

/* Prints the message and exits (util.c). */
NORETURN void util_fatal(const char *fmt, ...);
/* Prints the message and returns. */
void util_warn(const char *fmt, ...);

#endif
