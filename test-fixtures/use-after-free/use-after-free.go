package uaf

// #include <stdlib.h>
// #include <stdio.h>
// #include <openssl/x509.h>
import "C"

import "unsafe"

func putsAfterFree(s string) {
	// ruleid: use-after-free
	cs := C.CString(s)
	C.free(unsafe.Pointer(cs))
	C.puts(cs)
}

func goStringAfterFree(s string) string {
	// ruleid: use-after-free
	cs := C.CString(s)
	C.free(unsafe.Pointer(cs))
	return C.GoString(cs)
}

func goStringBeforeFree(s string) string {
	// ok: use-after-free
	cs := C.CString(s)
	out := C.GoString(cs)
	C.free(unsafe.Pointer(cs))
	return out
}

func deferredFreeUseOK(s string) string {
	// ok: use-after-free
	cs := C.CString(s)
	defer C.free(unsafe.Pointer(cs))
	C.puts(cs)
	return C.GoString(cs)
}

func borrowedAfterOwnerFree(der []byte) {
	p := (*C.uchar)(C.CBytes(der))
	defer C.free(unsafe.Pointer(p))
	// ruleid: use-after-free
	cert := C.d2i_X509(nil, &p, C.long(len(der)))
	name := C.X509_get_subject_name(cert)
	C.X509_free(cert)
	C.X509_NAME_print_ex_fp(C.stdout, name, 0, 0)
}

func borrowedBeforeOwnerFree(der []byte) {
	p := (*C.uchar)(C.CBytes(der))
	defer C.free(unsafe.Pointer(p))
	// ok: use-after-free
	cert := C.d2i_X509(nil, &p, C.long(len(der)))
	name := C.X509_get_subject_name(cert)
	C.X509_NAME_print_ex_fp(C.stdout, name, 0, 0)
	C.X509_free(cert)
}

func loopUse(s string, xs []string) {
	// ruleid: use-after-free, cgo-free
	cs := C.CString(s)
	for _, x := range xs {
		C.puts(cs)
		if x == "" {
			C.free(unsafe.Pointer(cs))
			return
		}
		C.free(unsafe.Pointer(cs))
	}
}
