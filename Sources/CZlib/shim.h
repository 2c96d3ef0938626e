#ifndef CVAT_AUTHCHECK_CZLIB_SHIM_H
#define CVAT_AUTHCHECK_CZLIB_SHIM_H
#include <zlib.h>

/// `deflateInit2` is a macro; this starts a gzip-wrapped deflate stream (window bits 15 + 16).
static inline int cvat_deflate_init_gzip(z_stream *stream, int level) {
    return deflateInit2(stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
}

/// `inflateInit2` is a macro; this starts an inflate stream that accepts gzip or zlib (15 + 32).
static inline int cvat_inflate_init_gzip(z_stream *stream) {
    return inflateInit2(stream, 15 + 32);
}
#endif
