// Which files of a Go package a default build compiles: `go build` on linux/amd64 with cgo and no custom tags.
// Build variants of a package (`x_dlopen.go` under `//go:build libvirt_dlopen` beside `x_static.go`, or
// `x_windows.go`) define the same functions and cgo helpers twice; only one of each is compiled.

/** The operating systems and architectures a file name can be limited to (`x_windows.go`, `x_linux_arm64.go`). */
const GOOS = /^(aix|android|darwin|dragonfly|freebsd|hurd|illumos|ios|js|linux|nacl|netbsd|openbsd|plan9|solaris|wasip1|windows|zos)$/;
const GOARCH = /^(386|amd64|arm|arm64|loong64|mips|mipsle|mips64|mips64le|ppc64|ppc64le|riscv64|s390x|wasm)$/;
/** Build tags set on the assumed build: `go build` on linux/amd64 with cgo, no custom tags. */
const DEFAULT_TAGS = /^(linux|unix|amd64|cgo|gc|go1(\.\d+)?)$/;

/**
 * The sibling is compiled by a default build (linux/amd64, cgo, no custom tags): its file name's OS and
 * architecture and its `//go:build` line allow it. A package's build variants (`x_dlopen.go` under
 * `//go:build libvirt_dlopen` beside `x_static.go`) define the same helpers twice; only one is compiled.
 */
export function builtByDefault(name: string, text: string): boolean {
  const parts = name.replace(/(_test)?\.go$/, '').split('_');
  const last = parts[parts.length - 1] ?? '';
  const before = parts[parts.length - 2] ?? '';
  if (parts.length > 1 && GOARCH.test(last) && last !== 'amd64') return false;
  const os = GOARCH.test(last) ? before : last;
  if (parts.length > 1 && GOOS.test(os) && os !== 'linux') return false;
  const constraint = /^\/\/go:build\s+(.+)$/m.exec(text.slice(0, 4096))?.[1];
  return constraint === undefined || buildExpression(constraint) !== false;
}

/** The value of a `//go:build` expression under DEFAULT_TAGS; undefined when it cannot be read. */
function buildExpression(expr: string): boolean | undefined {
  const tokens = expr.match(/[A-Za-z0-9_.]+|&&|\|\||[!()]/g) ?? [];
  let i = 0;
  const or = (): boolean | undefined => {
    let v = and();
    while (tokens[i] === '||') {
      i++;
      const r = and();
      v = v === undefined || r === undefined ? undefined : v || r;
    }
    return v;
  };
  const and = (): boolean | undefined => {
    let v = not();
    while (tokens[i] === '&&') {
      i++;
      const r = not();
      v = v === undefined || r === undefined ? undefined : v && r;
    }
    return v;
  };
  const not = (): boolean | undefined => {
    const t = tokens[i++];
    if (t === '!') {
      const v = not();
      return v === undefined ? undefined : !v;
    }
    if (t === '(') {
      const v = or();
      return tokens[i++] === ')' ? v : undefined;
    }
    return t !== undefined && /^[A-Za-z0-9_.]+$/.test(t) ? DEFAULT_TAGS.test(t) : undefined;
  };
  const v = or();
  return i === tokens.length ? v : undefined;
}
