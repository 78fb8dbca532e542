// Valid C that the grammar cannot read as written, in the shapes real projects use: the file must be read
// without "syntax errors", every byte where it was, and a real syntax error must still be reported.
import { beforeAll, describe, expect, it } from 'vitest';
import { initParsing, parse } from '../server/src/parsing/parser';
import { lint } from '../server/src/engine/lint';
import { repairForParsing } from '../server/src/parsing/preprocess';
import { SYNTAX_ERRORS_NOTE } from '../server/src/analysis/analyze';

beforeAll(async () => {
  await initParsing();
});

const clean: Array<[string, string]> = [
  ['a label right before #ifdef (libssh2 fail:)', 'int f(int *e)\n{\n\tint ret = 0;\nfail:\n#ifdef USE_OPENSSL_3\n\tfree(e);\n#endif\n\treturn ret;\n}\n'],
  ['a label right before the closing brace', 'void f(int *e)\n{\n\tif (!e)\n\t\tgoto out;\n\tfree(e);\nout:\n}\n'],
  ['if headers as the arms, the body after #endif', 'int f(int ret)\n{\n#if defined(USE_OPENSSL_3) || defined(LIBSSH2_WOLFSSL)\n\tif(ret != -1)\n#else\n\tif(ret >= 1)\n#endif\n\t{\n\t\tret = 0;\n\t}\n\treturn ret;\n}\n'],
  ['an if before #ifdef arms that are its body', 'void *f(void *bp)\n{\n\tvoid *k = 0;\n\tif(bp)\n#ifdef USE_OPENSSL_3\n\t\tk = read3(bp);\n#else\n\t\tk = read1(bp);\n#endif\n\treturn k;\n}\n'],
  ['an optional if header around a block', 'int f(int *wsi)\n{\n#if defined(WITH_WEBSOCKETS)\n\tif(!wsi)\n#endif\n\t{\n\t\treturn 1;\n\t}\n\treturn 0;\n}\n'],
  ['a const qualifier in an arm (nginx)', 'int f(void)\n{\n\tX509_NAME *name;\n#if (OPENSSL_VERSION_NUMBER >= 0x40000000L)\n\tconst\n#endif\n\tX509_NAME *sname;\n\treturn 0;\n}\n'],
  ['a parameter qualifier in an arm', 'static int get_session(void *c,\n#if OPENSSL_VERSION_NUMBER >= 0x10100003L\n    const\n#endif\n    unsigned char *id, int len);\n'],
  ['a condition operand in an arm (nginx)', 'int f(int timedout, void *quic)\n{\n\tif (timedout\n#if (NGX_HTTP_V3)\n\t    && quic == NULL\n#endif\n\t   )\n\t\treturn 1;\n\treturn 0;\n}\n'],
  ['an initializer operand in an arm (curl)', 'int f(void)\n{\n\tconst unsigned long flags =\n#ifdef OPENSSL_INIT_ENGINE_ALL_BUILTIN\n\t\tOPENSSL_INIT_ENGINE_ALL_BUILTIN |\n#endif\n\t\t0;\n\treturn (int)flags;\n}\n'],
  ['glibc-style attribute macros (lighttpd)', '__attribute_cold__\n__attribute_format__((__printf__, 4, 5))\nstatic void\nelogf (int errh, const char *file, int line, const char *fmt, ...)\n{\n}\n'],
  ['a definition whose header differs per arm (lighttpd, rsyslog)', 'static int\n#if OPENSSL_VERSION_NUMBER < 0x30000000L\nticket_key_cb (SSL *s, unsigned char *iv, HMAC_CTX *hctx, int enc)\n#else\nticket_key_cb (SSL *s, unsigned char *iv, EVP_MAC_CTX *hctx, int enc)\n#endif\n{\n\treturn enc;\n}\n'],
  ['an export macro before the specifiers (mosquitto)', 'BROKER_EXPORT const char *client_address(const struct mosquitto *client)\n{\n\treturn client->address;\n}\n'],
  ['an attribute macro after a prototype (curl)', 'static int push_certinfo(void *data, const char *label, int num)\n  WARN_UNUSED_RESULT;\n'],
  ['a dllexport attribute macro (lighttpd)', '__declspec_dllexport__\nint mod_openssl_plugin_init (void *p);\n'],
  ['an unused attribute after *const (rsyslog)', 'static int algo_name_to_algo(char *const __attribute__((unused)) algoname) {\n\treturn 0;\n}\n'],
  ['a calling-convention macro (nginx)', 'void ngx_cdecl\nngx_ssl_error(int level, const char *fmt, ...)\n{\n}\n'],
  ['a lower-case loop macro with a block (libwebsockets)', 'void f(struct vhost *vh)\n{\n\tlws_start_foreach_dll_safe(struct lws_dll2 *, p, tp,\n\t\t\t\t   lws_dll2_get_head(&vh->sessions)) {\n\t\tdrop(p);\n\t} lws_end_foreach_dll_safe(p, tp);\n}\n'],
  ['a built-in type passed to a macro (ldns)', 'int f(size_t n)\n{\n\tunsigned char *digest = LDNS_XMALLOC(unsigned char, n);\n\tif (!digest)\n\t\treturn -1;\n\tLDNS_FREE(digest);\n\treturn 0;\n}\n'],
  ['an operator passed to a macro (libevent tests)', 'void f(int test_ok)\n{\n\ttt_int_op(test_ok, ==, 3);\n}\n'],
  ['for headers as the arms (OpenDKIM)', 'void f(char *keydata, int keylen)\n{\n\tint len;\n\tchar *p;\n#ifdef USE_GNUTLS\n\tfor (len = keylen, p = keydata; len > 0; len--, p++)\n#else\n\tfor (len = keylen - 1, p = keydata; len > 0; len--, p++)\n#endif\n\t{\n\t\tput(*p);\n\t}\n}\n'],
  ['a named pointer type passed to a macro (ldns)', 'int f(struct list *key_list, size_t key_count)\n{\n\tvoid *a = LDNS_XREALLOC(key_list->_keys, ldns_key *, key_count + 1);\n\treturn a != NULL;\n}\n'],
  ['a declaration wrapped in a macro (curl)', 'void f(void)\n{\n\tVERBOSE(unsigned long sslerr = ERR_get_error());\n\tVERBOSE(char error_buffer[256]);\n\tuse();\n}\n'],
  ['an operator argument on its own line (libevent tests)', 'void f(void *evcon, void *req)\n{\n\ttt_int_op(evhttp_make_request(evcon, req, 1, "/delay"),\n\t\t  !=, -1);\n}\n'],
  ['string pieces in arms (lighttpd)', 'static const char *groups =\n\t"X25519:"\n#if defined(SSL_GROUP_X25519_MLKEM768)\n\t"X25519MLKEM768:"\n#endif\n\t"P-256";\n'],
  ['an _API export macro before a named type (wolfSSL)', 'WOLFSSL_API WOLFSSL_X509_NAME* wolfSSL_X509_NAME_dup(WOLFSSL_X509_NAME* n);\n'],
  ['the libev loop parameter macro (hitch)', 'static void\nconnect_timeout(EV_P_ ev_timer *w, int revents)\n{\n\tev_timer_stop(EV_A_ w);\n}\n'],
  ['a struct type passed to a macro (h2o)', 'void f(struct list *l)\n{\n\tstruct entry *e = H2O_STRUCT_FROM_MEMBER(struct entry, link, l->next);\n\tuse(e);\n}\n'],
];

