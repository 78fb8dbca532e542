//go:build names_dlopen
// +build names_dlopen

package names

/*
#include <dlfcn.h>

typedef void (*namesReleaseFuncType)(char *buffer);

void
namesReleaseWrapper(char *buffer)
{
    static namesReleaseFuncType namesReleaseSymbol;
    if (!namesReleaseSymbol)
        namesReleaseSymbol = (namesReleaseFuncType)dlsym(RTLD_DEFAULT, "names_release");
    if (!namesReleaseSymbol)
        return;
}
*/
import "C"
