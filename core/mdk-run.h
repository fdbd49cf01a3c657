/* mdk-run.h: one experiment being evolved, a generation at a time
 *
 * Synchronous: mdk_run_step () runs ask → evaluate → tell once.  The CLI
 * calls it in a loop; the studio's runner thread does the same.
 */
#pragma once

#include <glib.h>

#include "mdk-evaluator.h"
#include "mdk-experiment.h"
#include "mdk-lineage.h"
#include "mdk-novelty.h"

G_BEGIN_DECLS

/* The most statistics a history row holds besides the common ones. */
#define MDK_MAX_STATS (MDK_MAX_ALGORITHM_STATS + MDK_NOVELTY_N_STATS)

/* What MdkGenerationStats.extra holds: the algorithm's own statistics
 * (MdkOptimizerClass.stats), then novelty search's when the run searches
 * for novelty.  A plain value: copy it freely. */
typedef struct
{
  const char  *title;                  /* N_(): the algorithm's name, or NULL */
  guint        n;
  MdkStatSpec  specs[MDK_MAX_STATS];
} MdkStatColumns;

/* One row of the history table. */
typedef struct
{
  guint   generation;
  double  best;
  double  mean;
  double  median;
  double  stdev;
  guint   n_species;
  double  mean_hidden;
  double  mean_connections;
  guint   champion_hidden;
  guint   champion_connections;
  guint64 evaluations;         /* cumulative */
  double  seconds;             /* cumulative evolution time */
  guint   n_invalid;           /* NaN or infinite fitness this generation */
  double  best_train;          /* the generation best's task metrics */
  double  best_test;
  gboolean solved;
  MdkSearchPhase phase;        /* phased search: the phase that bred this generation */
  double  extra[MDK_MAX_STATS];   /* MdkStatColumns: the algorithm's, novelty search's */
} MdkGenerationStats;

/* One species in one generation, as tell () saw it. */
typedef struct
{
  guint32 species_id;
  guint   size;
  double  best_fitness;
} MdkSpeciesSample;

typedef struct _MdkRun MdkRun;

/* Who evaluates a generation's batch: by default the run's evaluator, on
 * this machine's threads; medaka-cli's MPI backend hands chunks to other
 * processes instead (app/mdk-cli-mpi.c).  It must fill results[i] as
 * mdk_evaluator_run () does for generation mdk_run_get_generation () with
 * @seed, so results stay bit-identical whoever computes them. */
typedef void (*MdkRunEvaluateFunc) (MdkRun         *run,
                                    gconstpointer  *genomes,
                                    guint           n_genomes,
                                    guint64         seed,
                                    MdkEvalResult  *results,
                                    gpointer        user_data);

/* Told of the next generation's batch (@generation, as
 * mdk_run_get_generation () will say) while the run still ends this one,
 * for algorithms whose ask () is pure (NEAT): during tell (), as it makes
 * the genomes, the first @n_genomes of the batch (@complete FALSE; the
 * array may move between calls); then right after tell (), before the
 * solution test, the whole batch (@complete TRUE), the one
 * mdk_run_step () then evaluates.  medaka-cli's MPI backend hands out the
 * first chunks. */
typedef void (*MdkRunPrefetchFunc)  (MdkRun         *run,
                                     gconstpointer  *genomes,
                                     guint           n_genomes,
                                     gboolean        complete,
                                     guint64         seed,
                                     guint           generation,
                                     gpointer        user_data);

/* Who computes the parts of the task's solution test of @genome
 * (MdkTaskClass.test_part, parts 0 … n_parts - 1 into @parts): by default
 * the run's evaluator, on this machine's threads; medaka-cli's MPI backend
 * spreads them over the ranks. */
typedef void (*MdkRunTestPartsFunc) (MdkRun         *run,
                                     gconstpointer   genome,
                                     guint           n_parts,
                                     double         *parts,
                                     gpointer        user_data);

MdkRun              *mdk_run_new                 (const MdkExperiment *experiment,
                                                  GError             **error);
void                 mdk_run_free                (MdkRun              *run);

const char          *mdk_run_step                (MdkRun              *run);
const char          *mdk_run_get_stop_reason     (const MdkRun        *run);
guint                mdk_run_interactive_begin   (MdkRun              *run,
                                                  gconstpointer      **genomes);
const char          *mdk_run_interactive_finish  (MdkRun              *run,
                                                  const double        *fitness,
                                                  guint                n);

