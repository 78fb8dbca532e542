/*
 * hitch / lighttpd / h2o style: registering a callback on an object hands nothing over; an OCSP response is
 * the SSL's only when SSL_set_tlsext_status_ocsp_resp succeeds; a key from SSL_get_privatekey is shared with
 * the SSL_CTX and stays valid after the SSL is freed.
 */
#include <string.h>
#include <openssl/ssl.h>
#include <openssl/evp.h>

static void info_callback(const SSL *ssl, int where, int ret)
{
	(void) ssl;
	(void) where;
	(void) ret;
}

SSL_CTX *make_ctx(const char *ciphers)
{
	// ruleid: ossl-leak
	SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());

	if (ctx == NULL)
		return NULL;
	SSL_CTX_set_info_callback(ctx, info_callback);
	if (ciphers != NULL && SSL_CTX_set_cipher_list(ctx, ciphers) != 1)
		return NULL; /* the context is left behind */
	return ctx;
}

int staple(SSL *ssl, const unsigned char *der, size_t len)
{
	// ok: double-free
	unsigned char *resp = OPENSSL_malloc(len);

	if (resp == NULL)
		return 0;
	memcpy(resp, der, len);
	if (!SSL_set_tlsext_status_ocsp_resp(ssl, resp, (long) len)) {
		OPENSSL_free(resp);
		return 0;
	}
	return 1;
}

int key_bits(SSL_CTX *ctx)
{
	SSL *fakeconn = SSL_new(ctx);
	EVP_PKEY *key;

	if (fakeconn == NULL)
		return -1;
	// ok: use-after-free
	key = SSL_get_privatekey(fakeconn);
	SSL_free(fakeconn);
	return key != NULL ? EVP_PKEY_get_bits(key) : -1;
}
