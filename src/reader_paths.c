/* reader_paths.c: expanding a command-line path into input files. A
 * directory yields its regular files recursively in byte order of their
 * names (not the locale's), so runs are reproducible; dot files and dot
 * directories are skipped. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "reader_int.h"

/* Deeper trees are most likely symlink loops. */
#define MAX_DEPTH 64

typedef int (*path_fn)(const char *file, void *user);

static void path_error(at_error *err, const char *path, at_status code,
                       const char *msg)
{
    if (!err)
        return;
    err->code = code;
    snprintf(err->file, sizeof err->file, "%s", path);
    err->line = 0;
    snprintf(err->msg, sizeof err->msg, "%s", msg);
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static at_status walk(const char *dir, int depth, path_fn fn, void *user,
                      at_error *err)
{
    if (depth > MAX_DEPTH) {
        path_error(err, dir, AT_ELIMIT, "directories nested too deep");
        return AT_ELIMIT;
    }
    DIR *d = opendir(dir);
    if (!d) {
        path_error(err, dir, AT_EIO, strerror(errno));
        return AT_EIO;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    at_status rc = AT_OK;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        if (de->d_name[0] == '.')
            continue;
        if (n == cap) {
            size_t ncap = cap ? cap * 2 : 32;
            char **p = realloc(names, ncap * sizeof *p);
            if (!p) {
                rc = AT_ENOMEM;
                break;
            }
            names = p;
            cap = ncap;
        }
        if (!(names[n] = strdup(de->d_name))) {
            rc = AT_ENOMEM;
            break;
        }
        n++;
    }
    closedir(d);
    if (rc == AT_OK)
        qsort(names, n, sizeof *names, cmp_names);
    else
        path_error(err, dir, rc, "out of memory");
    size_t dlen = strlen(dir);
    bool slash = dlen > 0 && dir[dlen - 1] == '/';
    for (size_t i = 0; i < n && rc == AT_OK; i++) {
        size_t len = dlen + 1 + strlen(names[i]) + 1;
        char *full = malloc(len);
        if (!full) {
            path_error(err, dir, AT_ENOMEM, "out of memory");
            rc = AT_ENOMEM;
            break;
        }
        snprintf(full, len, "%s%s%s", dir, slash ? "" : "/", names[i]);
        struct stat st;
        if (stat(full, &st) != 0) {
            /* a dangling symlink: let the reader report it */
            if (fn(full, user))
                rc = AT_ESTOP;
        } else if (S_ISDIR(st.st_mode)) {
            rc = walk(full, depth + 1, fn, user, err);
        } else if (S_ISREG(st.st_mode)) {
            if (fn(full, user))
                rc = AT_ESTOP;
        }
        free(full);
    }
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    return rc;
}

at_status at_path_list(const char *path,
                       int (*fn)(const char *file, void *user), void *user,
                       at_error *err)
{
    if (!path || !fn) {
        path_error(err, path ? path : "", AT_EINVAL, "no path or callback");
        return AT_EINVAL;
    }
    struct stat st;
    if (strcmp(path, "-") != 0 && stat(path, &st) == 0 && S_ISDIR(st.st_mode))
        return walk(path, 0, fn, user, err);
    return fn(path, user) ? AT_ESTOP : AT_OK;
}
