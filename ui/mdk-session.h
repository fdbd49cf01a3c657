/* mdk-session.h: one experiment in the studio
 *
 * Holds the experiment being designed, the runner while it runs, and turns
 * reports into properties and the history the plots read.  Widgets bind to
 * it; it is the only UI object that talks to the runner.
 */
#pragma once

#include <gtk/gtk.h>

#include <json-glib/json-glib.h>

#include "mdk-experiment.h"
#include "mdk-history.h"
#include "mdk-lineage.h"
#include "mdk-neat-genome.h"
#include "mdk-report.h"
#include "mdk-run.h"
#include "mdk-runner.h"

G_BEGIN_DECLS

#define MDK_TYPE_SESSION (mdk_session_get_type ())
G_DECLARE_FINAL_TYPE (MdkSession, mdk_session, MDK, SESSION, GObject)

typedef enum
{
  MDK_SESSION_IDLE,       /* no run yet (or reset): the whole experiment is editable */
  MDK_SESSION_RUNNING,
  MDK_SESSION_PAUSED,
  MDK_SESSION_FINISHED,   /* a stop condition holds */
} MdkSessionState;

/* Which parameter table a parameter belongs to. */
typedef enum
{
  MDK_PARAM_OWNER_TASK,
  MDK_PARAM_OWNER_ALGORITHM,
  MDK_PARAM_OWNER_STOP,
  MDK_PARAM_OWNER_OBJECTIVE,
} MdkParamOwner;

MdkSession          *mdk_session_new                 (void);

/* The experiment: read it any time; change it through the setters. */
const MdkExperiment *mdk_session_get_experiment      (MdkSession     *self);
gboolean             mdk_session_set_task            (MdkSession     *self,
                                                      const char     *task_id,
                                                      GError        **error);
gboolean             mdk_session_set_algorithm       (MdkSession     *self,
                                                      const char     *algorithm_id,
                                                      GError        **error);
gboolean             mdk_session_set_param           (MdkSession     *self,
                                                      MdkParamOwner   owner,
                                                      const char     *id,
                                                      const char     *value,
                                                      GError        **error);
char                *mdk_session_get_param           (MdkSession     *self,
                                                      MdkParamOwner   owner,
                                                      const char     *id);
void                 mdk_session_reset_group         (MdkSession     *self,
                                                      MdkParamOwner   owner,
                                                      const char     *group);
/* Why a parameter cannot be changed now, or NULL if it can. */
const char          *mdk_session_param_locked_reason (MdkSession     *self,
                                                      MdkParamOwner   owner,
                                                      const char     *id);
void                 mdk_session_set_seed            (MdkSession     *self,
                                                      guint64         seed);
void                 mdk_session_set_threads         (MdkSession     *self,
                                                      guint           threads);

/* Run control. */
gboolean             mdk_session_run                 (MdkSession     *self,
                                                      GError        **error);
void                 mdk_session_pause               (MdkSession     *self);
gboolean             mdk_session_step                (MdkSession     *self,
                                                      GError        **error);
void                 mdk_session_reset               (MdkSession     *self);
void                 mdk_session_load_run            (MdkSession     *self,
                                                      MdkRun         *run);
JsonNode            *mdk_session_snapshot            (MdkSession     *self,
                                                      GError        **error);
void                 mdk_session_snapshot_async      (MdkSession     *self,
                                                      MdkSnapshotFunc func,
                                                      gpointer        user_data);

/* Putting an edited network back into evolution (NEAT only).  Queued for the
 * next generation; while idle this creates the run, which stays paused. */
gboolean             mdk_session_insert_genome       (MdkSession          *self,
                                                      const MdkNeatGenome *genome,
                                                      GError             **error);
gboolean             mdk_session_seed_population     (MdkSession          *self,
                                                      const MdkNeatGenome *genome,
                                                      GError             **error);
/* The run's innovation tracker (thread-safe), or NULL while idle or when
 * the algorithm is not NEAT. */
MdkNeatInnovation   *mdk_session_get_innovation      (MdkSession          *self);

MdkSessionState      mdk_session_get_state           (MdkSession     *self);
MdkHistory          *mdk_session_get_history         (MdkSession     *self);
MdkReport           *mdk_session_get_report          (MdkSession     *self);
MdkTask             *mdk_session_get_task            (MdkSession     *self);
gboolean             mdk_session_set_interactive     (MdkSession     *self,
                                                      gboolean        interactive);
gboolean             mdk_session_get_interactive     (MdkSession     *self);
gboolean             mdk_session_choose              (MdkSession     *self,
                                                      const guint    *chosen,
                                                      guint           n_chosen,
                                                      GError        **error);
/* NULL while idle; valid until the next reset (ref it to keep it). */
MdkLineage          *mdk_session_get_lineage         (MdkSession     *self);

G_END_DECLS
