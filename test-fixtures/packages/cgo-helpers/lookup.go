package names

// #include "names.go.h"
import "C"

import "unsafe"

// Lookup copies name into C memory the package's names.c releases.
func Lookup(name string) string {
	cname := C.CString(name)
	defer C.free(unsafe.Pointer(cname))
	// ok: cgo-free
	copied := C.names_dup(cname)
	defer C.names_release(copied)
	return C.GoString(copied)
}

func Leak(name string) string {
	cname := C.CString(name)
	defer C.free(unsafe.Pointer(cname))
	// ruleid: cgo-free
	copied := C.names_dup(cname)
	return C.GoString(copied)
}

// The default build compiles release_static.go, whose wrapper releases the buffer (libvirt-go-module's
// generated _static/_dlopen pairs).
func LookupWrapped(name string) string {
	cname := C.CString(name)
	defer C.free(unsafe.Pointer(cname))
	// ok: cgo-free
	copied := C.names_dup(cname)
	defer C.namesReleaseWrapper(copied)
	return C.GoString(copied)
}
