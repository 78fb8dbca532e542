package errs

// #include <openssl/evp.h>
// #include <openssl/bio.h>
import "C"

import (
	"errors"
	"fmt"
)

func newKey() (*C.EVP_PKEY, error) {
	// ok: cgo-free
	k := C.EVP_PKEY_new()
	if k == nil {
		return nil, errors.New("EVP_PKEY_new")
	}
	return k, nil
}

func newBio() (*C.BIO, error) {
	// ok: cgo-free
	b := C.BIO_new(C.BIO_s_mem())
	if b == nil {
		return nil, errors.New("BIO_new")
	}
	return b, nil
}

func bits() (int, error) {
	// ruleid: cgo-free
	k, err := newKey()
	if err != nil {
		return 0, err
	}
	return int(C.EVP_PKEY_get_bits(k)), nil
}

func bitsOK() (int, error) {
	// ok: cgo-free
	k, err := newKey()
	if err != nil {
		return 0, err
	}
	defer C.EVP_PKEY_free(k)
	return int(C.EVP_PKEY_get_bits(k)), nil
}

func twoWrappers() error {
	// ok: cgo-free
	k, err := newKey()
	if err != nil {
		return fmt.Errorf("key: %w", err)
	}
	defer C.EVP_PKEY_free(k)
	// ruleid: cgo-free
	b, err := newBio()
	if err != nil {
		return err
	}
	if C.EVP_PKEY_get_bits(k) < 2048 {
		return errors.New("weak key")
	}
	C.BIO_free(b)
	return nil
}
