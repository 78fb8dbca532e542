#include <stdlib.h>
#include <string.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

struct list_head {
    struct list_head *next, *prev;
};

struct key_entry {
    struct list_head link;
    EVP_PKEY *pkey;
    char *path;
};

struct key_store {
    char *name;
    char *file;
    EVP_PKEY *pkey;
};

static struct list_head key_list;
void list_insert(struct list_head *head, struct list_head *item);
void conf_clean(char **name, char **file);

/* `&e->link` handed to a container: the entry, and what it holds, now live in the list. */
int load_key_linked_ok(BIO *in, const char *path)
{
    struct key_entry *e;
    // ok: mem-leak
    e = calloc(1, sizeof(*e));
    if (e == NULL)
        return -1;
    // ok: ossl-leak
    e->pkey = PEM_read_bio_PrivateKey(in, NULL, NULL, NULL);
    if (e->pkey == NULL) {
        free(e);
        return -1;
    }
    list_insert(&key_list, &e->link);
    return 0;
}

/* Same shape, but the entry is dropped when the key fails to load: the path string leaks with it. */
int load_key_unlinked_leak(BIO *in, const char *path)
{
    struct key_entry *e;
    e = calloc(1, sizeof(*e));
    if (e == NULL)
        return -1;
    // ruleid: mem-leak
    e->path = strdup(path);
    e->pkey = PEM_read_bio_PrivateKey(in, NULL, NULL, NULL);
    if (e->pkey == NULL) {
        free(e);
        return -1;
    }
    list_insert(&key_list, &e->link);
    return 0;
}

/* A project destructor frees the fields too, even through a helper taking their addresses. */
void key_store_free(struct key_store *s)
{
    if (s == NULL)
        return;
    conf_clean(&s->name, &s->file);
    EVP_PKEY_free(s->pkey);
    free(s);
}

struct key_store *key_store_dup_ok(const struct key_store *src)
{
    struct key_store *dst = calloc(1, sizeof(*dst));
    if (dst == NULL)
        return NULL;
    if (src->name)
        // ok: mem-leak
        dst->name = strdup(src->name);
    if (src->file)
        // ok: mem-leak
        dst->file = strdup(src->file);
    if (src->pkey) {
        if (!EVP_PKEY_up_ref(src->pkey))
            goto error;
        dst->pkey = src->pkey;
    }
    return dst;
error:
    key_store_free(dst);
    return NULL;
}

/* `int ret = -1;` is a known flag value: the cleanup under `if (ret)` runs on every failure path. */
int load_pubkey_flag_ok(BIO *bio)
{
    int ret = -1;
    EVP_PKEY *pubkey = NULL;
    char *copy = NULL;

    // ok: ossl-leak
    pubkey = PEM_read_bio_PUBKEY(bio, NULL, NULL, NULL);
    if (pubkey == NULL)
        goto end;
    copy = malloc(16);
    if (copy == NULL)
        goto end;
    free(copy);
    EVP_PKEY_free(pubkey);
    ret = 0;
end:
    if (ret)
        EVP_PKEY_free(pubkey);
    return ret;
}

int load_pubkey_flag_leak(BIO *bio)
{
    int ret = -1;
    EVP_PKEY *pubkey = NULL;
    char *copy = NULL;

    // ruleid: ossl-leak
    pubkey = PEM_read_bio_PUBKEY(bio, NULL, NULL, NULL);
    if (pubkey == NULL)
        goto end;
    copy = malloc(16);
    if (copy == NULL)
        goto end;
    free(copy);
    ret = 0;
end:
    if (ret)
        EVP_PKEY_free(pubkey);
    return ret;
}
