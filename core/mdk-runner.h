/* mdk-runner.h: one run on its own worker thread
 *
 * The UI never touches the run: it queues commands (run, pause, step, change
 * parameters, insert or seed a genome) that the worker applies between
 * generations, and receives
 * reports through @context's main loop (an idle source; at most one queued
 * at a time, carrying the latest state).
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "mdk-report.h"
#include "mdk-lineage.h"
#include "mdk-run.h"
#include "mdk-neat-genome.h"

G_BEGIN_DECLS

typedef struct _MdkRunner MdkRunner;

typedef void (*MdkReportFunc) (MdkReport *report,
                               gpointer   user_data);
/* A snapshot (taken over) or NULL with @error: see mdk_runner_snapshot_async (). */
typedef void (*MdkSnapshotFunc) (JsonNode     *snapshot,
                                 const GError *error,
                                 gpointer      user_data);

MdkRunner      *mdk_runner_new            (const MdkExperiment *experiment,
                                           GMainContext        *context,
                                           MdkReportFunc        func,
                                           gpointer             user_data,
                                           GError             **error);
MdkRunner      *mdk_runner_new_for_run    (MdkRun              *run,
                                           GMainContext        *context,
                                           MdkReportFunc        func,
                                           gpointer             user_data);
void            mdk_runner_free           (MdkRunner           *runner);

void            mdk_runner_run            (MdkRunner           *runner);
void            mdk_runner_pause          (MdkRunner           *runner);
void            mdk_runner_step           (MdkRunner           *runner);
gboolean        mdk_runner_set_params     (MdkRunner           *runner,
                                           gconstpointer        optimizer_params,
                                           const MdkStopParams *stop,
                                           GError             **error);
gboolean        mdk_runner_insert_genome  (MdkRunner           *runner,
                                           const MdkNeatGenome *genome,
                                           GError             **error);
gboolean        mdk_runner_seed_population (MdkRunner          *runner,
                                           const MdkNeatGenome *genome,
                                           GError             **error);
MdkNeatInnovation *mdk_runner_get_innovation (MdkRunner        *runner);
MdkRunnerState  mdk_runner_get_state      (MdkRunner           *runner);
JsonNode       *mdk_runner_snapshot       (MdkRunner           *runner,
                                           GError             **error);
void            mdk_runner_snapshot_async (MdkRunner           *runner,
                                           MdkSnapshotFunc      func,
                                           gpointer             user_data);
const MdkExperiment *mdk_runner_get_experiment (MdkRunner      *runner);
MdkTask        *mdk_runner_get_task       (MdkRunner           *runner);
MdkReport      *mdk_runner_dup_report     (MdkRunner           *runner);
MdkLineage     *mdk_runner_get_lineage    (MdkRunner           *runner);
gboolean        mdk_runner_set_interactive (MdkRunner          *runner,
                                            gboolean            interactive);
gboolean        mdk_runner_is_awaiting    (MdkRunner           *runner);
gboolean        mdk_runner_choose         (MdkRunner           *runner,
                                           const double        *fitness,
                                           guint                n,
                                           GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdkRunner, mdk_runner_free)

G_END_DECLS
