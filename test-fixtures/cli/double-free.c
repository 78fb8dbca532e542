#include <openssl/bio.h>

void release_twice(void)
{
    // ruleid: double-free
    BIO *bio = BIO_new(BIO_s_mem());
    if (bio == NULL)
        return;
    BIO_free(bio);
    BIO_free(bio);
}
