/* Reductions of LibreSSL leak fixes: each pre-fix shape with its fixed twin. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <openssl/asn1.h>
#include <openssl/evp.h>
#include <openssl/lhash.h>
#include <openssl/pkcs7.h>
#include <openssl/x509v3.h>

/* pk7_doit.c PKCS7_signatureVerify: the DER buffer from ASN1_item_i2d was lost on an error path. */
int verify_attrs(EVP_MD_CTX *ctx, STACK_OF(X509_ATTRIBUTE) *sk)
{
    unsigned char *abuf = NULL;
    int alen, ret = 0;

    // ruleid: ossl-leak
    alen = ASN1_item_i2d((ASN1_VALUE *)sk, &abuf, ASN1_ITEM_rptr(PKCS7_ATTR_VERIFY));
    if (alen <= 0)
        goto err;
    if (!EVP_VerifyUpdate(ctx, abuf, alen))
        goto err;
    free(abuf);
    ret = 1;
err:
    return ret;
}

int verify_attrs_fixed(EVP_MD_CTX *ctx, STACK_OF(X509_ATTRIBUTE) *sk)
{
    unsigned char *abuf = NULL;
    int alen, ret = 0;

    // ok: ossl-leak
    alen = ASN1_item_i2d((ASN1_VALUE *)sk, &abuf, ASN1_ITEM_rptr(PKCS7_ATTR_VERIFY));
    if (alen <= 0)
        goto err;
    if (!EVP_VerifyUpdate(ctx, abuf, alen))
        goto err;
    ret = 1;
err:
    free(abuf);
    return ret;
}

/* pk7_attr.c PKCS7_add_attrib_smimecap: the string leaked when adding the attribute failed. Its data
 * (written by ASN1_item_i2d) belongs to the string: one finding, on the string. */
int add_smimecap(PKCS7_SIGNER_INFO *si, STACK_OF(X509_ALGOR) *cap)
{
    ASN1_STRING *seq;

    // ruleid: ossl-leak
    if ((seq = ASN1_STRING_new()) == NULL)
        return 0;
    // ok: ossl-leak
    seq->length = ASN1_item_i2d((ASN1_VALUE *)cap, &seq->data, ASN1_ITEM_rptr(X509_ALGORS));
    if (!PKCS7_add_signed_attribute(si, NID_SMIMECapabilities, V_ASN1_SEQUENCE, seq))
        return 0;
    return 1;
}

int add_smimecap_fixed(PKCS7_SIGNER_INFO *si, STACK_OF(X509_ALGOR) *cap)
{
    ASN1_STRING *seq;

    // ok: ossl-leak
    if ((seq = ASN1_STRING_new()) == NULL)
        return 0;
    // ok: ossl-leak
    seq->length = ASN1_item_i2d((ASN1_VALUE *)cap, &seq->data, ASN1_ITEM_rptr(X509_ALGORS));
    if (!PKCS7_add_signed_attribute(si, NID_SMIMECapabilities, V_ASN1_SEQUENCE, seq)) {
        ASN1_STRING_free(seq);
        return 0;
    }
    return 1;
}

/* v3_ncons.c / v3_cpols.c: an integer parsed from configuration text, lost when pushing it failed. */
int add_number(STACK_OF(ASN1_INTEGER) *nos, const char *text)
{
    ASN1_INTEGER *aint;

    // ruleid: ossl-leak
    if ((aint = s2i_ASN1_INTEGER(NULL, text)) == NULL)
        return 0;
    if (!sk_ASN1_INTEGER_push(nos, aint))
        return 0;
    return 1;
}

int add_number_fixed(STACK_OF(ASN1_INTEGER) *nos, const char *text)
{
    ASN1_INTEGER *aint;

    // ok: ossl-leak
    if ((aint = s2i_ASN1_INTEGER(NULL, text)) == NULL)
        return 0;
    if (!sk_ASN1_INTEGER_push(nos, aint)) {
        ASN1_INTEGER_free(aint);
        return 0;
    }
    return 1;
}

/* i2s_ASN1_INTEGER returns a string the caller frees. */
int print_serial(BIO *out, const ASN1_INTEGER *serial)
{
    // ruleid: ossl-leak
    char *s = i2s_ASN1_INTEGER(NULL, serial);
    if (s == NULL)
        return 0;
    return BIO_printf(out, "%s\n", s) > 0;
}

int print_serial_fixed(BIO *out, const ASN1_INTEGER *serial)
{
    int ok;
    // ok: ossl-leak
    char *s = i2s_ASN1_INTEGER(NULL, serial);
    if (s == NULL)
        return 0;
    ok = BIO_printf(out, "%s\n", s) > 0;
    OPENSSL_free(s);
    return ok;
}

/* o_names.c OBJ_NAME_add: an entry inserted into a hash table belongs to the table. */
typedef struct name_st {
    const char *name;
    int type;
} NAME;
DEFINE_LHASH_OF(NAME);

int add_name(LHASH_OF(NAME) *names, const char *name, int type)
{
    NAME *onp, *old;

    // ok: mem-leak
    if ((onp = malloc(sizeof(*onp))) == NULL)
        return 0;
    onp->name = name;
    onp->type = type;
    old = lh_NAME_insert(names, onp);
    free(old);
    return 1;
}

/* cms_sd.c CMS_add_simple_smimecap: the key size integer leaked when setting it failed; X509_ALGOR_set0
 * takes it afterwards. */
int add_simple_smimecap(STACK_OF(X509_ALGOR) **algs, int algnid, int keysize)
{
    X509_ALGOR *alg;
    ASN1_INTEGER *key = NULL;

    if (keysize > 0) {
        // ruleid: ossl-leak
        key = ASN1_INTEGER_new();
        if (key == NULL || !ASN1_INTEGER_set(key, keysize))
            return 0;
    }
    alg = X509_ALGOR_new();
    if (alg == NULL) {
        ASN1_INTEGER_free(key);
        return 0;
    }
    X509_ALGOR_set0(alg, OBJ_nid2obj(algnid), key ? V_ASN1_INTEGER : V_ASN1_UNDEF, key);
    if (*algs == NULL)
        *algs = sk_X509_ALGOR_new_null();
    if (*algs == NULL || !sk_X509_ALGOR_push(*algs, alg)) {
        X509_ALGOR_free(alg);
        return 0;
    }
    return 1;
}

int add_simple_smimecap_fixed(STACK_OF(X509_ALGOR) **algs, int algnid, int keysize)
{
    X509_ALGOR *alg;
    ASN1_INTEGER *key = NULL;

    if (keysize > 0) {
        // ok: ossl-leak
        if ((key = ASN1_INTEGER_new()) == NULL)
            return 0;
        if (!ASN1_INTEGER_set(key, keysize)) {
            ASN1_INTEGER_free(key);
            return 0;
        }
    }
    alg = X509_ALGOR_new();
    if (alg == NULL) {
        ASN1_INTEGER_free(key);
        return 0;
    }
    X509_ALGOR_set0(alg, OBJ_nid2obj(algnid), key ? V_ASN1_INTEGER : V_ASN1_UNDEF, key);
    if (*algs == NULL)
        *algs = sk_X509_ALGOR_new_null();
    if (*algs == NULL || !sk_X509_ALGOR_push(*algs, alg)) {
        X509_ALGOR_free(alg);
        return 0;
    }
    return 1;
}
