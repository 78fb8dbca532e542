/*
 * The verifier: certificates read here are handed to the list helpers of cert-list.c and released there. Only
 * the project index (summaries of the other files' functions) knows that the append takes the certificate and
 * that cert_from_pem_file returns one the caller owns.
 */
#include <string.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include "cert-list.h"

int
load_chain(const unsigned char **ders, const long *lengths, size_t count, cert_node **out)
{
    cert_node *chain = NULL;
    size_t i;

    for (i = 0; i < count; i++) {
        const unsigned char *p = ders[i];
        // ok: ossl-leak
        X509 *cert = d2i_X509(NULL, &p, lengths[i]);

        if (cert == NULL)
            goto error;
        if (cert_list_append(&chain, cert) != 0) {
            X509_free(cert);
            goto error;
        }
    }
    *out = chain;
    return 0;

error:
    cert_list_free(chain);
    return -1;
}

int
check_root(const char *root_path, X509 *leaf)
{
    // ruleid: ossl-leak
    X509 *root = cert_from_pem_file(root_path);

    if (root == NULL)
        return -1;
    if (X509_check_issued(root, leaf) != X509_V_OK)
        return 0;
    X509_free(root);
    return 1;
}
