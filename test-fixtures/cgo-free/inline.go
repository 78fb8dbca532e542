package inline

// #include <stdlib.h>
// #include <stdio.h>
// #include <openssl/ssl.h>
import "C"

import "unsafe"

func puts(s string) {
	// ruleid: cgo-free
	C.puts(C.CString(s))
}

func putsConverted(b []byte) {
	// ruleid: cgo-free
	C.puts((*C.char)(C.CBytes(b)))
}

func freedInline(s string) {
	// ok: cgo-free
	C.free(unsafe.Pointer(C.CString(s)))
}

func taken(ssl *C.SSL) {
	// ok: cgo-free
	C.SSL_set_bio(ssl, C.BIO_new(C.BIO_s_mem()), nil)
}

func toGo(s string) {
	// ok: cgo-free
	remember(C.CString(s))
}

func discarded(s string) {
	// ruleid: cgo-free
	_ = C.CString(s)
}
