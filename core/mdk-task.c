#define G_LOG_DOMAIN "medaka-core"

#include "config.h"

#include "mdk-task.h"

#include <math.h>
#include <string.h>

G_DEFINE_QUARK (mdk-task-error-quark, mdk_task_error)

static const MdkTaskClass * const task_classes[] = {
  &mdk_task_classify_class,
  &mdk_task_xor_class,
  &mdk_task_csv_class,
  &mdk_task_cppn_class,
  &mdk_task_regression_class,
  &mdk_task_multiplexer_class,
  &mdk_task_pole_class,
  &mdk_task_double_pole_class,
  &mdk_task_double_pole_nv_class,
  &mdk_task_maze_class,
};

const MdkTaskClass * const *
mdk_task_classes (guint *n_classes)
{
  *n_classes = G_N_ELEMENTS (task_classes);
  return task_classes;
}

const MdkTaskClass *
mdk_task_class_lookup (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (task_classes); i++)
    if (g_strcmp0 (task_classes[i]->id, id) == 0)
      return task_classes[i];
  return NULL;
}

gpointer
mdk_task_params_new (const MdkTaskClass *klass)
{
  gpointer params = g_malloc0 (MAX (klass->params_size, 1));

  mdk_param_table_init (klass->params, klass->n_params, params);
  return params;
}

void
mdk_task_params_free (const MdkTaskClass *klass,
                      gpointer            params)
{
  if (params == NULL)
    return;
  mdk_param_table_clear (klass->params, klass->n_params, params);
  g_free (params);
}

gpointer
mdk_task_params_dup (const MdkTaskClass *klass,
                     gconstpointer       params)
{
  gpointer copy = g_malloc0 (MAX (klass->params_size, 1));

  mdk_param_table_copy (klass->params, klass->n_params, copy, params, klass->params_size);
  return copy;
}

MdkTask *
mdk_task_new (const MdkTaskClass *klass,
              gconstpointer       params,
              GError            **error)
{
  g_autoptr(MdkTask) task = NULL;

  g_return_val_if_fail (klass != NULL, NULL);

  task = g_new0 (MdkTask, 1);
  task->klass = klass;
  task->ref_count = 1;
  task->params = params ? mdk_task_params_dup (klass, params) : mdk_task_params_new (klass);

  if (!mdk_param_table_validate (klass->params, klass->n_params, task->params, error))
    return NULL;
  if (!klass->init (task, error))
    return NULL;

  g_assert (task->n_inputs > 0 && task->n_outputs > 0);
  g_assert (task->input_names != NULL && task->output_names != NULL);
  g_assert (task->n_behaviour <= MDK_MAX_BEHAVIOUR);
  return g_steal_pointer (&task);
}

MdkTask *
mdk_task_ref (MdkTask *task)
{
  g_return_val_if_fail (task != NULL, NULL);
  g_atomic_int_inc (&task->ref_count);
  return task;
}

void
mdk_task_unref (MdkTask *task)
{
  if (task == NULL || !g_atomic_int_dec_and_test (&task->ref_count))
    return;
  if (task->klass->finalize != NULL)
    task->klass->finalize (task);
  mdk_task_params_free (task->klass, task->params);
  g_strfreev (task->input_names);
  g_strfreev (task->output_names);
  g_free (task);
}

/* Results are normalised here, so no task can leave a field undefined. */
void
mdk_task_evaluate (const MdkTask *task,
                   MdkNetwork    *net,
                   MdkRng        *rng,
                   MdkEvalResult *result)
{
  result->fitness = NAN;
  result->train_metric = NAN;
  result->test_metric = NAN;
  result->solved = FALSE;
  memset (result->behaviour, 0, sizeof result->behaviour);
  task->klass->evaluate (task, net, rng, result);
}

/* The test_solution () of a task whose test comes in parts: all of them,
 * in order, on this thread. */
void
mdk_task_test_solution_in_parts (const MdkTask *task,
                                 MdkNetwork    *net,
                                 MdkEvalResult *result)
{
  g_autofree double *parts = NULL;

  if (!task->klass->test_begin (task, net, result))
    return;
  parts = g_new (double, MAX (task->klass->n_test_parts, 1));
  for (guint k = 0; k < task->klass->n_test_parts; k++)
    parts[k] = task->klass->test_part (task, net, k);
  task->klass->test_end (task, parts, result);
}

void
mdk_task_set_names (MdkTask            *task,
                    const char * const *input_names,
                    guint               n_inputs,
                    const char * const *output_names,
                    guint               n_outputs)
{
  g_strfreev (task->input_names);
  g_strfreev (task->output_names);
  task->n_inputs = n_inputs;
  task->n_outputs = n_outputs;
  task->input_names = g_new0 (char *, n_inputs + 1);
  task->output_names = g_new0 (char *, n_outputs + 1);
  for (guint i = 0; i < n_inputs; i++)
    task->input_names[i] = g_strdup (input_names[i]);
  for (guint i = 0; i < n_outputs; i++)
    task->output_names[i] = g_strdup (output_names[i]);
}

MdkTrace *
mdk_task_trace (const MdkTask *task,
                MdkNetwork    *net)
{
  if (task->klass->trace == NULL)
    return NULL;
  return task->klass->trace (task, net);
}

/* The task's training rows as supervised data (targets for every output,
 * and the loss that fits them), for gradient training; FALSE when the task
 * has none (e.g. CPPN images, chosen by a person). */
gboolean
mdk_task_get_training_data (const MdkTask   *task,
                            MdkTrainingData *data)
{
  if (task->klass->get_training_data == NULL)
    return FALSE;
  if (!task->klass->get_training_data (task, data))
    return FALSE;
  g_return_val_if_fail (data->n_inputs == task->n_inputs && data->n_outputs == task->n_outputs, FALSE);
  return data->n_rows > 0;
}
