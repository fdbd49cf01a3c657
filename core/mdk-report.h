/* mdk-report.h: what a run publishes after a generation
 *
 * Immutable and refcounted: made in the runner thread, read in the UI
 * thread.  Reports are coalesced (only the latest is delivered), so a report
 * carries every history row since the previous delivered one.
 */
#pragma once

#include <glib.h>

#include "mdk-optimizer.h"
#include "mdk-run.h"
#include "mdk-trace.h"

G_BEGIN_DECLS

typedef enum
{
  MDK_RUNNER_PAUSED,
  MDK_RUNNER_RUNNING,
  MDK_RUNNER_FINISHED,   /* a stop condition holds; run or step to go on */
  MDK_RUNNER_WAITING,    /* interactive: waiting for the person's choice */
} MdkRunnerState;

typedef struct
{
  MdkSpeciesInfo info;       /* champion is a copy owned by the report */
} MdkReportSpecies;

typedef struct
{
  gint                     ref_count;
  const MdkOptimizerClass *klass;        /* frees the genome copies */
  MdkRunnerState           state;
  const char              *stop_reason;  /* untranslated id, or NULL */
  guint                    generation;   /* generations done */
  guint64                  evaluations;
  double                   seconds;
  gboolean                 solved;
  guint64                  solved_evaluations;
  guint                    solved_generation;

  guint                    first_row;    /* history index of rows[0] */
  GArray                  *rows;         /* MdkGenerationStats */
  GPtrArray               *row_species;  /* per row, a GArray of its MdkSpeciesSample
                                          * (NULL: none) */

  gpointer                 champion;     /* best ever, copy; NULL before the first generation */
  MdkEvalResult            champion_result;
  guint                    champion_generation;
  MdkTrace                *trace;        /* of the champion, or NULL */
  /* Behaviour-based search (with the details): novelty search's archive,
   * archive_dims numbers per behaviour (NULL when the run searches for
   * fitness), and MAP-Elites' map of elites (NULL for other algorithms). */
  guint                    archive_dims;
  GArray                  *archive;      /* double */
  MdkEliteMap             *map;

  GArray                  *species;      /* MdkReportSpecies of the last generation */
  GPtrArray               *genomes;      /* copies of the last generation, best first */
  /* What the genomes evaluated in the last generation did: the task's
   * behaviour descriptors (n_behaviour numbers each, in [0, 1]) one after
   * the other, in the order of evaluation.  NULL without details or when
   * the task has none (n_behaviour 0). */
  guint                    n_behaviour;
  GArray                  *behaviours;   /* double */

  /* Interactive evolution: the generation to choose from (copies, in the
   * order mdk_runner_choose () expects) and the task's trace of each. */
  GPtrArray               *candidates;
  GPtrArray               *candidate_traces;
} MdkReport;

MdkReport *mdk_report_ref   (MdkReport *report);
void       mdk_report_unref (MdkReport *report);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdkReport, mdk_report_unref)

G_END_DECLS
