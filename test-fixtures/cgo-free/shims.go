package shims

/*
#cgo LDFLAGS: -lcrypto
#include <openssl/evp.h>
#include <openssl/dsa.h>

static EVP_PKEY *X_EVP_PKEY_new(void) { return EVP_PKEY_new(); }
static void X_OPENSSL_free(void *p) { OPENSSL_free(p); }
int go_openssl_DSA_set0_pqg_backport(DSA *d, BIGNUM *p, BIGNUM *q, BIGNUM *g);
int go_openssl_DSA_set0_pqg(DSA *d, BIGNUM *p, BIGNUM *q, BIGNUM *g);
void go_result_text(void *ctx, char *s, int n);
*/
import "C"

import (
	"errors"
	"unsafe"
)

// SerialHex releases the hex string through the X_ shim of libp2p/go-openssl.
func SerialHex(bn *C.BIGNUM) string {
	// ok: cgo-free
	hex := C.BN_bn2hex(bn)
	s := C.GoString(hex)
	C.X_OPENSSL_free(unsafe.Pointer(hex))
	return s
}

// NewKey leaks the RSA key when the X_ shim cannot allocate the EVP_PKEY.
func NewKey(bits int) (*C.EVP_PKEY, error) {
	// ruleid: cgo-free
	rsa := C.RSA_generate_key(C.int(bits), 65537, nil, nil)
	if rsa == nil {
		return nil, errors.New("RSA_generate_key failed")
	}
	key := C.X_EVP_PKEY_new()
	if key == nil {
		return nil, errors.New("EVP_PKEY_new failed")
	}
	if C.EVP_PKEY_assign_RSA(key, rsa) != 1 {
		C.EVP_PKEY_free(key)
		C.RSA_free(rsa)
		return nil, errors.New("EVP_PKEY_assign_RSA failed")
	}
	return key, nil
}

// SetPQG: the 1.0.2 backport takes the numbers on success like DSA_set0_pqg.
func SetPQG(dsa *C.DSA, p, q, g *C.BIGNUM, legacy bool) error {
	var ret C.int
	if legacy {
		ret = C.go_openssl_DSA_set0_pqg_backport(dsa, p, q, g)
	} else {
		ret = C.go_openssl_DSA_set0_pqg(dsa, p, q, g)
	}
	if ret != 1 {
		C.BN_free(p)
		C.BN_free(q)
		C.BN_free(g)
		return errors.New("DSA_set0_pqg failed")
	}
	return nil
}

// NewPQG frees its own numbers only where the backport refused them.
func NewPQG(dsa *C.DSA, q, g *C.BIGNUM, legacy bool) error {
	// ok: cgo-free
	p := C.BN_new()
	var ret C.int
	if legacy {
		ret = C.go_openssl_DSA_set0_pqg_backport(dsa, p, q, g)
	} else {
		ret = C.go_openssl_DSA_set0_pqg(dsa, p, q, g)
	}
	if ret != 1 {
		C.BN_free(p)
		return errors.New("DSA_set0_pqg failed")
	}
	return nil
}

// SetSerial: BN_bin2bn and BN_to_ASN1_INTEGER fill the objects they are given; the defers free them.
func SetSerial(x *C.X509, serial []byte) error {
	// ok: cgo-free
	sno := C.ASN1_INTEGER_new()
	defer C.ASN1_INTEGER_free(sno)
	// ok: cgo-free
	bn := C.BN_new()
	defer C.BN_free(bn)
	// ok: cgo-free
	if bn = C.BN_bin2bn((*C.uchar)(unsafe.Pointer(&serial[0])), C.int(len(serial)), bn); bn == nil {
		return errors.New("BN_bin2bn failed")
	}
	// ok: cgo-free
	if sno = C.BN_to_ASN1_INTEGER(bn, sno); sno == nil {
		return errors.New("BN_to_ASN1_INTEGER failed")
	}
	if C.X509_set_serialNumber(x, sno) != 1 {
		return errors.New("X509_set_serialNumber failed")
	}
	return nil
}

// SetSerialLeak: with a nil target BN_to_ASN1_INTEGER allocates a new integer, never freed.
func SetSerialLeak(x *C.X509, bn *C.BIGNUM) error {
	// ruleid: cgo-free
	sno := C.BN_to_ASN1_INTEGER(bn, nil)
	if sno == nil {
		return errors.New("BN_to_ASN1_INTEGER failed")
	}
	if C.X509_set_serialNumber(x, sno) != 1 {
		return errors.New("X509_set_serialNumber failed")
	}
	return nil
}

// ResultText: the preamble shim may keep the string (a sqlite-style `&free` destructor), so the leak is
// reported with a suggestion only: a safe `defer C.free` could free memory the C side still owns.
func ResultText(ctx unsafe.Pointer, s string) {
	// ruleid: cgo-free
	cs := C.CString(s)
	C.go_result_text(ctx, cs, C.int(len(s)))
}
