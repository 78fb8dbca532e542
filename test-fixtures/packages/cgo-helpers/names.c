#include <stdlib.h>
#include <string.h>
#include "names.go.h"

static char current[64];

int names_set(const char *name) {
    strncpy(current, name, sizeof(current) - 1);
    return (int)strlen(current);
}

void names_release(char *buffer) {
    if (buffer != NULL)
        free(buffer);
}
