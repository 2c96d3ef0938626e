#ifndef CVAT_AUTHCHECK_CLIBXML2_SHIM_H
#define CVAT_AUTHCHECK_CLIBXML2_SHIM_H

// Debian's libxml2 is built with ICU; its headers would pull the system ICU, which clashes with the
// ICU that Foundation brings on Linux. We never use libxml2's ICU encoding handlers.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlwriter.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlmemory.h>

/// `xmlFree` is a mutable global function pointer; Swift 6 refuses to touch it directly.
static inline void cvat_xml_free(void *pointer) { xmlFree(pointer); }

/// The libxml2 version this binary was compiled against, e.g. "2.9.14".
static inline const char *cvat_xml_dotted_version(void) { return LIBXML_DOTTED_VERSION; }

#endif
