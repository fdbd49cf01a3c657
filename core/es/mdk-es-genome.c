#define G_LOG_DOMAIN "medaka-es"

#include "config.h"

#include "mdk-es-genome.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "mdk-param.h"
#include "mdk-run-state.h"

MdkEsGenome *
mdk_es_genome_new (MdkMlp *mlp)
{
  MdkEsGenome *g = g_new0 (MdkEsGenome, 1);

  g->mlp = mdk_mlp_ref (mlp);
  g->params = g_new0 (double, mlp->n_params);
  return g;
}

MdkEsGenome *
mdk_es_genome_copy (const MdkEsGenome *genome)
{
  MdkEsGenome *g = g_memdup2 (genome, sizeof *genome);

  mdk_mlp_ref (g->mlp);
  g->params = g_memdup2 (genome->params, sizeof (double) * genome->mlp->n_params);
  return g;
}

void
mdk_es_genome_free (MdkEsGenome *genome)
{
  if (genome == NULL)
    return;
  mdk_mlp_unref (genome->mlp);
  g_free (genome->params);
  g_free (genome);
}

/* A parameter as a JSON number, exact (json-glib prints %.17g); a string
 * where json-glib 1.6 would print an invalid number (1e21 as "1e+21.0"),
 * null for NaN. */
static void
add_param (JsonBuilder *b,
           double       v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (v))
    json_builder_add_null_value (b);
  else if (fabs (v) < 1e15)
    json_builder_add_double_value (b, v);
  else
    json_builder_add_string_value (b, mdk_format_double (buf, sizeof buf, v));
}

JsonNode *
mdk_es_genome_to_json (const MdkEsGenome *genome)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "format");
  json_builder_add_string_value (b, "medaka-genome");
  json_builder_set_member_name (b, "version");
  json_builder_add_int_value (b, 1);
  json_builder_set_member_name (b, "kind");
  json_builder_add_string_value (b, "mlp");
  json_builder_set_member_name (b, "inputs");
  json_builder_add_int_value (b, genome->mlp->n_inputs);
  json_builder_set_member_name (b, "outputs");
  json_builder_add_int_value (b, genome->mlp->n_outputs);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, (gint64) genome->id);
  json_builder_set_member_name (b, "fitness");
  if (genome->fitness_valid && isfinite (genome->fitness))
    json_builder_add_double_value (b, genome->fitness);
  else
    json_builder_add_null_value (b);
  mdk_mlp_add_to_json (genome->mlp, b);
  json_builder_set_member_name (b, "parameters");
  json_builder_begin_array (b);
  for (gsize i = 0; i < genome->mlp->n_params; i++)
    add_param (b, genome->params[i]);
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

MdkEsGenome *
mdk_es_genome_from_json (JsonNode  *node,
                         GError   **error)
{
  g_autoptr(MdkMlp) mlp = NULL;
  g_autoptr(MdkEsGenome) g = NULL;
  JsonObject *obj;
  JsonNode *m;
  JsonArray *arr;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, MDK_MLP_ERROR, MDK_MLP_ERROR_INVALID, _("A genome must be a JSON object"));
      return NULL;
    }
  obj = json_node_get_object (node);
  m = json_object_get_member (obj, "kind");
  if (m == NULL || !JSON_NODE_HOLDS_VALUE (m) || json_node_get_value_type (m) != G_TYPE_STRING ||
      g_strcmp0 (json_node_get_string (m), "mlp") != 0)
    {
      g_set_error (error, MDK_MLP_ERROR, MDK_MLP_ERROR_INVALID, _("genome: “kind” must be “mlp”"));
      return NULL;
    }
  mlp = mdk_mlp_from_json (obj, error);
  if (mlp == NULL)
    return NULL;
  m = json_object_get_member (obj, "parameters");
  if (m == NULL || !JSON_NODE_HOLDS_ARRAY (m) ||
      json_array_get_length (json_node_get_array (m)) != mlp->n_params)
    {
      g_set_error (error, MDK_MLP_ERROR, MDK_MLP_ERROR_INVALID,
                   _("genome: “parameters” must be an array of %lu numbers"), (unsigned long) mlp->n_params);
      return NULL;
    }
  arr = json_node_get_array (m);
  g = mdk_es_genome_new (mlp);
  /* Numbers, strings for the huge ones, null for NaN (as written). */
  for (guint i = 0; i < mlp->n_params; i++)
    {
      g_autofree char *what = g_strdup_printf ("parameters[%u]", i);

      if (!mdk_run_state_node_get_double (json_array_get_element (arr, i), "genome", what,
                                          &g->params[i], error))
        return NULL;
    }
  m = json_object_get_member (obj, "id");
  if (m != NULL && JSON_NODE_HOLDS_VALUE (m) && json_node_get_value_type (m) == G_TYPE_INT64 &&
      json_node_get_int (m) >= 0)
    g->id = (guint64) json_node_get_int (m);
  m = json_object_get_member (obj, "fitness");
  if (m != NULL && JSON_NODE_HOLDS_VALUE (m) &&
      (json_node_get_value_type (m) == G_TYPE_DOUBLE || json_node_get_value_type (m) == G_TYPE_INT64) &&
      isfinite (json_node_get_double (m)))
    {
      g->fitness = json_node_get_double (m);
      g->fitness_valid = TRUE;
    }
  return g_steal_pointer (&g);
}

void
mdk_es_genome_describe (const MdkEsGenome *g,
                        MdkGenomeInfo     *info)
{
  *info = (MdkGenomeInfo) {
    .id = g->id,
    .parent1 = g->parent1,
    .parent2 = g->parent2,
    .origin = g->origin,
    .generation = g->generation,
    .fitness = g->fitness_valid ? g->fitness : NAN,
    .hidden = g->mlp->n_hidden,
    .connections = g->mlp->n_connections,
  };
}
