/* mdk-task.h: what a network is evaluated on
 *
 * A task never sees genomes, only a compiled MdkNetwork.  Each task is an
 * MdkTaskClass (a vtable with its own parameter table) and instances are
 * refcounted and read-only once created, so evaluator threads share one.
 */
#pragma once

#include <glib.h>

#include "mdk-activation.h"
#include "mdk-backprop.h"
#include "mdk-network.h"
#include "mdk-param.h"
#include "mdk-rng.h"
#include "mdk-trace.h"

G_BEGIN_DECLS

#define MDK_TASK_ERROR (mdk_task_error_quark ())

typedef enum
{
  MDK_TASK_ERROR_UNKNOWN,
  MDK_TASK_ERROR_PARAMS,
  MDK_TASK_ERROR_DATA,
} MdkTaskError;

/* The most numbers a behaviour descriptor has (novelty search, MAP-Elites). */
#define MDK_MAX_BEHAVIOUR 8

typedef struct
{
  double   fitness;        /* higher is better; non-finite counts as the worst */
  double   train_metric;   /* e.g. training accuracy, NAN when not applicable */
  double   test_metric;    /* e.g. test accuracy, NAN when not applicable */
  gboolean solved;
  /* What the network did, for behaviour-based search: task->n_behaviour
   * numbers (e.g. the maze robot's final x, y), each scaled to [0, 1]
   * so distances compare across tasks; zero for tasks without one. */
  double   behaviour[MDK_MAX_BEHAVIOUR];
} MdkEvalResult;

typedef struct _MdkTask MdkTask;
typedef struct _MdkTaskClass MdkTaskClass;

/* An algorithm parameter that a task's published setup uses, e.g. NEAT's
 * population of 1,000 for the double pole without velocities. */
typedef struct
{
  const char *algorithm;   /* an MdkOptimizerClass id */
  const char *param;
  const char *value;       /* as on the command line */
} MdkTaskSuggestion;

struct _MdkTaskClass
{
  const char         *id;
  const char         *label;        /* N_() */
  const char         *description;  /* N_(): what the task is and what solves it */
  const char         *metric_label; /* N_(): what train/test_metric mean, or NULL */
  const MdkParamSpec *params;
  guint               n_params;
  gsize               params_size;
  gboolean            deterministic;
  MdkActivation       output_activation;   /* suggested for start genomes */

  /* Called once: reads task->params, sets shape and names, loads data. */
  gboolean (*init)     (MdkTask        *task,
                        GError        **error);
  void     (*finalize) (MdkTask        *task);
  /* Thread-safe: may run on several threads at once with different nets. */
  void     (*evaluate) (const MdkTask  *task,
                        MdkNetwork     *net,
                        MdkRng         *rng,
                        MdkEvalResult  *result);
  /* Optional: what the behaviour view shows of @net (NULL if nothing). */
  MdkTrace *(*trace)   (const MdkTask  *task,
                        MdkNetwork     *net);
  /* Optional: the supervised data gradient training learns from, the
   * training rows only, borrowed from the task (FALSE if it has none). */
  gboolean (*get_training_data) (const MdkTask   *task,
                                 MdkTrainingData *data);
  /* Optional: the test that makes a solution, for tasks whose fitness
   * episode cannot tell (evaluate () then never sets solved).  The run
   * gives it one candidate per generation (see mdk-run.c) with the
   * candidate's result, which it may complete (solved, test_metric).  It
   * draws no random numbers: the run reuses its outcome for a network and
   * result it has tested before. */
  void      (*test_solution) (const MdkTask *task,
                              MdkNetwork    *net,
                              MdkEvalResult *result);
  /* Optional, with test_solution: the same test in independent parts, so
   * that its costly end can run on several threads and processes (the 625
   * starts of the double pole's generalisation test).  test_solution () is
   * test_begin (), its serial start (FALSE: the test ends there); then
   * test_part () for parts 0 … n_test_parts - 1, each a number, in any
   * order and anywhere (thread-safe on distinct networks); then
   * test_end () with the numbers in order. */
  guint     n_test_parts;
  gboolean  (*test_begin)    (const MdkTask *task,
                              MdkNetwork    *net,
                              MdkEvalResult *result);
  double    (*test_part)     (const MdkTask *task,
                              MdkNetwork    *net,
                              guint          part);
  void      (*test_end)      (const MdkTask *task,
                              const double  *parts,
                              MdkEvalResult *result);
  /* Optional, ended by a row whose algorithm is NULL: applied when the task
   * is chosen, for the algorithm of the experiment. */
  const MdkTaskSuggestion *suggestions;
};

struct _MdkTask
{
  const MdkTaskClass *klass;
  gpointer            params;
  guint               n_inputs;
  guint               n_outputs;
  char              **input_names;    /* n_inputs, without the bias */
  char              **output_names;
  guint               n_behaviour;    /* 0 .. MDK_MAX_BEHAVIOUR, set by init () */
  gpointer            priv;           /* the class's own data */
  gint                ref_count;
};

GQuark               mdk_task_error_quark      (void);

const MdkTaskClass * const *mdk_task_classes   (guint              *n_classes);
const MdkTaskClass  *mdk_task_class_lookup     (const char         *id);
gpointer             mdk_task_params_new       (const MdkTaskClass *klass);
void                 mdk_task_params_free      (const MdkTaskClass *klass,
                                                gpointer            params);
gpointer             mdk_task_params_dup       (const MdkTaskClass *klass,
                                                gconstpointer       params);

MdkTask             *mdk_task_new              (const MdkTaskClass *klass,
                                                gconstpointer       params,
                                                GError            **error);
MdkTask             *mdk_task_ref              (MdkTask            *task);
void                 mdk_task_unref            (MdkTask            *task);
void                 mdk_task_evaluate         (const MdkTask      *task,
                                                MdkNetwork         *net,
                                                MdkRng             *rng,
                                                MdkEvalResult      *result);
MdkTrace            *mdk_task_trace            (const MdkTask      *task,
                                                MdkNetwork         *net);
gboolean             mdk_task_get_training_data (const MdkTask     *task,
                                                MdkTrainingData    *data);
void                 mdk_task_test_solution_in_parts (const MdkTask *task,
                                                      MdkNetwork    *net,
                                                      MdkEvalResult *result);
void                 mdk_task_set_names        (MdkTask            *task,
                                                const char * const *input_names,
                                                guint               n_inputs,
                                                const char * const *output_names,
                                                guint               n_outputs);

/* The built-in task classes (one file each under core/tasks/). */
extern const MdkTaskClass mdk_task_xor_class;
extern const MdkTaskClass mdk_task_classify_class;
extern const MdkTaskClass mdk_task_csv_class;
extern const MdkTaskClass mdk_task_cppn_class;
extern const MdkTaskClass mdk_task_pole_class;
extern const MdkTaskClass mdk_task_double_pole_class;
extern const MdkTaskClass mdk_task_double_pole_nv_class;
extern const MdkTaskClass mdk_task_multiplexer_class;
extern const MdkTaskClass mdk_task_regression_class;
extern const MdkTaskClass mdk_task_maze_class;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdkTask, mdk_task_unref)

G_END_DECLS
