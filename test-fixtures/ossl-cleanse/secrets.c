#include <string.h>
#include <stdlib.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>

int encrypt_with(const unsigned char *key, const unsigned char *iv, const unsigned char *in, int len, unsigned char *out);

int derive_stack_unwiped(const char *pass, const unsigned char *salt, const unsigned char *in, int len, unsigned char *out)
{
    unsigned char key[32];
    unsigned char iv[16];
    // ruleid: ossl-cleanse
    if (!PKCS5_PBKDF2_HMAC(pass, (int)strlen(pass), salt, 16, 100000, EVP_sha256(), sizeof(key), key))
        return -1;
    if (RAND_bytes(iv, sizeof(iv)) != 1)
        return -1;
    return encrypt_with(key, iv, in, len, out);
}

int derive_stack_wiped(const char *pass, const unsigned char *salt, const unsigned char *in, int len, unsigned char *out)
{
    unsigned char key[32];
    unsigned char iv[16];
    int ret = -1;
    // ok: ossl-cleanse
    if (!PKCS5_PBKDF2_HMAC(pass, (int)strlen(pass), salt, 16, 100000, EVP_sha256(), sizeof(key), key))
        goto end;
    // ok: ossl-cleanse
    if (RAND_bytes(iv, sizeof(iv)) != 1)
        goto end;
    ret = encrypt_with(key, iv, in, len, out);
end:
    OPENSSL_cleanse(key, sizeof(key));
    return ret;
}

int derive_memset_only(const char *pass, const unsigned char *salt, const unsigned char *in, int len, unsigned char *out)
{
    unsigned char key[32];
    int ret;
    // ruleid: ossl-cleanse
    if (!PKCS5_PBKDF2_HMAC(pass, (int)strlen(pass), salt, 16, 100000, EVP_sha256(), sizeof(key), key))
        return -1;
    ret = encrypt_with(key, NULL, in, len, out);
    memset(key, 0, sizeof(key));
    return ret;
}

int derive_heap_freed(const char *pass, const unsigned char *salt, unsigned char *out)
{
    unsigned char *key = OPENSSL_malloc(32);
    if (key == NULL)
        return -1;
    // ruleid: ossl-cleanse
    if (!PKCS5_PBKDF2_HMAC(pass, (int)strlen(pass), salt, 16, 100000, EVP_sha256(), 32, key)) {
        OPENSSL_free(key);
        return -1;
    }
    memcpy(out, key, 16);
    OPENSSL_free(key);
    return 0;
}

int derive_heap_clear_free(const char *pass, const unsigned char *salt, unsigned char *out)
{
    unsigned char *key = OPENSSL_malloc(32);
    if (key == NULL)
        return -1;
    // ok: ossl-cleanse
    if (!PKCS5_PBKDF2_HMAC(pass, (int)strlen(pass), salt, 16, 100000, EVP_sha256(), 32, key)) {
        OPENSSL_clear_free(key, 32);
        return -1;
    }
    memcpy(out, key, 16);
    OPENSSL_clear_free(key, 32);
    return 0;
}

unsigned char *derive_returned(const char *pass, const unsigned char *salt)
{
    unsigned char *key = OPENSSL_malloc(32);
    if (key == NULL)
        return NULL;
    // ok: ossl-cleanse
    if (!PKCS5_PBKDF2_HMAC(pass, (int)strlen(pass), salt, 16, 100000, EVP_sha256(), 32, key)) {
        OPENSSL_clear_free(key, 32);
        return NULL;
    }
    return key;
}

int session_key_unwiped(unsigned char *out, int len)
{
    unsigned char session_key[32];
    unsigned char nonce[12];
    // ruleid: ossl-cleanse
    if (RAND_bytes(session_key, sizeof(session_key)) != 1)
        return -1;
    // ok: ossl-cleanse
    if (RAND_bytes(nonce, sizeof(nonce)) != 1)
        return -1;
    return encrypt_with(session_key, nonce, out, len, out);
}

struct keys { unsigned char *key; size_t len; };

void keys_free(struct keys *k)
{
    if (k == NULL)
        return;
    OPENSSL_clear_free(k->key, k->len);
    OPENSSL_free(k);
}

int encrypt_with_password(pem_password_cb *cb, const char *kstr, int klen, void *u, unsigned char *out)
{
    char buf[1024];
    int ret;
    if (kstr == NULL) {
        // ok: ossl-cleanse
        klen = PEM_def_callback(buf, sizeof(buf), 1, u);
        if (klen <= 0)
            return 0;
        kstr = buf;
    }
    ret = encrypt_with((const unsigned char *)kstr, NULL, out, klen, out);
    if (kstr == buf)
        explicit_bzero(buf, klen);
    return ret;
}
