package pkg

// #include <stdlib.h>
import "C"

import "unsafe"

func release(p *C.char) {
	C.free(unsafe.Pointer(p))
}

func show(p *C.char) int {
	return int(C.strlen(p))
}
