/* Placeholder until the task lands; replaced by its real implementation. */
#define G_LOG_DOMAIN "medaka-task"

#include "config.h"

#include "mdk-task.h"

#include <glib/gi18n-lib.h>

static gboolean
stub_init (MdkTask  *task,
           GError  **error)
{
  g_set_error (error, MDK_TASK_ERROR, MDK_TASK_ERROR_PARAMS, "not yet implemented");
  return FALSE;
}

static void
stub_evaluate (const MdkTask *task,
               MdkNetwork    *net,
               MdkRng        *rng,
               MdkEvalResult *result)
{
}

const MdkTaskClass mdk_task_classify_class = {
  .id = "classify",
  .label = "classify",
  .description = "",
  .params_size = 1,
  .deterministic = TRUE,
  .output_activation = MDK_ACTIVATION_NEAT_SIGMOID,
  .init = stub_init,
  .evaluate = stub_evaluate,
};
