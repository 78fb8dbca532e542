/*
 * OpenSC p11test_case_common.c shape (callback_public_keys): the pre-3.0 arm declares borrowed
 * `const EC_GROUP *cert_group` and `const EC_POINT *cert_point`; the OpenSSL 3 arm assigns the function's own
 * `cert_group` and `cert_point`, which the cleanup frees. A declaration in one `#if` arm is not visible in the
 * `#else` arm: there the names are the outer, freed variables.
 */
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/core_names.h>

int compare_public_key(EVP_PKEY *key, const EC_GROUP *ecgroup, const EC_POINT *ecpoint, int nid)
{
	int rv = -1;
	EC_GROUP *cert_group = NULL;
	EC_POINT *cert_point = NULL;

	if (key != NULL) {
#if OPENSSL_VERSION_NUMBER < 0x30000000L
		EC_KEY *ec = EVP_PKEY_get0_EC_KEY(key);
		const EC_GROUP *cert_group = EC_KEY_get0_group(ec);
		const EC_POINT *cert_point = EC_KEY_get0_public_key(ec);
		int cert_nid = EC_GROUP_get_curve_name(cert_group);
#else
		char curve_name[80];
		size_t curve_name_len = 0;
		unsigned char pubkey[256];
		size_t pubkey_len = 0;
		int cert_nid = 0;
		if (EVP_PKEY_get_group_name(key, curve_name, sizeof(curve_name), &curve_name_len) != 1 ||
			(cert_nid = OBJ_txt2nid(curve_name)) == NID_undef ||
			// ok: ossl-leak
			(cert_group = EC_GROUP_new_by_curve_name(cert_nid)) == NULL) {
			goto ec_out;
		}
		// ok: ossl-leak
		cert_point = EC_POINT_new(cert_group);
		if (!cert_point ||
			EVP_PKEY_get_octet_string_param(key, OSSL_PKEY_PARAM_PUB_KEY, pubkey, sizeof(pubkey), &pubkey_len) != 1 ||
			EC_POINT_oct2point(cert_group, cert_point, pubkey, pubkey_len, NULL) != 1) {
			goto ec_out;
		}
#endif
		if (cert_nid != nid ||
			EC_GROUP_cmp(cert_group, ecgroup, NULL) != 0 ||
			EC_POINT_cmp(ecgroup, cert_point, ecpoint, NULL) != 0) {
			goto ec_out;
		}
		rv = 0;
	}
ec_out:
	EC_GROUP_free(cert_group);
	EC_POINT_free(cert_point);
	return rv;
}
