#define G_LOG_DOMAIN "medaka-core"

#include "config.h"

#include "mdk-optimizer.h"

static const MdkOptimizerClass * const optimizer_classes[] = {
  &mdk_neat_class,
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
