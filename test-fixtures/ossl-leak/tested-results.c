/* Results that are only tested, results handed back through the same variable, weak hand-overs. */
#include <stdlib.h>
#include <string.h>
#include <openssl/lhash.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

/* nginx ngx_http_process_request: the peer certificate was fetched only to be compared with NULL. */
int has_peer_cert(SSL *ssl)
{
    // ruleid: ossl-leak
    if (SSL_get1_peer_certificate(ssl) == NULL)
        return 0;
    return 1;
}

int has_peer_cert_fixed(SSL *ssl)
{
    // ok: ossl-leak
    X509 *cert = SSL_get1_peer_certificate(ssl);
    if (cert == NULL)
        return 0;
    X509_free(cert);
    return 1;
}

/* Released through the pointer obtained before the delete. */
int drop_emails(X509_NAME *dn)
{
    int i;
    X509_NAME_ENTRY *e;

    while ((i = X509_NAME_get_index_by_NID(dn, NID_pkcs9_emailAddress, -1)) >= 0) {
        e = X509_NAME_get_entry(dn, i);
        // ok: ossl-leak
        if (X509_NAME_delete_entry(dn, i) == NULL)
            return 0;
        X509_NAME_ENTRY_free(e);
    }
    return 1;
}

/* A d2i into the caller's pointer: the object lands there too. */
int load_crl(X509_CRL **crl, const unsigned char *der, long len)
{
    const unsigned char *p = der;
    // ok: ossl-leak
    if (!d2i_X509_CRL(crl, &p, len))
        return 0;
    return 1;
}

extern STACK_OF(CONF_VALUE) *i2v_names(void *method, void *names, STACK_OF(CONF_VALUE) *list);

/* x509_akey.c: a function we do not know, given the list and assigned back to it, returns that list. */
STACK_OF(CONF_VALUE) *describe(void *names, STACK_OF(CONF_VALUE) *list)
{
    STACK_OF(CONF_VALUE) *own = NULL;

    if (list == NULL) {
        // ok: ossl-leak
        if ((own = list = sk_CONF_VALUE_new_null()) == NULL)
            return NULL;
    }
    if ((list = i2v_names(NULL, names, list)) == NULL)
        goto err;
    return list;
err:
    sk_CONF_VALUE_pop_free(own, X509V3_conf_free);
    return NULL;
}

/* conf_api.c _CONF_new_section: a failed hash-table insert is reported by lh_TYPE_error; the caller frees. */
typedef struct {
    char *section;
} SECTION;
DEFINE_LHASH_OF(SECTION);

SECTION *new_section(LHASH_OF(SECTION) *data, const char *name)
{
    SECTION *v;

    // ok: mem-leak
    if ((v = calloc(1, sizeof(*v))) == NULL)
        return NULL;
    (void)lh_SECTION_insert(data, v);
    if (lh_SECTION_error(data)) {
        free(v);
        return NULL;
    }
    return v;
}

/* curl cert_stuff: the public key went straight into a call that only reads it. */
void copy_params(X509 *x509, SSL *ssl)
{
    // ruleid: ossl-leak
    EVP_PKEY_copy_parameters(X509_get_pubkey(x509), SSL_get_privatekey(ssl));
}

void copy_params_fixed(X509 *x509, SSL *ssl)
{
    // ok: ossl-leak
    EVP_PKEY *pub = X509_get_pubkey(x509);
    EVP_PKEY_copy_parameters(pub, SSL_get_privatekey(ssl));
    EVP_PKEY_free(pub);
}

/* A project function we know nothing about may keep what it is given. */
extern int remember_key(EVP_PKEY *k);

int keep_key(X509 *x509)
{
    // ok: ossl-leak
    return remember_key(X509_get_pubkey(x509));
}
