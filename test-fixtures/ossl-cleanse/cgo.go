package kdf

/*
#cgo LDFLAGS: -lcrypto
#include <stdlib.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

static int go_openssl_PKCS5_PBKDF2_HMAC(const char *pass, int passlen, const unsigned char *salt, int saltlen, int iter, const EVP_MD *md, int keylen, unsigned char *out) { return PKCS5_PBKDF2_HMAC(pass, passlen, salt, saltlen, iter, md, keylen, out); }
*/
import "C"

import (
	"errors"
	"unsafe"
)

// DeriveDeferFree frees the derived key in a defer without wiping it.
func DeriveDeferFree(pass string, salt []byte) ([]byte, error) {
	key := C.malloc(32)
	defer C.free(key)
	cpass := C.CString(pass)
	defer C.free(unsafe.Pointer(cpass))
	// ruleid: ossl-cleanse
	if C.PKCS5_PBKDF2_HMAC(cpass, C.int(len(pass)), (*C.uchar)(unsafe.Pointer(&salt[0])), C.int(len(salt)), 100000, C.EVP_sha256(), 32, (*C.uchar)(key)) != 1 {
		return nil, errors.New("PBKDF2")
	}
	return C.GoBytes(key, 32), nil
}

// DeriveDeferWipe cleanses then frees in one deferred closure.
func DeriveDeferWipe(pass string, salt []byte) ([]byte, error) {
	key := C.malloc(32)
	defer func() {
		C.OPENSSL_cleanse(key, 32)
		C.free(key)
	}()
	cpass := C.CString(pass)
	defer C.free(unsafe.Pointer(cpass))
	// ok: ossl-cleanse
	if C.PKCS5_PBKDF2_HMAC(cpass, C.int(len(pass)), (*C.uchar)(unsafe.Pointer(&salt[0])), C.int(len(salt)), 100000, C.EVP_sha256(), 32, (*C.uchar)(key)) != 1 {
		return nil, errors.New("PBKDF2")
	}
	return C.GoBytes(key, 32), nil
}

// DeriveDirectFree frees the key without wiping it; the failure path frees a buffer that holds nothing.
func DeriveDirectFree(pass *C.char, passLen C.int, salt *C.uchar) []byte {
	key := C.malloc(32)
	// ruleid: ossl-cleanse
	if C.PKCS5_PBKDF2_HMAC(pass, passLen, salt, 16, 100000, C.EVP_sha256(), 32, (*C.uchar)(key)) != 1 {
		C.free(key)
		return nil
	}
	out := C.GoBytes(key, 32)
	C.free(key)
	return out
}

// DeriveDirectWipe cleanses before the free.
func DeriveDirectWipe(pass *C.char, passLen C.int, salt *C.uchar) []byte {
	key := C.malloc(32)
	// ok: ossl-cleanse
	if C.PKCS5_PBKDF2_HMAC(pass, passLen, salt, 16, 100000, C.EVP_sha256(), 32, (*C.uchar)(key)) != 1 {
		C.free(key)
		return nil
	}
	out := C.GoBytes(key, 32)
	C.OPENSSL_cleanse(key, 32)
	C.free(key)
	return out
}

// DeriveClearFree releases with CRYPTO_clear_free (OPENSSL_clear_free is a macro cgo cannot call).
func DeriveClearFree(pass *C.char, passLen C.int, salt *C.uchar) []byte {
	key := C.malloc(32)
	// ok: ossl-cleanse
	if C.PKCS5_PBKDF2_HMAC(pass, passLen, salt, 16, 100000, C.EVP_sha256(), 32, (*C.uchar)(key)) != 1 {
		C.free(key)
		return nil
	}
	out := C.GoBytes(key, 32)
	C.CRYPTO_clear_free(key, 32, nil, 0)
	return out
}

// DeriveWrapper goes through a wrapper prefix.
func DeriveWrapper(pass *C.char, passLen C.int, salt *C.uchar) []byte {
	key := C.CBytes(make([]byte, 32))
	defer C.free(key)
	// ruleid: ossl-cleanse
	C.go_openssl_PKCS5_PBKDF2_HMAC(pass, passLen, salt, 16, 100000, C.EVP_sha256(), 32, (*C.uchar)(key))
	return C.GoBytes(key, 32)
}

// DeriveWrapperWiped wipes through a deferred cleanse registered after the deferred free (runs first).
func DeriveWrapperWiped(pass *C.char, passLen C.int, salt *C.uchar) []byte {
	key := C.CBytes(make([]byte, 32))
	defer C.free(key)
	defer C.OPENSSL_cleanse(key, 32)
	// ok: ossl-cleanse
	C.go_openssl_PKCS5_PBKDF2_HMAC(pass, passLen, salt, 16, 100000, C.EVP_sha256(), 32, (*C.uchar)(key))
	return C.GoBytes(key, 32)
}

// SharedSecret derives an ECDH secret into C memory and frees it unwiped.
func SharedSecret(ctx *C.EVP_PKEY_CTX) ([]byte, error) {
	var n C.size_t
	if C.EVP_PKEY_derive(ctx, nil, &n) != 1 {
		return nil, errors.New("derive length")
	}
	buf := C.malloc(n)
	defer C.free(buf)
	// ruleid: ossl-cleanse
	if C.EVP_PKEY_derive(ctx, (*C.uchar)(buf), &n) != 1 {
		return nil, errors.New("derive")
	}
	return C.GoBytes(buf, C.int(n)), nil
}

