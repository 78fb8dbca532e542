package names

// #include "shim.h"
import "C"

import "errors"

// shim.c defines the X_ functions once per OpenSSL version; the OpenSSL 1.1+ arm is the one compiled
// (libp2p/go-openssl's SignPKCS1v15).
func digestInit() error {
	// ok: cgo-free
	ctx := C.X_EVP_MD_CTX_new()
	defer C.X_EVP_MD_CTX_free(ctx)
	if C.EVP_DigestInit_ex(ctx, C.EVP_sha256(), nil) != 1 {
		return errors.New("init")
	}
	return nil
}
