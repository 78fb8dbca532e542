package deferred

// #include <stdlib.h>
// #include <stdio.h>
// #include <openssl/evp.h>
import "C"

import (
	"errors"
	"unsafe"
)

func closureGuarded(s string) {
	// ok: cgo-free
	cs := C.CString(s)
	defer func() {
		if cs != nil {
			C.free(unsafe.Pointer(cs))
		}
	}()
	C.puts(cs)
}

// The closure reads p when it runs, so declaring it before the allocation is fine.
func closureBefore(s string) {
	var p *C.char
	defer func() {
		C.free(unsafe.Pointer(p))
	}()
	// ok: cgo-free
	p = C.CString(s)
	C.puts(p)
}

// Pitfall: a deferred call's arguments are evaluated at the defer statement, while p is still nil.
func deferTooEarly(s string) {
	var p *C.char
	defer C.free(unsafe.Pointer(p))
	// ruleid: cgo-free
	p = C.CString(s)
	C.puts(p)
}

func closureArgs(s string) {
	// ok: cgo-free
	cs := C.CString(s)
	defer func(p *C.char) {
		C.free(unsafe.Pointer(p))
	}(cs)
	C.puts(cs)
}

// Correct: the closure frees on error, the success path hands the context to the caller.
func newCtx() (ctx *C.EVP_CIPHER_CTX, err error) {
	// ok: cgo-free
	ctx = C.EVP_CIPHER_CTX_new()
	defer func() {
		if err != nil {
			C.EVP_CIPHER_CTX_free(ctx)
		}
	}()
	if C.EVP_CIPHER_CTX_reset(ctx) != 1 {
		err = errors.New("reset")
		return
	}
	return ctx, nil
}

// Pitfall: `return nil, err` sets the named result ctx to nil before the deferred closure runs, so the
// closure frees nil and the context leaks.
func newCtxNil() (ctx *C.EVP_CIPHER_CTX, err error) {
	// ruleid: cgo-free
	ctx = C.EVP_CIPHER_CTX_new()
	defer func() {
		if err != nil {
			C.EVP_CIPHER_CTX_free(ctx)
		}
	}()
	if C.EVP_CIPHER_CTX_reset(ctx) != 1 {
		return nil, errors.New("reset")
	}
	return ctx, nil
}

func deferHelper(s string) {
	// ok: cgo-free
	cs := C.CString(s)
	defer release(cs)
	C.puts(cs)
}

func release(p *C.char) {
	C.free(unsafe.Pointer(p))
}

func deferInBranch(s string, keep bool) {
	// ruleid: cgo-free
	cs := C.CString(s)
	if !keep {
		defer C.free(unsafe.Pointer(cs))
	}
	C.puts(cs)
}

// toC frees what it returns (the caller gets a dangling pointer): nothing is left for the caller to release.
func toC(s string) *C.char {
	cs := C.CString(s)
	defer C.free(unsafe.Pointer(cs))
	return cs
}

func PrintDangling(s string) {
	// ok: cgo-free
	p := toC(s)
	C.puts(p)
}

// The deferred frees took the pointers' values when they were registered: setting a variable to nil for the
// call below loses nothing (raylib-go's LoadShader).
func loadShader(vsFileName string, fsFileName string) int {
	// ok: cgo-free
	cvsFileName := C.CString(vsFileName)
	defer C.free(unsafe.Pointer(cvsFileName))

	// ok: cgo-free
	cfsFileName := C.CString(fsFileName)
	defer C.free(unsafe.Pointer(cfsFileName))

	if vsFileName == "" {
		cvsFileName = nil
	}

	if fsFileName == "" {
		cfsFileName = nil
	}

	return int(C.puts(cvsFileName)) + int(C.puts(cfsFileName))
}
