/* A task made for a test from its class and parameters; shared by the core
 * and the GUI tests. */
#pragma once

#include <stdarg.h>

#include "mdk-task.h"

/* A task of @klass with its defaults but for the parameters given as id,
 * value, … pairs ended by NULL (values as on the command line). */
static inline MdkTask *
mdk_test_task_new (const MdkTaskClass *klass,
                   const char         *first_id,
                   ...)
{
  gpointer params = mdk_task_params_new (klass);
  g_autoptr(GError) error = NULL;
  MdkTask *task;
  va_list args;

  va_start (args, first_id);
  for (const char *id = first_id; id != NULL; id = va_arg (args, const char *))
    {
      const char *value = va_arg (args, const char *);
      const MdkParamSpec *spec = mdk_param_table_lookup (klass->params, klass->n_params, id);

      g_assert_nonnull (spec);
      g_assert_true (mdk_param_set_from_string (spec, params, value, &error));
      g_assert_no_error (error);
    }
  va_end (args);

  task = mdk_task_new (klass, params, &error);
  mdk_task_params_free (klass, params);
  g_assert_no_error (error);
  return task;
}
