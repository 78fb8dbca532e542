package names

/*
#include <stdlib.h>
#include "names.go.h"

static char** makeCharArray(size_t size) {
    // caller checks return value
    return calloc(size, sizeof(char*));
}

static void setArrayString(char **array, char *string, size_t n) {
    array[n] = string;
}

static void freeCharArray(char **array, size_t size) {
    size_t i;
    for (i = 0; i < size; i++) {
        free(array[i]);
    }
    free(array);
}

static void freeCstr(char *s) {
    free(s);
}

static size_t getArrayLength(char **array) {
    char **p;
    size_t size = 0;
    for (p = (char **)array; *p; p++) {
        size++;
    }
    return size;
}
*/
import "C"

import "unsafe"

// cfree releases a C string through the preamble's helper.
func cfree(s *C.char) {
	C.freeCstr(s)
}

func makeNullTerminatedArgs(args []string) **C.char {
	// ok: cgo-free
	cparams := C.makeCharArray(C.size_t(len(args) + 1))
	if cparams == nil {
		return nil
	}

	for i := 0; i < len(args); i++ {
		// ok: cgo-free
		C.setArrayString(cparams, C.CString(args[i]), C.size_t(i))
	}
	C.setArrayString(cparams, nil, C.size_t(len(args)))

	return cparams
}

func freeNullTerminatedArgs(cArgs **C.char, length int) {
	C.freeCharArray(cArgs, C.size_t(length+1))
}

func argCount(args []string) int {
	// ok: cgo-free
	cargs := makeNullTerminatedArgs(args)
	defer freeNullTerminatedArgs(cargs, len(args))
	return int(C.getArrayLength(cargs))
}

func setName(name string) int {
	// ok: cgo-free
	cname := C.CString(name)
	defer cfree(cname)
	return int(C.names_set(cname))
}

func setNameTwice(name string) int {
	// ruleid: double-free
	cname := C.CString(name)
	rc := C.names_set(cname)
	C.freeCstr(cname)
	C.free(unsafe.Pointer(cname))
	return int(rc)
}
