#include <string.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

/* Before/after pairs in the shape of typical upstream leak fixes (hand-written). */

/* Fix: the public key taken from the certificate was not freed when verification failed. */
int verify_sig_before(X509 *cert, const unsigned char *sig, size_t siglen, const unsigned char *tbs, size_t tbslen)
{
    EVP_MD_CTX *md;
    // ruleid: ossl-leak
    EVP_PKEY *pub = X509_get_pubkey(cert);
    if (pub == NULL)
        return -1;
    md = EVP_MD_CTX_new();
    if (md == NULL)
        return -1;
    if (EVP_DigestVerifyInit(md, NULL, EVP_sha256(), NULL, pub) != 1) {
        EVP_MD_CTX_free(md);
        return -1;
    }
    if (EVP_DigestVerify(md, sig, siglen, tbs, tbslen) != 1) {
        EVP_MD_CTX_free(md);
        return 0;
    }
    EVP_MD_CTX_free(md);
    EVP_PKEY_free(pub);
    return 1;
}

int verify_sig_after(X509 *cert, const unsigned char *sig, size_t siglen, const unsigned char *tbs, size_t tbslen)
{
    EVP_MD_CTX *md = NULL;
    int ret = -1;
    // ok: ossl-leak
    EVP_PKEY *pub = X509_get_pubkey(cert);
    if (pub == NULL)
        goto end;
    // ok: ossl-leak
    md = EVP_MD_CTX_new();
    if (md == NULL)
        goto end;
    if (EVP_DigestVerifyInit(md, NULL, EVP_sha256(), NULL, pub) != 1)
        goto end;
    ret = EVP_DigestVerify(md, sig, siglen, tbs, tbslen) == 1;
end:
    EVP_MD_CTX_free(md);
    EVP_PKEY_free(pub);
    return ret;
}

/* Fix: the memory BIO wrapping the PEM text leaked when parsing failed. */
X509 *cert_from_pem_before(const char *pem)
{
    X509 *x;
    // ruleid: ossl-leak
    BIO *bio = BIO_new_mem_buf(pem, (int)strlen(pem));
    if (bio == NULL)
        return NULL;
    x = PEM_read_bio_X509(bio, NULL, NULL, NULL);
    if (x == NULL)
        return NULL;
    BIO_free(bio);
    return x;
}

X509 *cert_from_pem_after(const char *pem)
{
    X509 *x;
    // ok: ossl-leak
    BIO *bio = BIO_new_mem_buf(pem, (int)strlen(pem));
    if (bio == NULL)
        return NULL;
    x = PEM_read_bio_X509(bio, NULL, NULL, NULL);
    BIO_free(bio);
    return x;
}

/* Fix: the subject string from X509_NAME_oneline was not freed on the mismatch path. */
int subject_matches_before(X509 *cert, const char *want)
{
    // ruleid: ossl-leak
    char *subj = X509_NAME_oneline(X509_get_subject_name(cert), NULL, 0);
    if (subj == NULL)
        return 0;
    if (strcmp(subj, want) != 0)
        return 0;
    OPENSSL_free(subj);
    return 1;
}

int subject_matches_after(X509 *cert, const char *want)
{
    int ok;
    // ok: ossl-leak
    char *subj = X509_NAME_oneline(X509_get_subject_name(cert), NULL, 0);
    if (subj == NULL)
        return 0;
    ok = strcmp(subj, want) == 0;
    OPENSSL_free(subj);
    return ok;
}

/* Fix: a certificate read in a loop leaked when pushing it onto the chain failed. */
STACK_OF(X509) *read_chain_before(BIO *in)
{
    X509 *x;
    STACK_OF(X509) *chain = sk_X509_new_null();
    if (chain == NULL)
        return NULL;
    // ruleid: ossl-leak
    while ((x = PEM_read_bio_X509(in, NULL, NULL, NULL)) != NULL) {
        if (!sk_X509_push(chain, x)) {
            sk_X509_pop_free(chain, X509_free);
            return NULL;
        }
    }
    return chain;
}

STACK_OF(X509) *read_chain_after(BIO *in)
{
    X509 *x;
    STACK_OF(X509) *chain = sk_X509_new_null();
    if (chain == NULL)
        return NULL;
    // ok: ossl-leak
    while ((x = PEM_read_bio_X509(in, NULL, NULL, NULL)) != NULL) {
        if (!sk_X509_push(chain, x)) {
            X509_free(x);
            sk_X509_pop_free(chain, X509_free);
            return NULL;
        }
    }
    return chain;
}
