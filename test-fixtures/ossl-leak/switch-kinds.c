/*
 * libwebsockets openssl-x509.c style: the key kind selects a case that allocates, and the shared error label
 * releases by the same kind. A case entered only from the switch keeps its value for the cleanup's test.
 */
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>

enum key_type { KTY_NONE, KTY_RSA, KTY_EC };

struct jwk {
	enum key_type kty;
	int bits;
};

int jwk_private_key(const struct jwk *jwk, EVP_PKEY *pkey)
{
	RSA *rsapriv = NULL;
	EC_KEY *ecpriv = NULL;
	int ret = -1;

	switch (jwk->kty) {
	case KTY_RSA:
		// ok: ossl-leak
		rsapriv = EVP_PKEY_get1_RSA(pkey);
		if (!rsapriv)
			goto bail;
		if (RSA_size(rsapriv) * 8 != jwk->bits)
			goto bail1;
		break;
	case KTY_EC:
		// ok: ossl-leak
		ecpriv = EVP_PKEY_get1_EC_KEY(pkey);
		if (!ecpriv)
			goto bail;
		if (EC_GROUP_get_degree(EC_KEY_get0_group(ecpriv)) != jwk->bits)
			goto bail1;
		break;
	default:
		goto bail;
	}
	ret = 0;
bail1:
	if (jwk->kty == KTY_EC)
		EC_KEY_free(ecpriv);
	else
		RSA_free(rsapriv);
bail:
	return ret;
}
