// Which files of a Go package a default build (linux/amd64, cgo, no custom tags) compiles.
import { describe, expect, it } from 'vitest';
import { builtByDefault } from '../server/src/analysis/go/build-constraints';

describe('Go build constraints', () => {
  it.each([
    ['x.go', '', true],
    ['x_linux.go', '', true],
    ['x_windows.go', '', false],
    ['x_linux_arm64.go', '', false],
    ['x_linux_amd64.go', '', true],
    ['embed_windows_amd64.go', '', false],
    ['cgo_linux_sdl.go', '', true],
    ['x.go', '//go:build !libvirt_dlopen\n\npackage x\n', true],
    ['x.go', '//go:build libvirt_dlopen\n\npackage x\n', false],
    ['x.go', '//go:build linux && cgo\n', true],
    ['x.go', '//go:build (darwin || windows) && cgo\n', false],
    ['x.go', '//go:build !cgo\n', false],
    ['x.go', '//go:build go1.18\n', true],
    ['x.go', '//go:build sdl\n', false],
    ['x.go', '//go:build linux &&\n', true],
  ])('%s %j: %s', (name, text, built) => {
    expect(builtByDefault(name, text)).toBe(built);
  });
});
