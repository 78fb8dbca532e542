#define __STDC_WANT_LIB_EXT1__ 1
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <openssl/crypto.h>
#include <openssl/ec.h>
#include <openssl/ecdh.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/ui.h>

int encrypt_with(const unsigned char *key, const unsigned char *iv, const unsigned char *in, int len, unsigned char *out);
int login(const char *user, const char *password);
int parse_line(const char *line);

/* ---- EVP_BytesToKey: the key is secret, the IV is not ---- */

int bytes_to_key_unwiped(const unsigned char *salt, const unsigned char *pass, int passlen, const unsigned char *in, int len, unsigned char *out)
{
    unsigned char key[EVP_MAX_KEY_LENGTH];
    unsigned char iv[EVP_MAX_IV_LENGTH];
    // ruleid: ossl-cleanse
    if (!EVP_BytesToKey(EVP_aes_256_cbc(), EVP_sha256(), salt, pass, passlen, 1, key, iv))
        return -1;
    return encrypt_with(key, iv, in, len, out);
}

int bytes_to_key_wiped(const unsigned char *salt, const unsigned char *pass, int passlen, const unsigned char *in, int len, unsigned char *out)
{
    unsigned char key[EVP_MAX_KEY_LENGTH];
    unsigned char iv[EVP_MAX_IV_LENGTH];
    int ret;
    // ok: ossl-cleanse
    if (!EVP_BytesToKey(EVP_aes_256_cbc(), EVP_sha256(), salt, pass, passlen, 1, key, iv))
        return -1;
    ret = encrypt_with(key, iv, in, len, out);
    OPENSSL_cleanse(key, sizeof(key));
    return ret;
}

/* ---- EVP_PKEY_derive into a local buffer ---- */

int derive_shared_unwiped(EVP_PKEY_CTX *ctx, const unsigned char *in, int len, unsigned char *out)
{
    unsigned char secret[64];
    size_t secret_len = sizeof(secret);
    // ruleid: ossl-cleanse
    if (EVP_PKEY_derive(ctx, secret, &secret_len) <= 0)
        return -1;
    return encrypt_with(secret, NULL, in, len, out);
}

int derive_shared_wiped(EVP_PKEY_CTX *ctx, const unsigned char *in, int len, unsigned char *out)
{
    unsigned char secret[64];
    size_t secret_len = sizeof(secret);
    int ret;
    // ok: ossl-cleanse
    if (EVP_PKEY_derive(ctx, secret, &secret_len) <= 0)
        return -1;
    ret = encrypt_with(secret, NULL, in, len, out);
    OPENSSL_cleanse(secret, secret_len);
    return ret;
}

/* ---- EVP_KDF_derive ---- */

int kdf_unwiped(EVP_KDF_CTX *kctx, const OSSL_PARAM *params, const unsigned char *in, int len, unsigned char *out)
{
    unsigned char okm[32];
    // ruleid: ossl-cleanse
    if (EVP_KDF_derive(kctx, okm, sizeof(okm), params) <= 0)
        return -1;
    return encrypt_with(okm, NULL, in, len, out);
}

int kdf_explicit_bzero(EVP_KDF_CTX *kctx, const OSSL_PARAM *params, const unsigned char *in, int len, unsigned char *out)
{
    unsigned char okm[32];
    int ret;
    // ok: ossl-cleanse
    if (EVP_KDF_derive(kctx, okm, sizeof(okm), params) <= 0)
        return -1;
    ret = encrypt_with(okm, NULL, in, len, out);
    explicit_bzero(okm, sizeof(okm));
    return ret;
}

/* ---- ECDH_compute_key ---- */

int ecdh_unwiped(const EC_POINT *peer, EC_KEY *ecdh, const unsigned char *in, int len, unsigned char *out)
{
    unsigned char shared[32];
    // ruleid: ossl-cleanse
    if (ECDH_compute_key(shared, sizeof(shared), peer, ecdh, NULL) <= 0)
        return -1;
    return encrypt_with(shared, NULL, in, len, out);
}

int ecdh_memset_s(const EC_POINT *peer, EC_KEY *ecdh, const unsigned char *in, int len, unsigned char *out)
{
    unsigned char shared[32];
    int ret;
    // ok: ossl-cleanse
    if (ECDH_compute_key(shared, sizeof(shared), peer, ecdh, NULL) <= 0)
        return -1;
    ret = encrypt_with(shared, NULL, in, len, out);
    memset_s(shared, sizeof(shared), 0, sizeof(shared));
    return ret;
}

