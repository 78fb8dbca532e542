package pkeys

/*
#cgo LDFLAGS: -lcrypto
#include <openssl/evp.h>
#include <openssl/dsa.h>
#include <openssl/bn.h>
#include <openssl/x509.h>
*/
import "C"

import (
	"errors"
	"sync"
	"unsafe"
)

// Params: EVP_PKEY_paramgen allocates nothing when it fails, so the early return owes nothing.
func Params(ctx *C.EVP_PKEY_CTX) (int, error) {
	var pkey *C.EVP_PKEY
	// ok: cgo-free
	if C.EVP_PKEY_paramgen(ctx, &pkey) != 1 {
		return 0, errors.New("EVP_PKEY_paramgen failed")
	}
	defer C.EVP_PKEY_free(pkey)
	return int(C.EVP_PKEY_get_bits(pkey)), nil
}

// ParamsLeak forgets the key once it was generated.
func ParamsLeak(ctx *C.EVP_PKEY_CTX) (int, error) {
	var pkey *C.EVP_PKEY
	// ruleid: cgo-free
	if C.EVP_PKEY_keygen(ctx, &pkey) != 1 {
		return 0, errors.New("EVP_PKEY_keygen failed")
	}
	return int(C.EVP_PKEY_get_bits(pkey)), nil
}

// Encoded: the status lands in a variable tested right after the call.
func Encoded(pkey *C.EVP_PKEY) ([]byte, error) {
	var buf *C.uchar
	// ok: cgo-free
	n := C.EVP_PKEY_get1_encoded_public_key(pkey, &buf)
	if n == 0 {
		return nil, errors.New("EVP_PKEY_get1_encoded_public_key failed")
	}
	defer C.OPENSSL_free(unsafe.Pointer(buf))
	return C.GoBytes(unsafe.Pointer(buf), C.int(n)), nil
}

// Components frees what the closure sees when it runs: p, q and g are fetched after it was deferred.
func Components(pkey *C.EVP_PKEY, pname, qname *C.char, version int) error {
	var p, q *C.BIGNUM
	switch version {
	case 3:
		defer func() {
			C.BN_free(p)
			C.BN_free(q)
		}()
		// ok: cgo-free
		if C.EVP_PKEY_get_bn_param(pkey, pname, &p) != 1 ||
			// ok: cgo-free
			C.EVP_PKEY_get_bn_param(pkey, qname, &q) != 1 {
			return errors.New("EVP_PKEY_get_bn_param")
		}
	default:
		return errors.New("unsupported")
	}
	return nil
}

// Assign: EVP_PKEY_assign takes the DSA only when it succeeds; on failure it is still ours.
func Assign(dsa *C.DSA) (*C.EVP_PKEY, error) {
	pkey := C.EVP_PKEY_new()
	if pkey == nil {
		C.DSA_free(dsa)
		return nil, errors.New("EVP_PKEY_new failed")
	}
	if C.EVP_PKEY_assign(pkey, C.EVP_PKEY_DSA, unsafe.Pointer(dsa)) != 1 {
		C.EVP_PKEY_free(pkey)
		C.DSA_free(dsa)
		return nil, errors.New("EVP_PKEY_assign failed")
	}
	return pkey, nil
}

// SetPQG frees the numbers only where DSA_set0_pqg refused them.
func SetPQG(dsa *C.DSA, pb, qb, gb []byte) error {
	p := C.BN_bin2bn((*C.uchar)(unsafe.Pointer(&pb[0])), C.int(len(pb)), nil)
	q := C.BN_bin2bn((*C.uchar)(unsafe.Pointer(&qb[0])), C.int(len(qb)), nil)
	g := C.BN_bin2bn((*C.uchar)(unsafe.Pointer(&gb[0])), C.int(len(gb)), nil)
	ret := C.DSA_set0_pqg(dsa, p, q, g)
	if ret != 1 {
		C.BN_free(p)
		C.BN_free(q)
		C.BN_free(g)
		return errors.New("DSA_set0_pqg failed")
	}
	return nil
}