const MdkExperiment *mdk_run_get_experiment      (const MdkRun        *run);
MdkTask             *mdk_run_get_task            (const MdkRun        *run);
MdkOptimizer        *mdk_run_get_optimizer       (const MdkRun        *run);
MdkEvaluator        *mdk_run_get_evaluator       (const MdkRun        *run);
void                 mdk_run_set_prefetch_func   (MdkRun              *run,
                                                  MdkRunPrefetchFunc   func,
                                                  gpointer             user_data);
void                 mdk_run_set_test_parts_func (MdkRun              *run,
                                                  MdkRunTestPartsFunc  func,
                                                  gpointer             user_data);
void                 mdk_run_set_evaluate_func   (MdkRun              *run,
                                                  MdkRunEvaluateFunc   func,
                                                  gpointer             user_data);
guint                mdk_run_get_generation      (const MdkRun        *run);
guint64              mdk_run_get_evaluations     (const MdkRun        *run);
double               mdk_run_get_seconds         (const MdkRun        *run);
guint64              mdk_run_get_connections     (const MdkRun        *run);
GArray              *mdk_run_get_history         (const MdkRun        *run);
/* The species of generation @generation (NULL and 0 when it had none or
 * was not recorded, as in projects of earlier versions). */
const MdkSpeciesSample *mdk_run_get_species_sizes (const MdkRun      *run,
                                                  guint               generation,
                                                  guint              *n_samples);
gconstpointer        mdk_run_get_champion        (const MdkRun        *run,
                                                  MdkEvalResult       *result,
                                                  guint               *generation);
const MdkEvalResult *mdk_run_get_last_results    (const MdkRun        *run,
                                                  guint               *n);
gboolean             mdk_run_is_solved           (const MdkRun        *run,
                                                  guint64             *evaluations,
                                                  guint               *generation);
char                *mdk_run_champion_to_json    (const MdkRun        *run);
void                 mdk_run_set_stop            (MdkRun              *run,
                                                  const MdkStopParams *stop);
void                 mdk_run_set_lineage         (MdkRun              *run,
                                                  MdkLineage          *lineage);
MdkLineage          *mdk_run_get_lineage         (const MdkRun        *run);
/* Novelty search's archive, or NULL when the run searches for fitness. */
MdkNovelty          *mdk_run_get_novelty         (const MdkRun        *run);

/* Resuming from a saved state (mdk-run-state.c): a run just created from the
 * saved experiment takes the saved progress.  Call mdk_run_restore () last:
 * it also re-checks the stop conditions. */
void                 mdk_run_take_champion       (MdkRun              *run,
                                                  gpointer             genome,
                                                  const MdkEvalResult *result,
                                                  guint                generation);
const guint32       *mdk_run_get_checked_species (const MdkRun        *run,
                                                  guint               *n);
void                 mdk_run_restore_checked_species (MdkRun          *run,
                                                  const guint32       *ids,
                                                  guint                n);
void                 mdk_run_restore_solved      (MdkRun              *run,
                                                  gboolean             solved,
                                                  guint64              evaluations,
                                                  guint                generation);
/* The species of the next restored generation, in order from 0. */
void                 mdk_run_restore_species_sizes (MdkRun            *run,
                                                  const MdkSpeciesSample *samples,
                                                  guint                n_samples);
void                 mdk_run_restore             (MdkRun              *run,
                                                  guint                generation,
                                                  guint64              evaluations,
                                                  double               seconds,
                                                  const MdkGenerationStats *rows,
                                                  guint                n_rows);

void                 mdk_stat_columns_init       (MdkStatColumns           *columns,
                                                  const MdkOptimizerClass  *klass,
                                                  gboolean                  novelty);
void                 mdk_stat_columns_for_experiment (MdkStatColumns       *columns,
                                                  const MdkExperiment      *experiment);

gboolean             mdk_stats_same_outcome      (const MdkGenerationStats *a,
                                                  const MdkGenerationStats *b);
/* @columns adds the statistics as columns; NULL for the common ones only. */
char                *mdk_stats_csv_header        (const MdkStatColumns     *columns);
char                *mdk_stats_to_csv_row        (const MdkGenerationStats *stats,
                                                  const MdkStatColumns     *columns);
char                *mdk_stats_rows_to_csv       (const MdkGenerationStats *rows,
                                                  guint                     n_rows,
                                                  const MdkStatColumns     *columns);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdkRun, mdk_run_free)

G_END_DECLS
