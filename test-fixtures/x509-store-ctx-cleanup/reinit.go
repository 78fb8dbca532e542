package verify

/*
#cgo LDFLAGS: -lcrypto
#include <openssl/x509_vfy.h>

static X509_STORE_CTX *go_openssl_X509_STORE_CTX_new(void) { return X509_STORE_CTX_new(); }
static int go_openssl_X509_STORE_CTX_init(X509_STORE_CTX *ctx, X509_STORE *store, X509 *x, STACK_OF(X509) *chain) { return X509_STORE_CTX_init(ctx, store, x, chain); }
*/
import "C"

import "errors"

// resetCtx is a package helper that cleans the context up for the next certificate.
func resetCtx(ctx *C.X509_STORE_CTX) {
	C.X509_STORE_CTX_cleanup(ctx)
}

// VerifyAllNoCleanup re-initialises the context for every certificate without a cleanup.
func VerifyAllNoCleanup(store *C.X509_STORE, certs []*C.X509) (int, error) {
	// ok: x509-store-ctx-cleanup
	ctx := C.X509_STORE_CTX_new()
	if ctx == nil {
		return 0, errors.New("X509_STORE_CTX_new")
	}
	defer C.X509_STORE_CTX_free(ctx)
	bad := 0
	for _, cert := range certs {
		// ruleid: x509-store-ctx-cleanup
		if C.X509_STORE_CTX_init(ctx, store, cert, nil) != 1 {
			return bad, errors.New("X509_STORE_CTX_init")
		}
		if C.X509_verify_cert(ctx) != 1 {
			bad++
		}
	}
	return bad, nil
}

// VerifyAllCleanup cleans up after each verification.
func VerifyAllCleanup(store *C.X509_STORE, certs []*C.X509) (int, error) {
	// ok: x509-store-ctx-cleanup
	ctx := C.X509_STORE_CTX_new()
	if ctx == nil {
		return 0, errors.New("X509_STORE_CTX_new")
	}
	defer C.X509_STORE_CTX_free(ctx)
	bad := 0
	for _, cert := range certs {
		// ok: x509-store-ctx-cleanup
		if C.X509_STORE_CTX_init(ctx, store, cert, nil) != 1 {
			return bad, errors.New("X509_STORE_CTX_init")
		}
		if C.X509_verify_cert(ctx) != 1 {
			bad++
		}
		C.X509_STORE_CTX_cleanup(ctx)
	}
	return bad, nil
}

// VerifyAllHelper cleans up through a package helper each iteration.
func VerifyAllHelper(store *C.X509_STORE, certs []*C.X509) int {
	// ok: x509-store-ctx-cleanup
	ctx := C.X509_STORE_CTX_new()
	if ctx == nil {
		return -1
	}
	defer C.X509_STORE_CTX_free(ctx)
	bad := 0
	for i := 0; i < len(certs); i++ {
		// ok: x509-store-ctx-cleanup
		if rc := C.X509_STORE_CTX_init(ctx, store, certs[i], nil); rc != 1 {
			continue
		}
		if C.X509_verify_cert(ctx) != 1 {
			bad++
		}
		resetCtx(ctx)
	}
	return bad
}

// VerifyAllWrapper goes through wrapper prefixes and skips failed inits (a failed init cleans up itself),
// but never cleans up after a successful one.
func VerifyAllWrapper(store *C.X509_STORE, certs []*C.X509) int {
	// ok: x509-store-ctx-cleanup
	ctx := C.go_openssl_X509_STORE_CTX_new()
	if ctx == nil {
		return -1
	}
	defer C.X509_STORE_CTX_free(ctx)
	bad := 0
	for _, cert := range certs {
		// ruleid: x509-store-ctx-cleanup
		if C.go_openssl_X509_STORE_CTX_init(ctx, store, cert, nil) == 0 {
			continue
		}
		if C.X509_verify_cert(ctx) != 1 {
			bad++
		}
	}
	return bad
}

// VerifyOne initialises once: nothing to clean up before the free.
func VerifyOne(store *C.X509_STORE, cert *C.X509) bool {
	// ok: x509-store-ctx-cleanup
	ctx := C.X509_STORE_CTX_new()
	if ctx == nil {
		return false
	}
	defer C.X509_STORE_CTX_free(ctx)
	// ok: x509-store-ctx-cleanup
	if C.X509_STORE_CTX_init(ctx, store, cert, nil) != 1 {
		return false
	}
	return C.X509_verify_cert(ctx) == 1
}

// VerifyFreshEach creates and frees a context per certificate.
func VerifyFreshEach(store *C.X509_STORE, certs []*C.X509) int {
	bad := 0
	for _, cert := range certs {
		// ok: x509-store-ctx-cleanup
		ctx := C.X509_STORE_CTX_new()
		if ctx == nil {
			return -1
		}
		// ok: x509-store-ctx-cleanup
		if C.X509_STORE_CTX_init(ctx, store, cert, nil) == 1 && C.X509_verify_cert(ctx) != 1 {
			bad++
		}
		C.X509_STORE_CTX_free(ctx)
	}
	return bad
}
