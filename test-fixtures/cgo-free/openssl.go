package tlsutil

/*
#cgo LDFLAGS: -lcrypto -lssl
#include <openssl/ssl.h>
#include <openssl/evp.h>

static EVP_PKEY *go_openssl_EVP_PKEY_new(void) { return EVP_PKEY_new(); }
static void go_openssl_EVP_PKEY_free(EVP_PKEY *k) { EVP_PKEY_free(k); }
*/
import "C"

import "errors"

// Session leaks the SSL object.
func Session(ctx *C.SSL_CTX) error {
	// ruleid: cgo-free
	ssl := C.SSL_new(ctx)
	if ssl == nil {
		return errors.New("SSL_new")
	}
	C.SSL_set_connect_state(ssl)
	return nil
}

// Cipher leaks the cipher context.
func Cipher() {
	// ruleid: cgo-free
	cctx := C.EVP_CIPHER_CTX_new()
	C.EVP_CIPHER_CTX_reset(cctx)
}

// Key goes through a wrapper prefix; the release does too.
func Key() {
	// ruleid: cgo-free
	k := C.go_openssl_EVP_PKEY_new()
	_ = C.EVP_PKEY_get_bits(k)
}

// KeyOK releases through the prefix.
func KeyOK() {
	// ok: cgo-free
	k := C.go_openssl_EVP_PKEY_new()
	defer C.go_openssl_EVP_PKEY_free(k)
	_ = C.EVP_PKEY_get_bits(k)
}

// Discarded drops an owned result.
func Discarded() {
	// ruleid: cgo-free
	C.BIO_new(C.BIO_s_mem())
}

// Pair hands the BIO over to the SSL object, which is freed.
func Pair(ctx *C.SSL_CTX) {
	// ok: cgo-free
	ssl := C.SSL_new(ctx)
	defer C.SSL_free(ssl)
	// ok: cgo-free
	b := C.BIO_new(C.BIO_s_mem())
	C.SSL_set_bio(ssl, b, b)
}
