package broken

// #include <stdlib.h>
// #include <stdio.h>
import "C"

import "unsafe"

func broken(s string) {
	// ok: cgo-free
	cs := C.CString(s)
	C.puts(cs)
	C.free(unsafe.Pointer(cs)
}

func fine(s string) {
	// ruleid: cgo-free
	cs := C.CString(s)
	C.puts(cs)
}

func alsoBroken(s string) {
	// ok: cgo-free
	x := C.CString(s) + + )
	return
}
