package handover

// #include <stdlib.h>
// #include <stdio.h>
// #include <openssl/evp.h>
// #include <openssl/ssl.h>
import "C"

import (
	"errors"
	"runtime"
	"unsafe"
)

type Key struct {
	pkey *C.EVP_PKEY
	name *C.char
}

// Free releases the key: a method of the owning type.
func (k *Key) Free() {
	if k.pkey != nil {
		C.EVP_PKEY_free(k.pkey)
		k.pkey = nil
	}
}

func freeName(p *C.char) {
	C.free(unsafe.Pointer(p))
}

var registry = map[string]*C.char{}
var last *C.char

func returned(s string) *C.char {
	// ok: cgo-free
	cs := C.CString(s)
	return cs
}

func returnedInStruct() (*Key, error) {
	// ok: cgo-free
	p := C.EVP_PKEY_new()
	if p == nil {
		return nil, errors.New("EVP_PKEY_new")
	}
	return &Key{pkey: p}, nil
}

func (k *Key) setName(s string) {
	// ok: cgo-free
	cs := C.CString(s)
	k.name = cs
}

func stored(s string) {
	// ok: cgo-free
	cs := C.CString(s)
	registry[s] = cs
	// ok: cgo-free
	g := C.CString(s)
	last = g
}

func sent(ch chan *C.char, s string) {
	// ok: cgo-free
	cs := C.CString(s)
	ch <- cs
}

func appended(s string) []*C.char {
	var out []*C.char
	// ok: cgo-free
	cs := C.CString(s)
	out = append(out, cs)
	return out
}

func unknownGo(s string) {
	// ok: cgo-free
	cs := C.CString(s)
	keep(cs)
}

func cUse(s string) {
	// ruleid: cgo-free
	cs := C.CString(s)
	C.puts(cs)
}

func sslBio(ctx *C.SSL_CTX) {
	// ok: cgo-free
	ssl := C.SSL_new(ctx)
	defer C.SSL_free(ssl)
	// ok: cgo-free
	rbio := C.BIO_new(C.BIO_s_mem())
	C.SSL_set_bio(ssl, rbio, rbio)
}

func localObject() {
	k := &Key{}
	// ok: cgo-free
	k.pkey = C.EVP_PKEY_new()
	defer k.Free()
}

func localObjectLeak() {
	k := &Key{}
	// ruleid: cgo-free
	k.pkey = C.EVP_PKEY_new()
	_ = k
}

func finalizer() *Key {
	k := &Key{}
	// ok: cgo-free
	k.pkey = C.EVP_PKEY_new()
	runtime.SetFinalizer(k, func(o *Key) { C.EVP_PKEY_free(o.pkey) })
	return k
}

func helper(s string) {
	// ok: cgo-free
	cs := C.CString(s)
	C.puts(cs)
	freeName(cs)
}

func goroutine(s string, done chan bool) {
	// ok: cgo-free
	cs := C.CString(s)
	go func() {
		C.puts(cs)
		C.free(unsafe.Pointer(cs))
		done <- true
	}()
}
