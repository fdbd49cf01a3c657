#define G_LOG_DOMAIN "medaka-core"

#include "config.h"

#include "mdk-optimizer.h"

#include <math.h>

#include "mdk-cmaes.h"
#include "mdk-ga.h"
#include "mdk-map-elites.h"
#include "mdk-openai-es.h"
#include "mdk-pepg.h"

static const MdkOptimizerClass * const optimizer_classes[] = {
  &mdk_neat_class,
  &mdk_cmaes_class,
  &mdk_sep_cmaes_class,
  &mdk_openai_es_class,
  &mdk_pepg_class,
  &mdk_ga_class,
  &mdk_map_elites_class,
};

const MdkOptimizerClass * const *
mdk_optimizer_classes (guint *n_classes)
{
  *n_classes = G_N_ELEMENTS (optimizer_classes);
  return optimizer_classes;
}

const MdkOptimizerClass *
mdk_optimizer_class_lookup (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (optimizer_classes); i++)
    if (g_strcmp0 (optimizer_classes[i]->id, id) == 0)
      return optimizer_classes[i];
  return NULL;
}

const char *
mdk_search_phase_to_id (MdkSearchPhase phase)
{
  static const char * const ids[] = { "", "complexify", "simplify" };

  g_return_val_if_fail (phase <= MDK_SEARCH_PHASE_SIMPLIFY, "");
  return ids[phase];
}

gpointer
mdk_optimizer_params_new (const MdkOptimizerClass *klass)
{
  gpointer params = g_malloc0 (klass->params_size);

  mdk_param_table_init (klass->params, klass->n_params, params);
  return params;
}

void
mdk_optimizer_params_free (const MdkOptimizerClass *klass,
                           gpointer                 params)
{
  if (params == NULL)
    return;
  mdk_param_table_clear (klass->params, klass->n_params, params);
  g_free (params);
}

gpointer
mdk_optimizer_params_dup (const MdkOptimizerClass *klass,
                          gconstpointer            params)
{
  gpointer copy = g_malloc0 (klass->params_size);

  mdk_param_table_copy (klass->params, klass->n_params, copy, params, klass->params_size);
  return copy;
}

MdkOptimizer *
mdk_optimizer_new (const MdkOptimizerClass *klass,
                   gconstpointer            params,
                   const MdkTask           *task,
                   guint64                  seed,
                   GError                 **error)
{
  gpointer defaults = NULL;
  MdkOptimizer *opt = NULL;

  g_return_val_if_fail (klass != NULL && task != NULL, NULL);

  if (params == NULL)
    params = defaults = mdk_optimizer_params_new (klass);
  if (mdk_param_table_validate (klass->params, klass->n_params, params, error))
    opt = klass->create (klass, params, task, seed, error);
  mdk_optimizer_params_free (klass, defaults);
  return opt;
}

void
mdk_optimizer_free (MdkOptimizer *opt)
{
  if (opt != NULL)
    opt->klass->free (opt);
}

/* The genome document of @genome for a file: the class's own form, with
 * the input and output names (NULL-terminated; NULL: none) so that it reads
 * on its own, and @fitness when it is finite. */
JsonNode *
mdk_optimizer_genome_document (const MdkOptimizerClass *klass,
                               gconstpointer            genome,
                               const char * const      *input_names,
                               const char * const      *output_names,
                               double                   fitness)
{
  JsonNode *node = klass->genome_to_json (NULL, genome);
  JsonObject *obj;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return node;
  obj = json_node_get_object (node);
  if (input_names != NULL && output_names != NULL)
    {
      JsonArray *in = json_array_new (), *out = json_array_new ();

      for (guint i = 0; input_names[i] != NULL; i++)
        json_array_add_string_element (in, input_names[i]);
      for (guint i = 0; output_names[i] != NULL; i++)
        json_array_add_string_element (out, output_names[i]);
      json_object_set_array_member (obj, "input_names", in);
      json_object_set_array_member (obj, "output_names", out);
    }
  if (isfinite (fitness))
    json_object_set_double_member (obj, "fitness", fitness);
  return node;
}