// SharedSecretWiped wipes the secret in the deferred closure.
func SharedSecretWiped(ctx *C.EVP_PKEY_CTX) ([]byte, error) {
	var n C.size_t
	if C.EVP_PKEY_derive(ctx, nil, &n) != 1 {
		return nil, errors.New("derive length")
	}
	buf := C.malloc(n)
	defer func() { C.OPENSSL_cleanse(buf, n); C.free(buf) }()
	// ok: ossl-cleanse
	if C.EVP_PKEY_derive(ctx, (*C.uchar)(buf), &n) != 1 {
		return nil, errors.New("derive")
	}
	return C.GoBytes(buf, C.int(n)), nil
}

// SessionKey puts random key material into C memory (used as the cipher key) and frees it unwiped.
func SessionKey(cctx *C.EVP_CIPHER_CTX) error {
	k := C.malloc(32)
	defer C.free(k)
	// ruleid: ossl-cleanse
	if C.RAND_bytes((*C.uchar)(k), 32) != 1 {
		return errors.New("RAND_bytes")
	}
	if C.EVP_EncryptInit_ex(cctx, C.EVP_aes_256_gcm(), nil, (*C.uchar)(k), nil) != 1 {
		return errors.New("init")
	}
	return nil
}

// SessionKeyWiped cleanses the key; the IV is public.
func SessionKeyWiped(cctx *C.EVP_CIPHER_CTX) error {
	k := C.malloc(32)
	defer func() {
		C.OPENSSL_cleanse(k, 32)
		C.free(k)
	}()
	iv := C.malloc(12)
	defer C.free(iv)
	// ok: ossl-cleanse
	if C.RAND_bytes((*C.uchar)(k), 32) != 1 {
		return errors.New("RAND_bytes")
	}
	// ok: ossl-cleanse
	if C.RAND_bytes((*C.uchar)(iv), 12) != 1 {
		return errors.New("RAND_bytes")
	}
	if C.EVP_EncryptInit_ex(cctx, C.EVP_aes_256_gcm(), nil, (*C.uchar)(k), (*C.uchar)(iv)) != 1 {
		return errors.New("init")
	}
	return nil
}

// PublicRandom: nonces and salts are public, nothing to wipe.
func PublicRandom() ([]byte, []byte, error) {
	nonce := C.malloc(12)
	defer C.free(nonce)
	salt := C.malloc(16)
	defer C.free(salt)
	// ok: ossl-cleanse
	if C.RAND_bytes((*C.uchar)(nonce), 12) != 1 {
		return nil, nil, errors.New("RAND_bytes")
	}
	// ok: ossl-cleanse
	if C.RAND_bytes((*C.uchar)(salt), 16) != 1 {
		return nil, nil, errors.New("RAND_bytes")
	}
	return C.GoBytes(nonce, 12), C.GoBytes(salt, 16), nil
}

// wipeFree is a package helper that cleanses then frees.
func wipeFree(p unsafe.Pointer, n C.size_t) {
	C.OPENSSL_cleanse(p, n)
	C.free(p)
}

// wipe is a package helper that only cleanses.
func wipe(p unsafe.Pointer, n C.size_t) {
	C.OPENSSL_cleanse(p, n)
}

// HelperWipeFree releases through the helper.
func HelperWipeFree(pass *C.char, passLen C.int, salt *C.uchar) []byte {
	masterKey := C.malloc(32)
	defer wipeFree(masterKey, 32)
	// ok: ossl-cleanse
	C.PKCS5_PBKDF2_HMAC(pass, passLen, salt, 16, 100000, C.EVP_sha256(), 32, (*C.uchar)(masterKey))
	return C.GoBytes(masterKey, 32)
}

// HelperWipe cleanses through the helper before the free.
func HelperWipe(pass *C.char, passLen C.int, salt *C.uchar) []byte {
	masterKey := C.malloc(32)
	// ok: ossl-cleanse
	C.PKCS5_PBKDF2_HMAC(pass, passLen, salt, 16, 100000, C.EVP_sha256(), 32, (*C.uchar)(masterKey))
	out := C.GoBytes(masterKey, 32)
	wipe(masterKey, 32)
	C.free(masterKey)
	return out
}

// Handed returns the C buffer to the caller: its owner wipes it.
func Handed(pass *C.char, passLen C.int, salt *C.uchar) unsafe.Pointer {
	key := C.malloc(32)
	// ok: ossl-cleanse
	if C.PKCS5_PBKDF2_HMAC(pass, passLen, salt, 16, 100000, C.EVP_sha256(), 32, (*C.uchar)(key)) != 1 {
		C.free(key)
		return nil
	}
	return key
}

// GoHeap derives into Go memory: out of scope for this rule (the collector may move or copy it).
func GoHeap(pass *C.char, passLen C.int, salt *C.uchar) []byte {
	key := make([]byte, 32)
	// ok: ossl-cleanse
	C.PKCS5_PBKDF2_HMAC(pass, passLen, salt, 16, 100000, C.EVP_sha256(), 32, (*C.uchar)(unsafe.Pointer(&key[0])))
	return key
}