/* ---- passphrases: fgets into a password buffer, EVP_read_pw_string; a plain line is not a secret ---- */

int read_password_unwiped(FILE *in, const char *user)
{
    char password[128];
    // ruleid: ossl-cleanse
    if (fgets(password, sizeof(password), in) == NULL)
        return -1;
    password[strcspn(password, "\n")] = '\0';
    return login(user, password);
}

int read_password_wiped(FILE *in, const char *user)
{
    char password[128];
    int ret;
    // ok: ossl-cleanse
    if (fgets(password, sizeof(password), in) == NULL)
        return -1;
    password[strcspn(password, "\n")] = '\0';
    ret = login(user, password);
    OPENSSL_cleanse(password, sizeof(password));
    return ret;
}

int read_line(FILE *in)
{
    char line[256];
    // ok: ossl-cleanse
    if (fgets(line, sizeof(line), in) == NULL)
        return -1;
    return parse_line(line);
}

int prompt_unwiped(const char *user)
{
    char buf[128];
    // ruleid: ossl-cleanse
    if (EVP_read_pw_string(buf, sizeof(buf), "Password: ", 0) != 0)
        return -1;
    return login(user, buf);
}

/* A project helper that wipes its parameter counts as a wipe. */
static void wipe(void *p, size_t n)
{
    OPENSSL_cleanse(p, n);
}

int prompt_wiped_by_helper(const char *user)
{
    char buf[128];
    int ret;
    // ok: ossl-cleanse
    if (EVP_read_pw_string(buf, sizeof(buf), "Password: ", 0) != 0)
        return -1;
    ret = login(user, buf);
    wipe(buf, sizeof(buf));
    return ret;
}

/* ---- handed over: returned, or stored in a returned object ---- */

struct session {
    unsigned char *key;
    size_t key_len;
};

unsigned char *derive_for_caller(EVP_KDF_CTX *kctx, const OSSL_PARAM *params)
{
    unsigned char *okm = OPENSSL_malloc(32);
    if (okm == NULL)
        return NULL;
    // ok: ossl-cleanse
    if (EVP_KDF_derive(kctx, okm, 32, params) <= 0) {
        OPENSSL_free(okm);
        return NULL;
    }
    return okm;
}

struct session *session_new(EVP_KDF_CTX *kctx, const OSSL_PARAM *params)
{
    struct session *s = OPENSSL_zalloc(sizeof(*s));
    unsigned char *okm;
    if (s == NULL)
        return NULL;
    okm = OPENSSL_malloc(32);
    if (okm == NULL) {
        OPENSSL_free(s);
        return NULL;
    }
    // ok: ossl-cleanse
    if (EVP_KDF_derive(kctx, okm, 32, params) <= 0) {
        OPENSSL_free(okm);
        OPENSSL_free(s);
        return NULL;
    }
    s->key = okm;
    s->key_len = 32;
    return s;
}

/* ---- released with OPENSSL_clear_free in a separate free function ---- */

static void secret_free(unsigned char *p, size_t n)
{
    OPENSSL_clear_free(p, n);
}

static void plain_free(unsigned char *p)
{
    OPENSSL_free(p);
}

int derive_clear_free_helper(EVP_KDF_CTX *kctx, const OSSL_PARAM *params, const unsigned char *in, int len, unsigned char *out)
{
    unsigned char *okm = OPENSSL_malloc(32);
    int ret;
    if (okm == NULL)
        return -1;
    // ok: ossl-cleanse
    if (EVP_KDF_derive(kctx, okm, 32, params) <= 0) {
        secret_free(okm, 32);
        return -1;
    }
    ret = encrypt_with(okm, NULL, in, len, out);
    secret_free(okm, 32);
    return ret;
}

int derive_plain_free_helper(EVP_KDF_CTX *kctx, const OSSL_PARAM *params, const unsigned char *in, int len, unsigned char *out)
{
    unsigned char *okm = OPENSSL_malloc(32);
    int ret;
    if (okm == NULL)
        return -1;
    // ruleid: ossl-cleanse
    if (EVP_KDF_derive(kctx, okm, 32, params) <= 0) {
        plain_free(okm);
        return -1;
    }
    ret = encrypt_with(okm, NULL, in, len, out);
    plain_free(okm);
    return ret;
}
