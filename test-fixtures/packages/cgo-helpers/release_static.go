//go:build !names_dlopen
// +build !names_dlopen

package names

/*
#include "names.go.h"

void
namesReleaseWrapper(char *buffer)
{
    names_release(buffer);
}
*/
import "C"
