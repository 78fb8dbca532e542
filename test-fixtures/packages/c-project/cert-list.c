/* The list helpers the verifier calls from another file: append takes the certificate, free releases them. */
#include <stdio.h>
#include <stdlib.h>
#include <openssl/pem.h>
#include "cert-list.h"

int
cert_list_append(cert_node **list, X509 *cert)
{
    cert_node *node = calloc(1, sizeof(*node));

    if (node == NULL)
        return -1;
    node->object = cert;
    node->next = *list;
    *list = node;
    return 0;
}

void
cert_list_free(cert_node *list)
{
    while (list != NULL) {
        cert_node *next = list->next;

        X509_free(list->object);
        free(list);
        list = next;
    }
}

X509 *
cert_from_pem_file(const char *path)
{
    FILE *fp = fopen(path, "r");
    X509 *cert;

    if (fp == NULL)
        return NULL;
    cert = PEM_read_X509(fp, NULL, NULL, NULL);
    fclose(fp);
    return cert;
}
