#ifndef TAPEDECK_CLIBXML2_SHIM_H
#define TAPEDECK_CLIBXML2_SHIM_H

// Debian builds libxml2 with ICU, whose headers clash with Foundation's.
// Read the version header first, then switch the ICU part off before anything else.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlwriter.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlerror.h>
#include <libxml/uri.h>

/// libxml2's `xmlFree` is a global function pointer, which Swift 6 treats as shared mutable
/// state; this wrapper calls it from C.
static inline void tapedeck_xml_free(void *pointer) { xmlFree(pointer); }

#endif
