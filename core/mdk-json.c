#define G_LOG_DOMAIN "medaka-core"

#include "config.h"

#include "mdk-json.h"

#include <math.h>

void
mdk_json_add_number (JsonBuilder *builder,
                     const char  *name,
                     double       value)
{
  json_builder_set_member_name (builder, name);
  if (isfinite (value))
    json_builder_add_double_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/* Pretty-printed text of a JSON tree. */
char *
mdk_json_node_to_data (JsonNode *node)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();

  json_generator_set_root (gen, node);
  json_generator_set_pretty (gen, TRUE);
  return json_generator_to_data (gen, NULL);
}

char *
mdk_json_builder_to_data (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  return mdk_json_node_to_data (root);
}