// SetPQGLeak returns on failure without freeing the numbers DSA_set0_pqg did not take.
func SetPQGLeak(dsa *C.DSA, pb []byte, q, g *C.BIGNUM) error {
	// ruleid: cgo-free
	p := C.BN_bin2bn((*C.uchar)(unsafe.Pointer(&pb[0])), C.int(len(pb)), nil)
	if C.DSA_set0_pqg(dsa, p, q, g) != 1 {
		return errors.New("DSA_set0_pqg failed")
	}
	return nil
}

var ciphers sync.Map

// loadCipher keeps what it fetches in a process-wide cache: callers borrow the cipher.
func loadCipher(name string) (cipher *C.EVP_CIPHER) {
	if v, ok := ciphers.Load(name); ok {
		return v.(*C.EVP_CIPHER)
	}
	cname := C.CString(name)
	defer C.free(unsafe.Pointer(cname))
	cipher = C.EVP_CIPHER_fetch(nil, cname, nil)
	ciphers.Store(name, cipher)
	return cipher
}

// fetchCipher hands a fresh cipher to its caller.
func fetchCipher(name string) *C.EVP_CIPHER {
	cname := C.CString(name)
	defer C.free(unsafe.Pointer(cname))
	cipher := C.EVP_CIPHER_fetch(nil, cname, nil)
	return cipher
}

func BlockSize(name string) int {
	// ok: cgo-free
	cipher := loadCipher(name)
	if cipher == nil {
		return 0
	}
	return int(C.EVP_CIPHER_get_block_size(cipher))
}

func BlockSizeLeak(name string) int {
	// ruleid: cgo-free
	cipher := fetchCipher(name)
	if cipher == nil {
		return 0
	}
	return int(C.EVP_CIPHER_get_block_size(cipher))
}

// SessionBytes: i2d into a caller buffer through a temporary pointer allocates nothing.
func SessionBytes(session *C.SSL_SESSION, n int) []byte {
	buf := (*C.uchar)(C.malloc(C.size_t(n)))
	defer C.free(unsafe.Pointer(buf))
	tmp := buf
	// ok: cgo-free
	written := C.i2d_SSL_SESSION(session, &tmp)
	return C.GoBytes(unsafe.Pointer(buf), written)
}

// SessionBytesLeak: with a nil pointer i2d allocates the encoding, which is never freed.
func SessionBytesLeak(session *C.SSL_SESSION) []byte {
	var der *C.uchar
	// ruleid: cgo-free
	n := C.i2d_SSL_SESSION(session, &der)
	if n <= 0 {
		return nil
	}
	return C.GoBytes(unsafe.Pointer(der), n)
}

// Numbers: each iteration's number is freed by the defer registered in that iteration.
func Numbers(bld *C.OSSL_PARAM_BLD, name *C.char, values [][]byte) error {
	for _, v := range values {
		// ok: cgo-free
		b := C.BN_bin2bn((*C.uchar)(unsafe.Pointer(&v[0])), C.int(len(v)), nil)
		if b == nil {
			return errors.New("BN_bin2bn failed")
		}
		defer C.BN_clear_free(b)
		if C.OSSL_PARAM_BLD_push_BN(bld, name, b) != 1 {
			return errors.New("OSSL_PARAM_BLD_push_BN failed")
		}
	}
	return nil
}

type credential struct{ ptr *C.X509 }

type custom struct {
	parent C.X509
	name   *C.char
}

// Custom: the C struct escapes through the address of its first field.
func Custom(name string) *credential {
	// ok: cgo-free
	c := (*custom)(C.calloc(1, C.size_t(unsafe.Sizeof(custom{}))))
	cred := newCredential()
	cred.ptr = &c.parent
	return cred
}

func newCredential() *credential { return &credential{} }
