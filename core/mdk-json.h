/* mdk-json.h: small helpers for the JSON documents Medaka writes */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* A member holding @value, or null when it is NaN or infinite (JSON has no
 * such numbers). */
void  mdk_json_add_number     (JsonBuilder *builder,
                               const char  *name,
                               double       value);
/* The builder's document as pretty-printed text. */
char *mdk_json_builder_to_data (JsonBuilder *builder);
char *mdk_json_node_to_data    (JsonNode    *node);

G_END_DECLS
