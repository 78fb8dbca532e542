package paths

// #include <stdlib.h>
// #include <stdio.h>
import "C"

import (
	"errors"
	"fmt"
	"log"
	"os"
	"unsafe"
)

func ifElse(s string, verbose bool) error {
	// ruleid: cgo-free
	cs := C.CString(s)
	if verbose {
		C.puts(cs)
		return errors.New("verbose")
	} else {
		C.free(unsafe.Pointer(cs))
	}
	return nil
}

func ifElseOK(s string, verbose bool) {
	// ok: cgo-free
	cs := C.CString(s)
	if verbose {
		C.puts(cs)
		C.free(unsafe.Pointer(cs))
	} else {
		C.free(unsafe.Pointer(cs))
	}
}

func loopBreak(xs []string) {
	// ruleid: cgo-free
	cs := C.CString("sep")
	for i, x := range xs {
		if x == "" {
			break
		}
		if i > 3 {
			continue
		}
		C.puts(cs)
	}
}

func loopOK(xs []string) {
	for i := 0; i < len(xs); i++ {
		// ok: cgo-free
		cs := C.CString(xs[i])
		if xs[i] == "" {
			C.free(unsafe.Pointer(cs))
			continue
		}
		C.puts(cs)
		C.free(unsafe.Pointer(cs))
	}
}

func labeled(rows [][]string) {
outer:
	for _, row := range rows {
		for _, x := range row {
			// ruleid: cgo-free
			cs := C.CString(x)
			if x == "stop" {
				break outer
			}
			C.puts(cs)
			C.free(unsafe.Pointer(cs))
		}
	}
}

func switches(kind int, s string) {
	// ruleid: cgo-free
	cs := C.CString(s)
	switch kind {
	case 1:
		C.puts(cs)
		fallthrough
	case 2:
		C.free(unsafe.Pointer(cs))
	case 3:
		return
	default:
		C.free(unsafe.Pointer(cs))
	}
}

func switchOK(v interface{}, s string) {
	// ok: cgo-free
	cs := C.CString(s)
	switch v.(type) {
	case int:
		C.puts(cs)
	default:
	}
	C.free(unsafe.Pointer(cs))
}

func selects(ch chan int, done chan struct{}, s string) {
	// ruleid: cgo-free
	cs := C.CString(s)
	select {
	case <-ch:
		C.free(unsafe.Pointer(cs))
	case <-done:
	}
}

func gotos(s string) int {
	// ruleid: cgo-free
	cs := C.CString(s)
	if s == "" {
		goto fail
	}
	C.free(unsafe.Pointer(cs))
	return 0
fail:
	return -1
}

func gotosOK(s string) int {
	rc := 0
	// ok: cgo-free
	cs := C.CString(s)
	if s == "" {
		rc = -1
		goto out
	}
	C.puts(cs)
out:
	C.free(unsafe.Pointer(cs))
	return rc
}

// An unrecovered panic ends the process: nothing to report on that path (RULES.md).
func panics(s string) {
	// ok: cgo-free
	cs := C.CString(s)
	if s == "" {
		panic("empty")
	}
	C.free(unsafe.Pointer(cs))
}

// A panic this function recovers from returns normally: the string leaks on that path.
func panicsRecovered(s string) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	// ruleid: cgo-free
	cs := C.CString(s)
	if s == "" {
		panic("empty")
	}
	C.free(unsafe.Pointer(cs))
	return nil
}

func panicsDeferred(s string) {
	// ok: cgo-free
	cs := C.CString(s)
	defer C.free(unsafe.Pointer(cs))
	if s == "" {
		panic("empty")
	}
	C.puts(cs)
}

func exits(s string) {
	// ok: cgo-free
	cs := C.CString(s)
	if s == "" {
		log.Fatalf("empty")
	}
	if s == "-" {
		os.Exit(2)
	}
	C.free(unsafe.Pointer(cs))
}

func nilEdge(n int) error {
	// ok: cgo-free
	buf := C.malloc(C.size_t(n))
	if buf == nil {
		return errors.New("out of memory")
	}
	C.free(buf)
	return nil
}

func nilEdgeNotEqual(n int) {
	// ok: cgo-free
	buf := C.malloc(C.size_t(n))
	if buf != nil {
		C.free(buf)
	}
}

func nilAfterFree(s string) {
	// ok: cgo-free
	cs := C.CString(s)
	C.free(unsafe.Pointer(cs))
	cs = nil
	if cs == nil {
		return
	}
}

func overwrite(a, b string) {
	// ruleid: cgo-free
	cs := C.CString(a)
	C.puts(cs)
	// ok: cgo-free
	cs = C.CString(b)
	C.puts(cs)
	C.free(unsafe.Pointer(cs))
}
