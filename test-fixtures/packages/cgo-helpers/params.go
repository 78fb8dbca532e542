package names

/*
#include <stdlib.h>

typedef struct _param { char field[80]; int type; } param;
typedef param *paramPtr;

// Declared by the library the package binds; its body is not here.
void paramsFree(paramPtr params, int nparams);
int domainGetStats(paramPtr params, int *nparams);

void
paramsFreeWrapper(paramPtr params,
                  int nparams)
{
#if !LIBRARY_CHECK_VERSION(1, 0, 2)
    (void)params;
#else
    paramsFree(params,
               nparams);
#endif
    return;
}

// The library frees the text with the destructor it is given.
void setResultText(void *ctx, char *text, int n);
void registerText(void *ctx, void (*destroy)(void *), char *text);

static void _result_text(void *ctx, const char *s, int l) {
  registerText(ctx, &free, (char *)s);
}

#include <glib.h>

static inline gchar** make_strings(int count) {
	return (gchar**)malloc(sizeof(gchar*) * count);
}

static inline void set_string(gchar** strings, int n, gchar* str) {
	strings[n] = str;
}
*/
import "C"

import (
	"errors"
	"unsafe"
)

func paramsNew(nparams C.int) *C.param {
	var cparams *C.param
	memlen := C.size_t(unsafe.Sizeof(*cparams) * uintptr(nparams))
	cparams = (*C.param)(C.malloc(memlen))
	if cparams == nil {
		C.abort()
	}
	C.memset(unsafe.Pointer(cparams), 0, memlen)
	return cparams
}

// The wrapper hands the array to the library's free: released at every return (libvirt-go-module's shape).
func Stats(n int) (int, error) {
	cnparams := C.int(n)
	// ok: cgo-free
	cparams := paramsNew(cnparams)
	defer C.paramsFreeWrapper(cparams, cnparams)
	if C.domainGetStats(cparams, &cnparams) == -1 {
		return 0, errors.New("stats")
	}
	return int(cnparams), nil
}

// Given &free, the library owns the copy (go-sqlite3's _sqlite3_result_text).
func resultText(ctx unsafe.Pointer, s string) {
	// ok: cgo-free
	cstr := C.CString(s)
	C._result_text(ctx, cstr, C.int(len(s)))
}

func stringArray2Native(ss []string) **C.gchar {
	// ok: cgo-free
	css := C.make_strings(C.int(len(ss) + 1))
	for i, s := range ss {
		// ok: cgo-free
		ptr := C.CString(s)
		C.set_string(css, C.int(i), (*C.gchar)(ptr))
	}
	C.set_string(css, C.int(len(ss)), nil)
	return css
}

// g_strfreev frees the array and its strings (go-gtk's SetAuthors).
func setAuthors(ctx unsafe.Pointer, authors []string) {
	// ok: cgo-free
	cauthors := stringArray2Native(authors)
	defer C.g_strfreev(cauthors)
	C.setResultText(ctx, (*C.char)(unsafe.Pointer(cauthors)), C.int(len(authors)))
}

func leakAuthors(ctx unsafe.Pointer, authors []string) {
	// ruleid: cgo-free
	cauthors := stringArray2Native(authors)
	C.setResultText(ctx, (*C.char)(unsafe.Pointer(cauthors)), C.int(len(authors)))
}
