#include <stdlib.h>
#include <string.h>

struct buf {
    char *data;
    size_t len;
};

static char *saved;

int early_return_leak(size_t n)
{
    // ruleid: mem-leak
    char *p = malloc(n);
    if (p == NULL)
        return -1;
    if (n > 100)
        return -2;
    free(p);
    return 0;
}

int early_return_ok(size_t n)
{
    // ok: mem-leak
    char *p = malloc(n);
    if (p == NULL)
        return -1;
    if (n > 100) {
        free(p);
        return -2;
    }
    free(p);
    return 0;
}

char *dup_ok(const char *s)
{
    // ok: mem-leak
    char *d = strdup(s);
    if (d == NULL)
        return NULL;
    return d;
}

int realloc_ok(size_t n)
{
    // ok: mem-leak
    char *p = malloc(n);
    char *q;
    if (p == NULL)
        return -1;
    // ok: mem-leak
    q = realloc(p, n * 2);
    if (q == NULL) {
        free(p);
        return -1;
    }
    free(q);
    return 0;
}

int realloc_leak(size_t n)
{
    // ruleid: mem-leak
    char *p = malloc(n);
    char *q;
    if (p == NULL)
        return -1;
    // ok: mem-leak
    q = realloc(p, n * 2);
    if (q == NULL)
        return -1;
    free(q);
    return 0;
}

int field_ok(struct buf *b, size_t n)
{
    // ok: mem-leak
    b->data = malloc(n);
    if (b->data == NULL)
        return -1;
    b->len = n;
    return 0;
}

int global_ok(const char *s)
{
    // ok: mem-leak
    char *d = strdup(s);
    saved = d;
    return d != NULL;
}

int struct_leak(size_t n)
{
    struct buf *b = calloc(1, sizeof(*b));
    if (b == NULL)
        return -1;
    // ruleid: mem-leak
    b->data = malloc(n);
    if (b->data == NULL) {
        free(b);
        return -1;
    }
    free(b);
    return 0;
}

static void buf_free(struct buf *b)
{
    free(b->data);
    free(b);
}

int struct_helper_ok(size_t n)
{
    // ok: mem-leak
    struct buf *b = calloc(1, sizeof(*b));
    if (b == NULL)
        return -1;
    // ok: mem-leak
    b->data = malloc(n);
    if (b->data == NULL) {
        buf_free(b);
        return -1;
    }
    buf_free(b);
    return 0;
}

int loop_break_leak(const char **names, int n)
{
    int i;
    for (i = 0; i < n; i++) {
        // ruleid: mem-leak
        char *s = strdup(names[i]);
        if (s == NULL)
            return -1;
        if (strlen(s) > 10)
            break;
        free(s);
    }
    return i;
}

int loop_break_ok(const char **names, int n)
{
    int i;
    for (i = 0; i < n; i++) {
        // ok: mem-leak
        char *s = strdup(names[i]);
        if (s == NULL)
            return -1;
        if (strlen(s) > 10) {
            free(s);
            break;
        }
        free(s);
    }
    return i;
}

int flag_ret_ok(size_t n)
{
    int ret = -1;
    // ok: mem-leak
    char *p = malloc(n);
    if (p == NULL)
        goto end;
    memset(p, 0, n);
    ret = 0;
end:
    if (ret != 0)
        return ret;
    free(p);
    return 0;
}

int ternary_return_ok(size_t n, char **out)
{
    // ok: mem-leak
    char *p = malloc(n);
    *out = p ? p : NULL;
    return p != NULL;
}
