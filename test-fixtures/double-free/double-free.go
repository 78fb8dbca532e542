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

// `var s *C.char` is a new nil variable each time round the loop: the string freed last time is not freed
// again when this iteration allocates none (godror's setTraceTag).
func setTags(tags [][2]string) error {
	for _, f := range tags {
		var s *C.char
		if f[1] != "" {
			// ok: double-free, use-after-free
			s = C.CString(f[1])
		}
		var res C.int
		switch f[0] {
		case "action":
			res = C.puts(s)
		case "module":
			res = C.puts(s)
		}
		if s != nil {
			C.free(unsafe.Pointer(s))
		}
		if res < 0 {
			return nil
		}
	}
	return nil
}
