// Harness fixtures (Go): each bug has a correct twin.
package cgofix

// #cgo LDFLAGS: -lssl -lcrypto
// #include <stdlib.h>
// #include <string.h>
// #include <openssl/ssl.h>
import "C"

import "unsafe"

func greetLeak(name string) int {
	// ruleid: cgo-free
	cs := C.CString(name)
	return int(C.strlen(cs))
}

func greetOK(name string) int {
	// ok: cgo-free
	cs := C.CString(name)
	defer C.free(unsafe.Pointer(cs))
	return int(C.strlen(cs))
}

func bufferLeak(data []byte) int {
	// ruleid: cgo-free
	p := C.CBytes(data)
	if len(data) > 8 {
		return -1
	}
	C.free(p)
	return 0
}

func bufferOK(data []byte) int {
	// ok: cgo-free
	p := C.CBytes(data)
	defer C.free(p)
	if len(data) > 8 {
		return -1
	}
	return 0
}

func contextLeak(path string) int {
	// ruleid: cgo-free
	ctx := C.SSL_CTX_new(C.TLS_method())
	if ctx == nil {
		return -1
	}
	cpath := C.CString(path)
	defer C.free(unsafe.Pointer(cpath))
	if C.SSL_CTX_use_certificate_file(ctx, cpath, C.SSL_FILETYPE_PEM) != 1 {
		return -1
	}
	C.SSL_CTX_free(ctx)
	return 0
}

func contextOK(path string) int {
	// ok: cgo-free
	ctx := C.SSL_CTX_new(C.TLS_method())
	if ctx == nil {
		return -1
	}
	defer C.SSL_CTX_free(ctx)
	cpath := C.CString(path)
	defer C.free(unsafe.Pointer(cpath))
	if C.SSL_CTX_use_certificate_file(ctx, cpath, C.SSL_FILETYPE_PEM) != 1 {
		return -1
	}
	return 0
}
