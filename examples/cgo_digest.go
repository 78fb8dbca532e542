// Package digest hashes data with OpenSSL through cgo; it shows the cgo mistakes osslint finds.
package digest

// #cgo LDFLAGS: -lcrypto
// #include <stdlib.h>
// #include <stdio.h>
// #include <openssl/evp.h>
import "C"

import (
	"errors"
	"unsafe"
)

// Sum leaks the digest context on the error return.
func Sum(name string, data []byte) ([]byte, error) {
	cname := C.CString(name)
	defer C.free(unsafe.Pointer(cname))
	md := C.EVP_get_digestbyname(cname)
	if md == nil {
		return nil, errors.New("unknown digest " + name)
	}
	ctx := C.EVP_MD_CTX_new()
	if ctx == nil {
		return nil, errors.New("out of memory")
	}
	if C.EVP_DigestInit_ex(ctx, md, nil) != 1 {
		return nil, errors.New("init failed")
	}
	out := make([]byte, C.EVP_MAX_MD_SIZE)
	var n C.uint
	buf := C.CBytes(data)
	defer C.free(buf)
	C.EVP_DigestUpdate(ctx, buf, C.size_t(len(data)))
	C.EVP_DigestFinal_ex(ctx, (*C.uchar)(unsafe.Pointer(&out[0])), &n)
	C.EVP_MD_CTX_free(ctx)
	return out[:n], nil
}

// SumFixed is the correct twin: the context is released by a deferred call on every path.
func SumFixed(name string, data []byte) ([]byte, error) {
	cname := C.CString(name)
	defer C.free(unsafe.Pointer(cname))
	md := C.EVP_get_digestbyname(cname)
	if md == nil {
		return nil, errors.New("unknown digest " + name)
	}
	ctx := C.EVP_MD_CTX_new()
	if ctx == nil {
		return nil, errors.New("out of memory")
	}
	defer C.EVP_MD_CTX_free(ctx)
	if C.EVP_DigestInit_ex(ctx, md, nil) != 1 {
		return nil, errors.New("init failed")
	}
	out := make([]byte, C.EVP_MAX_MD_SIZE)
	var n C.uint
	buf := C.CBytes(data)
	defer C.free(buf)
	C.EVP_DigestUpdate(ctx, buf, C.size_t(len(data)))
	C.EVP_DigestFinal_ex(ctx, (*C.uchar)(unsafe.Pointer(&out[0])), &n)
	return out[:n], nil
}

// Log never frees the C string.
func Log(msg string) {
	C.puts(C.CString(msg))
}
