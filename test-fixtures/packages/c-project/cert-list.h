/* A list of certificates kept by the verifier: nodes own their X509. */
#ifndef CERT_LIST_H
#define CERT_LIST_H

#include <openssl/x509.h>

typedef struct cert_node {
    X509 *object;
    struct cert_node *next;
} cert_node;

int cert_list_append(cert_node **list, X509 *cert);
void cert_list_free(cert_node *list);
X509 *cert_from_pem_file(const char *path);

#endif
