/* a_time_tm.c ASN1_TIME_adj_internal (LibreSSL): a same-file helper allocating through asprintf(&ret) and
 * returning ret is a wrapper; its result leaked when ASN1_TIME_new failed. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <openssl/asn1.h>

static char *utc_string(const struct tm *tm)
{
    char *ret = NULL;

    if (tm->tm_year >= 150 || tm->tm_year < 50)
        return NULL;
    if (asprintf(&ret, "%02u%02u%02u%02u%02u%02uZ", tm->tm_year % 100, tm->tm_mon + 1, tm->tm_mday, tm->tm_hour,
                 tm->tm_min, tm->tm_sec) == -1)
        ret = NULL;
    return ret;
}

ASN1_TIME *time_adj(ASN1_TIME *s, const struct tm *tm)
{
    char *p;

    // ruleid: mem-leak
    p = utc_string(tm);
    if (p == NULL)
        return NULL;
    if (s == NULL) {
        if ((s = ASN1_TIME_new()) == NULL)
            return NULL;
    }
    free(s->data);
    s->data = (unsigned char *)p;
    s->length = strlen(p);
    return s;
}

ASN1_TIME *time_adj_fixed(ASN1_TIME *s, const struct tm *tm)
{
    char *p;

    // ok: mem-leak
    p = utc_string(tm);
    if (p == NULL)
        return NULL;
    if (s == NULL) {
        if ((s = ASN1_TIME_new()) == NULL) {
            free(p);
            return NULL;
        }
    }
    free(s->data);
    s->data = (unsigned char *)p;
    s->length = strlen(p);
    return s;
}
