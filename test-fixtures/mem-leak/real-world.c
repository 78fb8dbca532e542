#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct entry {
    char *name;
    char *value;
    struct entry *next;
};

static struct entry *entries;

char *asprintf_ok(const char *a)
{
    char *s;
    // ok: mem-leak
    if (asprintf(&s, "%s!", a) == -1)
        return NULL;
    return s;
}

int asprintf_leak(const char *a)
{
    char *s;
    // ruleid: mem-leak
    if (asprintf(&s, "%s!", a) == -1)
        return -1;
    return (int)strlen(s);
}

int macro_store_ok(const char *n)
{
    // ok: mem-leak
    struct entry *e = calloc(1, sizeof(*e));
    if (e == NULL)
        return -1;
    LIST_INSERT(&entries, e, next);
    e = NULL;
    return 0;
}

int container_nonnull_ok(const char *n, const char *v)
{
    // ok: mem-leak
    struct entry *e = calloc(1, sizeof(*e));
    if (e == NULL)
        return -1;
    // ok: mem-leak
    if ((e->name = strdup(n)) == NULL)
        goto err;
    // ok: mem-leak
    if ((e->value = strdup(v)) == NULL)
        goto err;
    LIST_INSERT(&entries, e, next);
    return 0;
err:
    if (e != NULL) {
        free(e->name);
        free(e->value);
    }
    free(e);
    return -1;
}

int same_pointer_ok(char *given)
{
    char *buf;
    if (given != NULL)
        buf = given;
    else
        // ok: mem-leak
        buf = malloc(32);
    if (buf == NULL)
        return -1;
    buf[0] = 0;
    if (buf != given)
        free(buf);
    return 0;
}

int same_pointer_leak(char *given)
{
    char *buf;
    if (given != NULL)
        buf = given;
    else
        // ruleid: mem-leak
        buf = malloc(32);
    if (buf == NULL)
        return -1;
    buf[0] = 0;
    if (buf == given)
        free(buf);
    return 0;
}

int external_free_ok(size_t n)
{
    // ok: mem-leak
    unsigned char *key = calloc(1, n);
    if (key == NULL)
        return -1;
    key[0] = 1;
    freezero(key, n);
    return 0;
}

int early_flag_ok(unsigned char **out, size_t n)
{
    int ret = 0;
    // ok: mem-leak
    unsigned char *ek = malloc(n);
    if (ek == NULL)
        goto err;
    if (n < 16)
        goto err;
    *out = ek;
    ret = 1;
err:
    if (!ret)
        free(ek);
    return ret;
}

/* conf_def.c, tls12_record_layer.c: a pointer cleared right after it was given to a function we cannot see
 * has been handed over (that is why it is cleared); the cleanup below must not free it. */
struct conf_value {
    char *name;
};
extern int conf_add_string(void *conf, void *section, struct conf_value *v);

int add_value(void *conf, void *section, const char *name)
{
    // ok: mem-leak
    struct conf_value *v = malloc(sizeof(*v));
    if (v == NULL)
        return 0;
    if ((v->name = strdup(name)) == NULL)
        goto err;
    if (conf_add_string(conf, section, v) == 0)
        goto err;
    v = NULL;
    return 1;
err:
    if (v != NULL)
        free(v->name);
    free(v);
    return 0;
}

/* Cleared without having been given to anyone: lost. */
int add_value_lost(void *conf, const char *name)
{
    // ruleid: mem-leak
    char *copy = strdup(name);
    if (copy == NULL)
        return 0;
    printf("%s\n", copy);
    copy = NULL;
    return 1;
}
