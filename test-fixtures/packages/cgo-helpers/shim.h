#include <openssl/evp.h>

extern EVP_MD_CTX* X_EVP_MD_CTX_new();
extern void X_EVP_MD_CTX_free(EVP_MD_CTX* ctx);
