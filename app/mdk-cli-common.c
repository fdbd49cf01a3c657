#define G_LOG_DOMAIN "medaka-cli"

#include "config.h"

#include "mdk-cli-common.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>

#include "mdk-neat.h"

void
mdk_cli_init_i18n (void)
{
  const char *dir = g_getenv ("MEDAKA_LOCALEDIR");

  setlocale (LC_ALL, "");
  /* No textdomain (): _() goes through g_dgettext (GETTEXT_PACKAGE). */
  bindtextdomain (GETTEXT_PACKAGE, dir != NULL ? dir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
}

int
mdk_cli_usage_error (const char *format,
                     ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  /* One line, whatever the message contains. */
  g_strdelimit (message, "\n", ' ');
  fprintf (stderr, "medaka-cli: %s\n", message);
  return MDK_CLI_EXIT_USAGE;
}

char *
mdk_cli_format_duration (double seconds)
{
  guint s = (guint) MAX (0.0, round (seconds));

  if (s >= 3600)
    return g_strdup_printf ("%u:%02u:%02u", s / 3600, (s / 60) % 60, s % 60);
  return g_strdup_printf ("%u:%02u", s / 60, s % 60);
}

GOptionGroup *
mdk_cli_experiment_option_group (MdkCliExperimentOptions *o)
{
  const GOptionEntry entries[] = {
    { "task", 't', 0, G_OPTION_ARG_STRING, &o->task,
      N_("Task to evolve networks for (see “medaka-cli params”)"), N_("TASK") },
    { "algorithm", 'a', 0, G_OPTION_ARG_STRING, &o->algorithm,
      N_("Search algorithm (default: neat)"), N_("ALGORITHM") },
    { "param", 'p', 0, G_OPTION_ARG_STRING_ARRAY, &o->params,
      N_("Set an algorithm parameter; may be repeated"), N_("KEY=VALUE") },
    { "task-param", 'P', 0, G_OPTION_ARG_STRING_ARRAY, &o->task_params,
      N_("Set a task parameter; may be repeated"), N_("KEY=VALUE") },
    { "objective", 'O', 0, G_OPTION_ARG_STRING_ARRAY, &o->objective_params,
      N_("Set a search objective parameter, e.g. objective=novelty for novelty search; may be repeated"),
      N_("KEY=VALUE") },
    { "seed", 's', 0, G_OPTION_ARG_INT64, &o->seed,
      N_("Random seed (default: 1)"), N_("N") },
    { "threads", 'j', 0, G_OPTION_ARG_INT, &o->threads,
      N_("Evaluation threads (default: one per core)"), N_("N") },
    { "generations", 'g', 0, G_OPTION_ARG_INT, &o->generations,
      N_("Stop after N generations (0: no limit)"), N_("N") },
    { "evaluations", 0, 0, G_OPTION_ARG_DOUBLE, &o->evaluations,
      N_("Stop after N evaluations (0: no limit)"), N_("N") },
    { "time-limit", 0, 0, G_OPTION_ARG_DOUBLE, &o->time_limit,
      N_("Stop after this many seconds (0: no limit)"), N_("SECONDS") },
    { "target", 0, 0, G_OPTION_ARG_STRING, &o->target,
      N_("Stop when the best fitness reaches this value"), N_("FITNESS") },
    { "no-stop-on-solved", 0, 0, G_OPTION_ARG_NONE, &o->no_stop_on_solved,
      N_("Keep evolving after the task is solved"), NULL },
    G_OPTION_ENTRY_NULL
  };
  GOptionGroup *group;

  o->seed = 1;
  o->threads = -1;
  o->generations = -1;
  o->evaluations = -1;
  o->time_limit = -1;
  group = g_option_group_new ("experiment", _("Experiment options:"),
                              _("Show experiment options"), NULL, NULL);
  g_option_group_add_entries (group, entries);
  g_option_group_set_translation_domain (group, GETTEXT_PACKAGE);
  return group;
}

void
mdk_cli_experiment_options_clear (MdkCliExperimentOptions *o)
{
  g_clear_pointer (&o->task, g_free);
  g_clear_pointer (&o->algorithm, g_free);
  g_clear_pointer (&o->params, g_strfreev);
  g_clear_pointer (&o->task_params, g_strfreev);
  g_clear_pointer (&o->objective_params, g_strfreev);
  g_clear_pointer (&o->target, g_free);
}

static gboolean
apply_assignments (char * const       *assignments,
                   const MdkParamSpec *table,
                   guint               n,
                   gpointer            params,
                   const char         *owner,
                   GError            **error)
{
  for (guint i = 0; assignments != NULL && assignments[i] != NULL; i++)
    {
      const char *eq = strchr (assignments[i], '=');
      g_autofree char *key = NULL;
      const MdkParamSpec *spec;

      if (eq == NULL || eq == assignments[i])
        {
          g_set_error (error, MDK_PARAM_ERROR, MDK_PARAM_ERROR_INVALID,
                       _("“%s” is not of the form KEY=VALUE"), assignments[i]);
          return FALSE;
        }
      key = g_strndup (assignments[i], eq - assignments[i]);
      spec = mdk_param_table_lookup (table, n, key);
      if (spec == NULL)
        {
          g_set_error (error, MDK_PARAM_ERROR, MDK_PARAM_ERROR_UNKNOWN,
                       _("%s has no parameter “%s” (see “medaka-cli params”)"), owner, key);
          return FALSE;
        }
      if (!mdk_param_set_from_string (spec, params, eq + 1, error))
        return FALSE;
    }
  return TRUE;
}

/* The -p assignments again, on an experiment whose algorithm parameters
 * came from elsewhere (an imported file): the command line wins. */
gboolean
mdk_cli_apply_algorithm_params (const MdkCliExperimentOptions  *o,
                                MdkExperiment                  *experiment,
                                GError                        **error)
{
  const MdkOptimizerClass *klass = experiment->optimizer_class;

  return apply_assignments (o->params, klass->params, klass->n_params, experiment->optimizer_params,
                            klass->id, error) &&
         mdk_experiment_validate (experiment, error);
}

MdkExperiment *
mdk_cli_build_experiment (const MdkCliExperimentOptions  *o,
                          const char                     *default_task,
                          GError                        **error)
{
  const char *task_id = o->task ? o->task : default_task;
  const char *algorithm_id = o->algorithm ? o->algorithm : "neat";
  const MdkTaskClass *task_class = mdk_task_class_lookup (task_id);
  const MdkOptimizerClass *opt_class = mdk_optimizer_class_lookup (algorithm_id);
  g_autoptr(MdkExperiment) experiment = NULL;

  if (task_class == NULL)
    {
      g_set_error (error, MDK_PARAM_ERROR, MDK_PARAM_ERROR_UNKNOWN,
                   _("Unknown task “%s” (see “medaka-cli params”)"), task_id);
      return NULL;
    }
  if (opt_class == NULL)
    {
      g_set_error (error, MDK_PARAM_ERROR, MDK_PARAM_ERROR_UNKNOWN,
                   _("Unknown algorithm “%s” (see “medaka-cli params”)"), algorithm_id);
      return NULL;
    }

  experiment = mdk_experiment_new (task_class, opt_class);
  if (!apply_assignments (o->params, opt_class->params, opt_class->n_params,
                          experiment->optimizer_params, opt_class->id, error) ||
      !apply_assignments (o->task_params, task_class->params, task_class->n_params,
                          experiment->task_params, task_class->id, error) ||
      !apply_assignments (o->objective_params, mdk_novelty_param_table, MDK_NOVELTY_N_PARAMS,
                          &experiment->objective, _("The search objective"), error))
    return NULL;

  if (o->seed < 0)
    {
      g_set_error (error, MDK_PARAM_ERROR, MDK_PARAM_ERROR_RANGE,
                   _("The seed must be 0 or more, not %lld"), (long long) o->seed);
      return NULL;
    }
  experiment->seed = (guint64) o->seed;
  if (o->threads != -1)
    {
      if (o->threads < 1 || o->threads > 1024)
        {
          g_set_error (error, MDK_PARAM_ERROR, MDK_PARAM_ERROR_RANGE,
                       _("--threads must be from 1 to 1024, not %d"), o->threads);
          return NULL;
        }
      experiment->threads = o->threads;
    }
  if (o->generations != -1)
    {
      if (o->generations < 0)
        {
          g_set_error (error, MDK_PARAM_ERROR, MDK_PARAM_ERROR_RANGE,
                       _("--generations must be 0 or more, not %d"), o->generations);
          return NULL;
        }
      experiment->stop.max_generations = o->generations;
    }
  if (o->evaluations != -1)
    {
      if (!(o->evaluations >= 0) || o->evaluations > 1e15)
        {
          g_set_error (error, MDK_PARAM_ERROR, MDK_PARAM_ERROR_RANGE,
                       _("--evaluations must be from 0 to 1e15"));
          return NULL;
        }
      experiment->stop.max_evaluations = o->evaluations;
    }
  if (o->time_limit != -1)
    {
      if (!(o->time_limit >= 0) || o->time_limit > 1e9)
        {
          g_set_error (error, MDK_PARAM_ERROR, MDK_PARAM_ERROR_RANGE,
                       _("--time-limit must be from 0 to 1e9 seconds"));
          return NULL;
        }
      experiment->stop.time_limit = o->time_limit;
    }
  if (o->target != NULL)
    {
      char *end = NULL;
      double v = g_ascii_strtod (o->target, &end);

      if (o->target[0] == '\0' || *end != '\0' || !isfinite (v))
        {
          g_set_error (error, MDK_PARAM_ERROR, MDK_PARAM_ERROR_INVALID,
                       _("--target expects a number, not “%s”"), o->target);
          return NULL;
        }
      experiment->stop.use_fitness_target = TRUE;
      experiment->stop.fitness_target = v;
    }
  if (o->no_stop_on_solved)
    experiment->stop.stop_on_solved = FALSE;

  if (!mdk_experiment_validate (experiment, error))
    return NULL;
  return g_steal_pointer (&experiment);
}
