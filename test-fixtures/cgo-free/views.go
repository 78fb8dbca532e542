package views

// #include <openssl/evp.h>
// #include <openssl/rsa.h>
import "C"

import "unsafe"

type rsaSt struct{ n, e *C.BIGNUM }

// getN reads the key through a view of its struct: reading never takes it.
func getN(key *C.RSA) *C.BIGNUM {
	r := (*rsaSt)(unsafe.Pointer(key))
	return r.n
}

var kept unsafe.Pointer

// keep stores its view in a global: the key is kept.
func keep(key *C.RSA) {
	p := unsafe.Pointer(key)
	kept = p
}

// GenerateKeyRSA: golang-fips never freed the key it got from EVP_PKEY_get1_RSA.
func GenerateKeyRSA(pkey *C.EVP_PKEY) *C.BIGNUM {
	// ruleid: cgo-free
	key := C.EVP_PKEY_get1_RSA(pkey)
	if key == nil {
		return nil
	}
	return getN(key)
}

func GenerateKeyRSAFixed(pkey *C.EVP_PKEY) *C.BIGNUM {
	// ok: cgo-free
	key := C.EVP_PKEY_get1_RSA(pkey)
	if key == nil {
		return nil
	}
	defer C.RSA_free(key)
	return getN(key)
}

func Remember(pkey *C.EVP_PKEY) {
	// ok: cgo-free
	key := C.EVP_PKEY_get1_RSA(pkey)
	if key == nil {
		return
	}
	keep(key)
}
