/*
 * libwebsockets openssl-x509.c shape (lws_x509_jwk_privkey_pem): `switch (jwk->kty)` picks the EC or the RSA
 * arm, each of which gets its own key, and the shared cleanup frees `if (jwk->kty == LWS_GENCRYPTO_KTY_EC)`
 * the EC key `else` the RSA key. The kty constants come from a header this file does not define; an unknown
 * constant still equals only itself, so the EC arm meets the EC cleanup and the RSA arm the RSA one.
 */
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>
#include "lws-gencrypto.h"

struct jwk {
	int kty;
	int bits;
};

int jwk_from_pkey(struct jwk *jwk, EVP_PKEY *pkey)
{
	EC_KEY *ecpriv = NULL;
	RSA *rsapriv = NULL;
	int ret = -1;

	switch (jwk->kty) {
	case LWS_GENCRYPTO_KTY_EC:
		// ok: ossl-leak
		ecpriv = EVP_PKEY_get1_EC_KEY(pkey);
		if (!ecpriv)
			goto bail;
		if (EC_KEY_get0_private_key(ecpriv) == NULL)
			goto bail1;
		jwk->bits = EC_GROUP_get_degree(EC_KEY_get0_group(ecpriv));
		break;
	case LWS_GENCRYPTO_KTY_RSA:
		// ok: ossl-leak
		rsapriv = EVP_PKEY_get1_RSA(pkey);
		if (!rsapriv)
			goto bail;
		if (RSA_size(rsapriv) < 256)
			goto bail1;
		jwk->bits = RSA_bits(rsapriv);
		break;
	default:
		return -1;
	}

	ret = 0;

bail1:
	if (jwk->kty == LWS_GENCRYPTO_KTY_EC)
		EC_KEY_free(ecpriv);
	else
		RSA_free(rsapriv);
bail:
	return ret;
}

/* The cleanup tests another constant than the one the arm was entered by: the RSA key is never freed. */
int jwk_from_pkey_wrong_cleanup(struct jwk *jwk, EVP_PKEY *pkey)
{
	RSA *rsapriv = NULL;

	switch (jwk->kty) {
	case LWS_GENCRYPTO_KTY_RSA:
		// ruleid: ossl-leak
		rsapriv = EVP_PKEY_get1_RSA(pkey);
		if (!rsapriv)
			return -1;
		jwk->bits = RSA_bits(rsapriv);
		break;
	default:
		return -1;
	}
	if (jwk->kty == LWS_GENCRYPTO_KTY_OCT)
		RSA_free(rsapriv);
	return 0;
}