describe('parse repairs', () => {
  for (const [name, text] of clean) {
    it(`reads ${name} without syntax errors`, () => {
      const tree = parse('c', text);
      const broken = tree.rootNode.hasError;
      tree.delete();
      expect(broken, 'the grammar alone cannot read it (else this case tests nothing)').toBe(true);
      expect(lint({ path: 'x.c', text, language: 'c' }).notes).not.toContain(SYNTAX_ERRORS_NOTE);
      const repaired = repairForParsing(text);
      if (repaired !== undefined) {
        expect(repaired.length).toBe(text.length);
        expect(repaired.split('\n').map((l) => l.length)).toEqual(text.split('\n').map((l) => l.length));
      }
    });
  }

  it('says nothing of an unreadable prototype, which loses no function', () => {
    const text = 'WOLFSSL_API WOLFSSL_X509_NAME* wolfSSL_X509_NAME_dup(WOLFSSL_X509_NAME*);\nint f(SSL_CTX *c)\n{\n\tSSL *s = SSL_new(c);\n\tSSL_free(s);\n\treturn 0;\n}\n';
    const tree = parse('c', text);
    const broken = tree.rootNode.hasError;
    tree.delete();
    expect(broken).toBe(true);
    expect(lint({ path: 'x.c', text, language: 'c' }).notes).not.toContain(SYNTAX_ERRORS_NOTE);
  });

  it('still reports a real syntax error', () => {
    const text = 'int f(SSL_CTX *ctx)\n{\n\tSSL *s = SSL_new(ctx)\n\tint x = ;\n\tSSL_free(s);\n\treturn x\n}\n';
    expect(lint({ path: 'x.c', text, language: 'c' }).notes).toContain(SYNTAX_ERRORS_NOTE);
  });

  it('reads a project noreturn macro as _Noreturn (what the noreturn analysis looks for)', () => {
    const text = 'H2O_NORETURN static void *cache_cleanup_thread(void *contexts)\n{\n\tfor (;;)\n\t\tsleep(1);\n}\n';
    const repaired = repairForParsing(text)!;
    expect(repaired.startsWith('_Noreturn    static void')).toBe(true);
    expect(lint({ path: 'x.c', text, language: 'c' }).notes).not.toContain(SYNTAX_ERRORS_NOTE);
  });

  it('leaves a lower-case foreach call without a block a call', () => {
    const text = 'void f(GList *l)\n{\n\tg_list_foreach(l, (GFunc)g_free, NULL);\n\tg_list_free(l);\n}\n';
    expect(repairForParsing(text)).toBeUndefined();
  });

  it('leaves whole-statement arms in a function that parses alone', () => {
    const text = 'int f(int *p)\n{\n#ifdef A\n\tfree(p);\n#else\n\tkeep(p);\n#endif\n\treturn 0;\n}\n';
    expect(repairForParsing(text)).toBeUndefined();
  });
});
