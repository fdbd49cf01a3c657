#define G_LOG_DOMAIN "medaka-core"

#include "config.h"

#include "mdk-experiment.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stddef.h>

#define GROUP_STOP N_("Stop conditions")

const MdkParamSpec mdk_stop_param_table[MDK_STOP_N_PARAMS] = {
  { "max_generations", N_("Generations"), GROUP_STOP,
    N_("Stop after this many generations (0: no limit)."),
    MDK_PARAM_INT, 0, G_MAXINT, 1000, NULL, NULL,
    offsetof (MdkStopParams, max_generations), MDK_PARAM_FLAG_LIVE, NULL },
  { "max_evaluations", N_("Evaluations"), GROUP_STOP,
    N_("Stop once this many networks have been evaluated (0: no limit)."),
    MDK_PARAM_DOUBLE, 0, 1e15, 0, NULL, NULL,
    offsetof (MdkStopParams, max_evaluations), MDK_PARAM_FLAG_LIVE, NULL },
  { "time_limit", N_("Time limit"), GROUP_STOP,
    N_("Stop after this many seconds of evolution (0: no limit)."),
    MDK_PARAM_DOUBLE, 0, 1e9, 0, NULL, NULL,
    offsetof (MdkStopParams, time_limit), MDK_PARAM_FLAG_LIVE, NULL },
  { "stop_on_solved", N_("Stop when solved"), GROUP_STOP,
    N_("Stop in the generation where a network first solves the task."),
    MDK_PARAM_BOOL, 0, 1, TRUE, NULL, NULL,
    offsetof (MdkStopParams, stop_on_solved), MDK_PARAM_FLAG_LIVE, NULL },
  { "use_fitness_target", N_("Stop at a fitness"), GROUP_STOP,
    N_("Stop when the best fitness reaches the fitness target."),
    MDK_PARAM_BOOL, 0, 1, FALSE, NULL, NULL,
    offsetof (MdkStopParams, use_fitness_target), MDK_PARAM_FLAG_LIVE, NULL },
  { "fitness_target", N_("Fitness target"), GROUP_STOP,
    N_("The fitness at which to stop, when stopping at a fitness is on."),
    MDK_PARAM_DOUBLE, -1e300, 1e300, 0, NULL, NULL,
    offsetof (MdkStopParams, fitness_target), MDK_PARAM_FLAG_LIVE, NULL },
};

/* The task's published setup for the experiment's algorithm (e.g. a
 * population of 1,000 for the double pole without velocities).  The
 * suggestions are the task's own constants, so a failure is a bug there. */
static void
apply_suggestions (MdkExperiment *experiment)
{
  const MdkTaskSuggestion *s = experiment->task_class->suggestions;
  const MdkOptimizerClass *opt = experiment->optimizer_class;

  for (; s != NULL && s->algorithm != NULL; s++)
    {
      const MdkParamSpec *spec;
      g_autoptr(GError) error = NULL;

      if (g_strcmp0 (s->algorithm, opt->id) != 0)
        continue;
      spec = mdk_param_table_lookup (opt->params, opt->n_params, s->param);
      if (spec == NULL || !mdk_param_set_from_string (spec, experiment->optimizer_params, s->value, &error))
        g_critical ("Task %s suggests %s = %s for %s, which is not a valid setting",
                    experiment->task_class->id, s->param, s->value, opt->id);
    }
}

MdkExperiment *
mdk_experiment_new (const MdkTaskClass      *task_class,
                    const MdkOptimizerClass *optimizer_class)
{
  MdkExperiment *experiment = g_new0 (MdkExperiment, 1);

  experiment->task_class = task_class;
  experiment->task_params = mdk_task_params_new (task_class);
  experiment->optimizer_class = optimizer_class;
  experiment->optimizer_params = mdk_optimizer_params_new (optimizer_class);
  experiment->seed = 1;
  experiment->threads = 0;
  mdk_param_table_init (mdk_stop_param_table, MDK_STOP_N_PARAMS, &experiment->stop);
  mdk_param_table_init (mdk_novelty_param_table, MDK_NOVELTY_N_PARAMS, &experiment->objective);
  apply_suggestions (experiment);
  return experiment;
}

/* The experiment the studio and `medaka-cli run` open on: a 2-D
 * classification whose decision boundary visibly improves within seconds. */
MdkExperiment *
mdk_experiment_new_default (void)
{
  return mdk_experiment_new (&mdk_task_classify_class, &mdk_neat_class);
}

MdkExperiment *
mdk_experiment_copy (const MdkExperiment *experiment)
{
  MdkExperiment *copy = g_new0 (MdkExperiment, 1);

  *copy = *experiment;
  copy->task_params = mdk_task_params_dup (experiment->task_class, experiment->task_params);
  copy->optimizer_params = mdk_optimizer_params_dup (experiment->optimizer_class,
                                                     experiment->optimizer_params);
  return copy;
}

void
mdk_experiment_free (MdkExperiment *experiment)
{
  if (experiment == NULL)
    return;
  mdk_task_params_free (experiment->task_class, experiment->task_params);
  mdk_optimizer_params_free (experiment->optimizer_class, experiment->optimizer_params);
  g_free (experiment);
}

void
mdk_experiment_set_task (MdkExperiment      *experiment,
                         const MdkTaskClass *task_class)
{
  if (experiment->task_class == task_class)
    return;
  mdk_task_params_free (experiment->task_class, experiment->task_params);
  experiment->task_class = task_class;
  experiment->task_params = mdk_task_params_new (task_class);
  apply_suggestions (experiment);
}

void
mdk_experiment_set_algorithm (MdkExperiment           *experiment,
                              const MdkOptimizerClass *optimizer_class)
{
  if (experiment->optimizer_class == optimizer_class)
    return;
  mdk_optimizer_params_free (experiment->optimizer_class, experiment->optimizer_params);
  experiment->optimizer_class = optimizer_class;
  experiment->optimizer_params = mdk_optimizer_params_new (optimizer_class);
  apply_suggestions (experiment);
}

gboolean
mdk_experiment_validate (const MdkExperiment  *experiment,
                         GError              **error)
{
  return mdk_param_table_validate (experiment->task_class->params,
                                   experiment->task_class->n_params,
                                   experiment->task_params, error) &&
         mdk_param_table_validate (experiment->optimizer_class->params,
                                   experiment->optimizer_class->n_params,
                                   experiment->optimizer_params, error) &&
         mdk_param_table_validate (mdk_stop_param_table, MDK_STOP_N_PARAMS,
                                   &experiment->stop, error) &&
         mdk_param_table_validate (mdk_novelty_param_table, MDK_NOVELTY_N_PARAMS,
                                   &experiment->objective, error);
}

/* Whether the run measures novelty (alone or mixed with fitness). */
gboolean
mdk_experiment_uses_novelty (const MdkExperiment *experiment)
{
  return experiment->objective.objective != MDK_OBJECTIVE_FITNESS;
}
