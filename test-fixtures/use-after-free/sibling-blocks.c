/*
 * libwebsockets openssl-client.c shape (lws_tls_client_create_vhost_context): one block's `char *p` is a
 * copy of the cipher list, freed inside that block; a later sibling block declares its own `uint8_t *p` for
 * the DER certificate. Two variables that share a name: the second block's uses are not uses of the freed
 * copy.
 */
#include <stdlib.h>
#include <string.h>
#include <openssl/ssl.h>

int alloc_pem_to_der(const char *pem, size_t len, unsigned char **out, long *outlen);

int client_create_vhost_context(SSL_CTX *ctx, const char *ciphers, const char *cert_mem, size_t cert_mem_len)
{
	int n;

	if (ciphers) {
		// ok: use-after-free
		char *p = strdup(ciphers);
		if (p) {
			char *q = p;
			while (*q) {
				if (*q == ',')
					*q = ':';
				q++;
			}
			SSL_CTX_set_cipher_list(ctx, p);
			free(p);
		}
	}

	if (cert_mem && cert_mem_len) {
		long flen;
		unsigned char *p;

		if (alloc_pem_to_der(cert_mem, cert_mem_len, &p, &flen))
			return 1;

		n = SSL_CTX_use_certificate_ASN1(ctx, (int)flen, p);
		free(p);
		if (n < 1)
			return 1;
	}
	return 0;
}

/* The same name in one block and then in the function's own scope, freed in the block and used after: still
 * two variables, but the second is the one used, and it is live. */
int reuse_after_block(const char *a, const char *b)
{
	{
		// ok: use-after-free
		char *s = strdup(a);
		if (!s)
			return -1;
		free(s);
	}
	// ruleid: use-after-free
	char *s = strdup(b);
	if (!s)
		return -1;
	free(s);
	return (int)strlen(s);
}
