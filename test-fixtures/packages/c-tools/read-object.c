/*
 * OpenSC pkcs11-tool style: the error helper is declared noreturn in the tool's own header (util.h) and
 * defined in another file. Read as returning, each `free; util_fatal(...)` fell through to the next use.
 */
#include <stdlib.h>
#include <string.h>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include "util.h"

int export_certificate(const unsigned char *value, long len, const char *path)
{
	const unsigned char *p = value;
	BIO *pout;
	// ok: use-after-free, double-free
	X509 *cert = d2i_X509(NULL, &p, len);

	if (cert == NULL)
		util_fatal("cannot parse the certificate");
	pout = BIO_new_file(path, "w");
	if (pout == NULL) {
		X509_free(cert);
		util_fatal("cannot open %s", path);
	}
	if (!PEM_write_bio_X509(pout, cert)) {
		BIO_free(pout);
		X509_free(cert);
		util_fatal("cannot write the certificate");
	}
	printf("version: %ld\n", X509_get_version(cert) + 1);
	BIO_free(pout);
	X509_free(cert);
	return 0;
}

int export_certificate_lenient(const unsigned char *value, long len, const char *path)
{
	const unsigned char *p = value;
	BIO *pout;
	// ruleid: use-after-free, ossl-leak
	X509 *cert = d2i_X509(NULL, &p, len);

	if (cert == NULL)
		return -1;
	pout = BIO_new_file(path, "w");
	if (pout == NULL) {
		X509_free(cert);
		util_warn("cannot open %s", path);
	}
	if (pout != NULL) {
		PEM_write_bio_X509(pout, cert);
		BIO_free(pout);
	}
	printf("exported %s\n", X509_get_default_cert_area());
	return X509_get_version(cert) == 2 ? 0 : -1;
}
