/*
 * nginx ngx_event_openssl_stapling.c style: X509_STORE_CTX_get1_issuer returns 1 (issuer found, *issuer set),
 * 0 (not found) or -1 (error), and only 1 gives the caller a reference. OpenSC openssl.c style:
 * EVP_PKEY_paramgen fills a key already in *ppkey.
 */
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

X509 *find_issuer(X509_STORE *store, X509 *cert)
{
	X509_STORE_CTX *store_ctx;
	X509 *issuer;
	int rc;

	store_ctx = X509_STORE_CTX_new();
	if (store_ctx == NULL)
		return NULL;
	if (X509_STORE_CTX_init(store_ctx, store, NULL, NULL) == 0) {
		X509_STORE_CTX_free(store_ctx);
		return NULL;
	}
	// ok: ossl-leak
	rc = X509_STORE_CTX_get1_issuer(&issuer, store_ctx, cert);
	if (rc == -1) {
		X509_STORE_CTX_free(store_ctx);
		return NULL;
	}
	if (rc == 0) {
		X509_STORE_CTX_free(store_ctx);
		return NULL;
	}
	X509_STORE_CTX_free(store_ctx);
	return issuer;
}

int issuer_is_self(X509_STORE_CTX *store_ctx, X509 *cert)
{
	X509 *issuer;
	// ruleid: ossl-leak
	int rc = X509_STORE_CTX_get1_issuer(&issuer, store_ctx, cert);

	if (rc == 0)
		return 0;
	if (rc < 0)
		return -1;
	return X509_cmp(issuer, cert) == 0; /* the reference is never released */
}

EVP_PKEY *ec_parameters(int nid)
{
	EVP_PKEY_CTX *pkey_ctx = EVP_PKEY_CTX_new_id(EVP_PKEY_EC, NULL);
	// ok: ossl-leak
	EVP_PKEY *pkey = EVP_PKEY_new();

	if (pkey_ctx == NULL || pkey == NULL)
		goto err;
	if (EVP_PKEY_paramgen_init(pkey_ctx) <= 0 || EVP_PKEY_CTX_set_ec_paramgen_curve_nid(pkey_ctx, nid) <= 0)
		goto err;
	if (EVP_PKEY_paramgen(pkey_ctx, &pkey) <= 0)
		goto err;
	EVP_PKEY_CTX_free(pkey_ctx);
	return pkey;
err:
	EVP_PKEY_CTX_free(pkey_ctx);
	EVP_PKEY_free(pkey);
	return NULL;
}
