package greet

// #include <stdio.h>
// #include <stdlib.h>
import "C"

// Greet leaks the C copy of name: C.CString allocates with malloc and nothing calls C.free.
func Greet(name string) {
	// ruleid: cgo-free
	cs := C.CString(name)
	C.puts(cs)
}
