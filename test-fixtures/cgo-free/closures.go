package closures

// #include <stdlib.h>
// #include <string.h>
// #include <openssl/evp.h>
// static int set_buf(void *p, size_t n) { return n > 0; }
import "C"

import (
	"errors"
	"unsafe"
)

// SignCallback: git2go's commitSignCallback built its buffer in a closure that never freed it.
func SignCallback(sig string) int {
	fill := func(data string) error {
		// ruleid: cgo-free
		cstr := unsafe.Pointer(C.CString(data))
		if C.set_buf(cstr, C.size_t(len(data))) == 0 {
			return errors.New("could not set buffer")
		}
		return nil
	}
	if fill(sig) != nil {
		return -1
	}
	return 0
}

// SignCallbackFixed frees it with a defer inside the closure.
func SignCallbackFixed(sig string) int {
	fill := func(data string) error {
		// ok: cgo-free
		cstr := unsafe.Pointer(C.CString(data))
		defer C.free(cstr)
		if C.set_buf(cstr, C.size_t(len(data))) == 0 {
			return errors.New("could not set buffer")
		}
		return nil
	}
	if fill(sig) != nil {
		return -1
	}
	return 0
}

// Immediately called, in a goroutine or returned: the closure's own allocations are its business.
func Run(name string) {
	func() {
		// ruleid: cgo-free
		p := C.CString(name)
		C.strlen(p)
	}()
	go func() {
		// ok: cgo-free
		p := C.CString(name)
		defer C.free(unsafe.Pointer(p))
		C.strlen(p)
	}()
}

// A closure returning its allocation hands it to its caller.
func Maker(name string) func() *C.char {
	return func() *C.char {
		// ok: cgo-free
		return C.CString(name)
	}
}

// A closure storing into a variable it captured: the enclosing function owns the object now.
func WithCtx(use func(func())) *C.EVP_MD_CTX {
	var ctx *C.EVP_MD_CTX
	use(func() {
		// ok: cgo-free
		ctx = C.EVP_MD_CTX_new()
	})
	return ctx
}
