/* mdk-experiment.h: everything that defines a run
 *
 * The task and its parameters, the algorithm and its parameters, the seed,
 * the number of threads, the stop conditions and the search objective
 * (fitness, or novelty search).  Plain data: the CLI builds
 * one from its arguments, the studio from its designer, the project file
 * stores one.
 */
#pragma once

#include <glib.h>

#include "mdk-novelty.h"
#include "mdk-optimizer.h"
#include "mdk-param.h"
#include "mdk-task.h"

G_BEGIN_DECLS

typedef struct
{
  int      max_generations;     /* 0 = no limit */
  double   max_evaluations;     /* 0 = no limit */
  double   time_limit;          /* seconds, 0 = no limit */
  gboolean stop_on_solved;
  gboolean use_fitness_target;
  double   fitness_target;
} MdkStopParams;

#define MDK_STOP_N_PARAMS 6
extern const MdkParamSpec mdk_stop_param_table[MDK_STOP_N_PARAMS];

typedef struct
{
  const MdkTaskClass      *task_class;
  gpointer                 task_params;
  const MdkOptimizerClass *optimizer_class;
  gpointer                 optimizer_params;
  guint64                  seed;
  guint                    threads;      /* 0 = one per core */
  MdkStopParams            stop;
  MdkNoveltyParams         objective;    /* what the optimizer selects on */
} MdkExperiment;

MdkExperiment *mdk_experiment_new            (const MdkTaskClass      *task_class,
                                              const MdkOptimizerClass *optimizer_class);
MdkExperiment *mdk_experiment_new_default    (void);
MdkExperiment *mdk_experiment_copy           (const MdkExperiment     *experiment);
void           mdk_experiment_free           (MdkExperiment           *experiment);
/* Also applies the new task's suggested settings for the algorithm. */
void           mdk_experiment_set_task       (MdkExperiment           *experiment,
                                              const MdkTaskClass      *task_class);
/* New parameters for the algorithm, with the task's suggested settings. */
void           mdk_experiment_set_algorithm  (MdkExperiment           *experiment,
                                              const MdkOptimizerClass *optimizer_class);
gboolean       mdk_experiment_validate       (const MdkExperiment     *experiment,
                                              GError                 **error);
gboolean       mdk_experiment_uses_novelty   (const MdkExperiment     *experiment);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdkExperiment, mdk_experiment_free)

G_END_DECLS
