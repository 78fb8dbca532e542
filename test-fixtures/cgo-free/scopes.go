package scopes

// #include <stdlib.h>
// #include <string.h>
import "C"

import "unsafe"

// A `:=` in an inner block declares a second variable; the outer one lives on, untouched.
func lookupAll(names []string) int {
	// ok: cgo-free
	cname := C.CString(names[0])
	defer C.free(unsafe.Pointer(cname))
	total := int(C.strlen(cname))
	for _, n := range names[1:] {
		// ok: cgo-free, double-free
		cname := C.CString(n)
		total += int(C.strlen(cname))
		C.free(unsafe.Pointer(cname))
	}
	return total
}

func shadowExplicit(a, b string, both bool) int {
	// ok: cgo-free, double-free
	p := C.CString(a)
	n := int(C.strlen(p))
	if both {
		// ok: cgo-free, double-free
		p := C.CString(b)
		n += int(C.strlen(p))
		C.free(unsafe.Pointer(p))
	}
	C.free(unsafe.Pointer(p))
	return n
}

func shadowLeak(a, b string, both bool) int {
	// ok: cgo-free
	p := C.CString(a)
	defer C.free(unsafe.Pointer(p))
	if both {
		// ruleid: cgo-free
		p := C.CString(b)
		return int(C.strlen(p))
	}
	return 0
}

// Same block: `q, err :=` assigns the q declared above rather than declaring another.
func reassigned(a string) (int, error) {
	// ruleid: cgo-free
	q := C.CString(a)
	q, err := C.CString(a+"!"), error(nil)
	defer C.free(unsafe.Pointer(q))
	return int(C.strlen(q)), err
}
