#ifndef NAMES_GO_H
#define NAMES_GO_H

#include <stdlib.h>
#include <string.h>

int names_set(const char *name);
void names_release(char *buffer);

static inline char *names_dup(const char *name) {
    if (name == NULL)
        return NULL;
    return strdup(name);
}

#endif
