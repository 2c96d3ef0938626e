#ifndef CVAT_AUTHCHECK_CZLIB_SHIM_H
#define CVAT_AUTHCHECK_CZLIB_SHIM_H
#include <zlib.h>
#endif
