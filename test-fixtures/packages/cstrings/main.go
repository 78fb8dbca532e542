package pkg

// #include <stdlib.h>
// #include <string.h>
import "C"

import "unsafe"

// show (util.go) only reads p.
func leaks(s string) int {
	// ruleid: cgo-free
	p := C.CString(s)
	return show(p)
}

// release (util.go) frees p.
func freesTwice(s string) {
	// ruleid: double-free
	p := C.CString(s)
	release(p)
	C.free(unsafe.Pointer(p))
}

func fine(s string) int {
	// ok: cgo-free, double-free
	p := C.CString(s)
	defer release(p)
	return show(p)
}
