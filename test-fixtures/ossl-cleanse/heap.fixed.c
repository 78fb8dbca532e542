#include <string.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>

int derive_heap(const char *pass, const unsigned char *salt, unsigned char *out)
{
    unsigned char *key = OPENSSL_malloc(32);
    if (key == NULL)
        return -1;
    // ruleid: ossl-cleanse
    if (!PKCS5_PBKDF2_HMAC(pass, (int)strlen(pass), salt, 16, 100000, EVP_sha256(), 32, key)) {
        OPENSSL_clear_free(key, 32);
        return -1;
    }
    memcpy(out, key, 16);
    OPENSSL_clear_free(key, 32);
    return 0;
}
