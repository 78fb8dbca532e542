package basic

// #include <stdio.h>
// #include <string.h>
// #include <stdlib.h>
import "C"

import (
	"fmt"
	"os"
	"unsafe"
)

// Greet leaks the C copy of name.
func Greet(name string) {
	// ruleid: cgo-free
	cs := C.CString(name)
	defer C.free(unsafe.Pointer(cs))
	C.puts(cs)
}

// Copy leaks the C copy of b.
func Copy(b []byte) int {
	// ruleid: cgo-free
	p := C.CBytes(b)
	defer C.free(unsafe.Pointer(p))
	return int(C.strlen((*C.char)(p)))
}

// Buffer leaks its malloc'ed buffer; the fix goes after the nil check.
func Buffer(n int) {
	// ruleid: cgo-free
	buf := C.malloc(C.size_t(n))
	if buf == nil {
		return
	}
	defer C.free(unsafe.Pointer(buf))
	C.memset(buf, 0, C.size_t(n))
	fmt.Fprintln(os.Stderr, "cleared")
}

// Zeroed leaks a calloc'ed buffer declared with var.
func Zeroed(n int) {
	// ruleid: cgo-free
	var z = C.calloc(C.size_t(n), 1)
	defer C.free(unsafe.Pointer(z))
	C.memset(z, 1, C.size_t(n))
}
