package df

// #include <stdlib.h>
// #include <stdio.h>
// #include <openssl/ssl.h>
import "C"

import "unsafe"

func deferAndExplicit(s string) {
	// ruleid: double-free
	cs := C.CString(s)
	defer C.free(unsafe.Pointer(cs))
	C.puts(cs)
	C.free(unsafe.Pointer(cs))
}

func deferOnly(s string) {
	// ok: double-free
	cs := C.CString(s)
	defer C.free(unsafe.Pointer(cs))
	C.puts(cs)
}

func freeInLoop(s string, n int) {
	// ruleid: double-free
	cs := C.CString(s)
	for {
		C.free(unsafe.Pointer(cs))
		n--
		if n == 0 {
			break
		}
	}
}

func freeInLoopOK(xs []string) {
	for _, x := range xs {
		// ok: double-free
		cs := C.CString(x)
		C.puts(cs)
		C.free(unsafe.Pointer(cs))
	}
}

func freeThenNil(s string, again bool) {
	// ok: double-free
	cs := C.CString(s)
	C.free(unsafe.Pointer(cs))
	cs = nil
	if again {
		C.free(unsafe.Pointer(cs))
	}
}

func closureAndExplicit(s string) {
	// ruleid: double-free
	cs := C.CString(s)
	defer func() {
		C.free(unsafe.Pointer(cs))
	}()
	C.puts(cs)
	C.free(unsafe.Pointer(cs))
}

func afterHandover(ssl *C.SSL) {
	// ruleid: double-free
	b := C.BIO_new(C.BIO_s_mem())
	C.SSL_set_bio(ssl, b, nil)
	C.BIO_free(b)
}

func deferInLoop(s string, xs []string) {
	// ruleid: double-free
	cs := C.CString(s)
	for {
		defer C.free(unsafe.Pointer(cs))
		if len(xs) == 0 {
			break
		}
		xs = xs[1:]
	}
}
