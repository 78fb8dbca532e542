/*
 * mosquitto-style (utlist.h): `LL_FOREACH(head, item){` is a loop tree-sitter cannot read as C, nor
 * `__P((…))` prototypes. Read as written, the `continue` after BIO_free looked like falling through to the
 * second BIO_free.
 */
#include <openssl/bio.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include "utlist.h"

struct cert_item {
	char *path;
	struct cert_item *next;
};

/* OpenDKIM style K&R-compatible prototypes. */
int count_expired __P((struct cert_item *));
int first_expired __P((struct cert_item *, X509 **));

int count_expired(struct cert_item *head)
{
	struct cert_item *item;
	int n = 0;

	LL_FOREACH(head, item){
		// ok: double-free, ossl-leak
		BIO *in = BIO_new_file(item->path, "r");
		X509 *x;

		if(in == NULL){
			continue;
		}
		x = PEM_read_bio_X509(in, NULL, NULL, NULL);
		BIO_free(in);
		if(x == NULL){
			continue;
		}
		if(X509_cmp_current_time(X509_get0_notAfter(x)) < 0){
			n++;
		}
		X509_free(x);
	}
	return n;
}

int first_expired(struct cert_item *head, X509 **out)
{
	struct cert_item *item;

	LL_FOREACH(head, item){
		// ruleid: ossl-leak
		// ok: double-free
		BIO *in = BIO_new_file(item->path, "r");
		X509 *x;

		if(in == NULL){
			continue;
		}
		x = PEM_read_bio_X509(in, NULL, NULL, NULL);
		if(x == NULL){
			BIO_free(in);
			continue;
		}
		if(X509_cmp_current_time(X509_get0_notAfter(x)) < 0){
			*out = x;
			return 1; /* the BIO is left open here */
		}
		X509_free(x);
		BIO_free(in);
	}
	return 0;
}
