#define G_LOG_DOMAIN "medaka-ui"

#include "config.h"

#include "mdk-session.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "mdk-application.h"
#include "mdk-history-plot.h"
#include "mdk-runner.h"
#include "mdk-run-state.h"

struct _MdkSession
{
  GObject          parent_instance;
  MdkExperiment   *experiment;
  MdkRunner       *runner;
  MdkHistory      *history;
  MdkReport       *report;
  MdkSessionState  state;
  gboolean         interactive;
  double           rate;          /* evaluations per second, recent */
  guint64          rate_evals;
  double           rate_seconds;
};

G_DEFINE_FINAL_TYPE (MdkSession, mdk_session, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_STATE,
  PROP_GENERATION,
  PROP_EVALUATIONS,
  PROP_EVALUATIONS_PER_SECOND,
  PROP_ELAPSED,
  PROP_BEST_FITNESS,
  PROP_SOLVED,
  PROP_STOP_REASON,
  N_PROPS
};

enum
{
  EXPERIMENT_CHANGED,
  REPORT,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
set_state (MdkSession      *self,
           MdkSessionState  state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
notify_numbers (MdkSession *self)
{
  g_object_freeze_notify (G_OBJECT (self));
  for (guint p = PROP_GENERATION; p <= PROP_STOP_REASON; p++)
    g_object_notify_by_pspec (G_OBJECT (self), properties[p]);
  g_object_thaw_notify (G_OBJECT (self));
}

/* In the UI thread: one coalesced report. */
static void
on_report (MdkReport *report,
           gpointer   user_data)
{
  MdkSession *self = user_data;

  g_assert (g_main_context_is_owner (g_main_context_default ()));

  mdk_history_append (self->history, (const MdkGenerationStats *) report->rows->data,
                      report->rows->len);

  /* Every generation's species, also those of coalesced reports. */
  for (guint i = 0; report->row_species != NULL && i < report->row_species->len; i++)
    {
      GArray *samples = report->row_species->pdata[i];

      if (samples->len > 0)
        mdk_history_set_species (self->history, report->first_row + i,
                                 (const MdkSpeciesSample *) samples->data, samples->len);
    }
  if (report->genomes != NULL && report->genomes->len > 0 && report->klass->describe != NULL)
    {
      guint n = report->genomes->len;
      g_autofree double *fitness = g_new (double, n);
      g_autofree double *hidden = g_new (double, n);
      g_autofree double *conns = g_new (double, n);

      for (guint i = 0; i < n; i++)
        {
          MdkGenomeInfo info;
          report->klass->describe (report->klass, report->genomes->pdata[i], &info);
          fitness[i] = info.fitness;
          hidden[i] = info.hidden;
          conns[i] = info.connections;
        }
      mdk_history_set_distribution (self->history, report->generation - 1, fitness, hidden, conns, n);
    }

  /* A rate over the last second or so, not since the start. */
  if (report->seconds - self->rate_seconds >= 0.5 || self->rate == 0)
    {
      if (report->seconds > self->rate_seconds)
        self->rate = (report->evaluations - self->rate_evals) / (report->seconds - self->rate_seconds);
      self->rate_evals = report->evaluations;
      self->rate_seconds = report->seconds;
    }

  g_clear_pointer (&self->report, mdk_report_unref);
  self->report = mdk_report_ref (report);

  if (report->state == MDK_RUNNER_FINISHED)
    set_state (self, MDK_SESSION_FINISHED);
  else if (report->state == MDK_RUNNER_WAITING && self->state == MDK_SESSION_FINISHED)
    set_state (self, MDK_SESSION_PAUSED);
  else if (report->state == MDK_RUNNER_PAUSED && self->state == MDK_SESSION_FINISHED)
    set_state (self, MDK_SESSION_PAUSED);

  notify_numbers (self);
  g_signal_emit (self, signals[REPORT], 0, report);
}

static void
mdk_session_dispose (GObject *object)
{
  MdkSession *self = MDK_SESSION (object);

  /* Stops the worker after its current generation. */
  g_clear_pointer (&self->runner, mdk_runner_free);
  g_clear_pointer (&self->report, mdk_report_unref);
  G_OBJECT_CLASS (mdk_session_parent_class)->dispose (object);
}

static void
mdk_session_finalize (GObject *object)
{
  MdkSession *self = MDK_SESSION (object);

  mdk_experiment_free (self->experiment);
  g_clear_object (&self->history);
  G_OBJECT_CLASS (mdk_session_parent_class)->finalize (object);
}

static void
mdk_session_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  MdkSession *self = MDK_SESSION (object);
  MdkReport *r = self->report;

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;
    case PROP_GENERATION:
      g_value_set_uint (value, r ? r->generation : 0);
      break;
    case PROP_EVALUATIONS:
      g_value_set_uint64 (value, r ? r->evaluations : 0);
      break;
    case PROP_EVALUATIONS_PER_SECOND:
      g_value_set_double (value, self->rate);
      break;
    case PROP_ELAPSED:
      g_value_set_double (value, r ? r->seconds : 0.0);
      break;
    case PROP_BEST_FITNESS:
      g_value_set_double (value, r && r->champion ? r->champion_result.fitness : NAN);
      break;
    case PROP_SOLVED:
      g_value_set_boolean (value, r ? r->solved : FALSE);
      break;
    case PROP_STOP_REASON:
      g_value_set_string (value, r && r->stop_reason ? _(r->stop_reason) : NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mdk_session_class_init (MdkSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mdk_session_dispose;
  object_class->finalize = mdk_session_finalize;
  object_class->get_property = mdk_session_get_property;

  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL, MDK_SESSION_IDLE, MDK_SESSION_FINISHED, MDK_SESSION_IDLE,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_GENERATION] =
    g_param_spec_uint ("generation", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EVALUATIONS] =
    g_param_spec_uint64 ("evaluations", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EVALUATIONS_PER_SECOND] =
    g_param_spec_double ("evaluations-per-second", NULL, NULL, 0, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ELAPSED] =
    g_param_spec_double ("elapsed", NULL, NULL, 0, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BEST_FITNESS] =
    g_param_spec_double ("best-fitness", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SOLVED] =
    g_param_spec_boolean ("solved", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STOP_REASON] =
    g_param_spec_string ("stop-reason", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The experiment changed: task or algorithm switched, a parameter, the
   * seed or the threads set, a group reset. */
  signals[EXPERIMENT_CHANGED] =
    g_signal_new ("experiment-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* A report arrived (MdkReport *, valid during the emission; ref it to keep). */
  signals[REPORT] =
    g_signal_new ("report", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
}

static void
mdk_session_init (MdkSession *self)
{
  GSettings *settings = mdk_application_get_settings ();

  self->experiment = mdk_experiment_new_default ();
  /* The preferred number of threads, for new experiments. */
  if (settings != NULL)
    self->experiment->threads = g_settings_get_uint (settings, "threads");
  self->history = mdk_history_new ();
  self->state = MDK_SESSION_IDLE;
}

MdkSession *
mdk_session_new (void)
{
  return g_object_new (MDK_TYPE_SESSION, NULL);
}

const MdkExperiment *
mdk_session_get_experiment (MdkSession *self)
{
  g_return_val_if_fail (MDK_IS_SESSION (self), NULL);
  return self->runner ? mdk_runner_get_experiment (self->runner) : self->experiment;
}

static gboolean
check_idle (MdkSession  *self,
            GError     **error)
{
  if (self->state == MDK_SESSION_IDLE)
    return TRUE;
  g_set_error_literal (error, MDK_PARAM_ERROR, MDK_PARAM_ERROR_INVALID,
                       _("This cannot change during a run; reset the run first."));
  return FALSE;
}

gboolean
mdk_session_set_task (MdkSession  *self,
                      const char  *task_id,
                      GError     **error)
{
  const MdkTaskClass *klass = mdk_task_class_lookup (task_id);

  g_return_val_if_fail (MDK_IS_SESSION (self), FALSE);
  if (klass == NULL)
    {
      g_set_error (error, MDK_PARAM_ERROR, MDK_PARAM_ERROR_UNKNOWN, _("Unknown task “%s”"), task_id);
      return FALSE;
    }
  if (!check_idle (self, error))
    return FALSE;
  mdk_experiment_set_task (self->experiment, klass);
  g_signal_emit (self, signals[EXPERIMENT_CHANGED], 0);
  return TRUE;
}

gboolean
mdk_session_set_algorithm (MdkSession  *self,
                           const char  *algorithm_id,
                           GError     **error)
{
  const MdkOptimizerClass *klass = mdk_optimizer_class_lookup (algorithm_id);

  g_return_val_if_fail (MDK_IS_SESSION (self), FALSE);
  if (klass == NULL)
    {
      g_set_error (error, MDK_PARAM_ERROR, MDK_PARAM_ERROR_UNKNOWN, _("Unknown algorithm “%s”"),
                   algorithm_id);
      return FALSE;
    }
  if (!check_idle (self, error))
    return FALSE;
  mdk_experiment_set_algorithm (self->experiment, klass);
  g_signal_emit (self, signals[EXPERIMENT_CHANGED], 0);
  return TRUE;
}

static const MdkParamSpec *
lookup_spec (const MdkExperiment *e,
             MdkParamOwner        owner,
             const char          *id,
             gconstpointer       *params)
{
  switch (owner)
    {
    case MDK_PARAM_OWNER_TASK:
      *params = e->task_params;
      return mdk_param_table_lookup (e->task_class->params, e->task_class->n_params, id);
    case MDK_PARAM_OWNER_ALGORITHM:
      *params = e->optimizer_params;
      return mdk_param_table_lookup (e->optimizer_class->params, e->optimizer_class->n_params, id);
    case MDK_PARAM_OWNER_OBJECTIVE:
      *params = &e->objective;
      return mdk_param_table_lookup (mdk_novelty_param_table, MDK_NOVELTY_N_PARAMS, id);
    case MDK_PARAM_OWNER_STOP:
    default:
      *params = &e->stop;
      return mdk_param_table_lookup (mdk_stop_param_table, MDK_STOP_N_PARAMS, id);
    }
}

const char *
mdk_session_param_locked_reason (MdkSession    *self,
                                 MdkParamOwner  owner,
                                 const char    *id)
{
  gconstpointer params;
  const MdkParamSpec *spec = lookup_spec (self->experiment, owner, id, &params);

  if (self->state == MDK_SESSION_IDLE || spec == NULL)
    return NULL;
  if (owner == MDK_PARAM_OWNER_TASK)
    return _("The task's data and settings are fixed during a run. Reset the run to change them.");
  if (!(spec->flags & MDK_PARAM_FLAG_LIVE))
    return _("Fixed for the whole run. Reset the run to change it.");
  return NULL;
}

gboolean
mdk_session_set_param (MdkSession     *self,
                       MdkParamOwner   owner,
                       const char     *id,
                       const char     *value,
                       GError        **error)
{
  const MdkExperiment *current = mdk_session_get_experiment (self);
  gconstpointer params;
  const MdkParamSpec *spec = lookup_spec (current, owner, id, &params);
  const char *locked;

  g_return_val_if_fail (MDK_IS_SESSION (self), FALSE);
  if (spec == NULL)
    {
      g_set_error (error, MDK_PARAM_ERROR, MDK_PARAM_ERROR_UNKNOWN, _("Unknown parameter “%s”"), id);
      return FALSE;
    }
  locked = mdk_session_param_locked_reason (self, owner, id);
  if (locked != NULL)
    {
      g_set_error_literal (error, MDK_PARAM_ERROR, MDK_PARAM_ERROR_INVALID, locked);
      return FALSE;
    }

  if (self->runner == NULL)
    {
      /* Parse into a copy first, so a bad value never lands. */
      gpointer target = (gpointer) params;
      g_autofree char *old = mdk_param_to_string (spec, target);
      if (!mdk_param_set_from_string (spec, target, value, error))
        {
          mdk_param_set_from_string (spec, target, old, NULL);
          return FALSE;
        }
    }
  else if (owner == MDK_PARAM_OWNER_ALGORITHM)
    {
      const MdkOptimizerClass *klass = current->optimizer_class;
      gpointer copy = mdk_optimizer_params_dup (klass, current->optimizer_params);
      gboolean ok = mdk_param_set_from_string (spec, copy, value, error) &&
                    mdk_runner_set_params (self->runner, copy, NULL, error);
      mdk_optimizer_params_free (klass, copy);
      if (!ok)
        return FALSE;
    }
  else
    {
      MdkStopParams stop = current->stop;
      if (!mdk_param_set_from_string (spec, &stop, value, error) ||
          !mdk_runner_set_params (self->runner, NULL, &stop, error))
        return FALSE;
      /* A finished run may go on under the new stop conditions. */
      if (self->state == MDK_SESSION_FINISHED)
        set_state (self, MDK_SESSION_PAUSED);
    }

  /* Keep the designer's copy in step, so a reset starts from what is shown. */
  if (self->runner != NULL)
    {
      gconstpointer mine;
      const MdkParamSpec *own = lookup_spec (self->experiment, owner, id, &mine);
      mdk_param_set_from_string (own, (gpointer) mine, value, NULL);
    }
  g_signal_emit (self, signals[EXPERIMENT_CHANGED], 0);
  return TRUE;
}

char *
mdk_session_get_param (MdkSession    *self,
                       MdkParamOwner  owner,
                       const char    *id)
{
  gconstpointer params;
  const MdkParamSpec *spec = lookup_spec (mdk_session_get_experiment (self), owner, id, &params);

  return spec ? mdk_param_to_string (spec, params) : NULL;
}

void
mdk_session_reset_group (MdkSession    *self,
                         MdkParamOwner  owner,
                         const char    *group)
{
  const MdkExperiment *e = mdk_session_get_experiment (self);
  const MdkParamSpec *table;
  guint n;

  switch (owner)
    {
    case MDK_PARAM_OWNER_TASK:
      table = e->task_class->params;
      n = e->task_class->n_params;
      break;
    case MDK_PARAM_OWNER_ALGORITHM:
      table = e->optimizer_class->params;
      n = e->optimizer_class->n_params;
      break;
    case MDK_PARAM_OWNER_OBJECTIVE:
      table = mdk_novelty_param_table;
      n = MDK_NOVELTY_N_PARAMS;
      break;
    case MDK_PARAM_OWNER_STOP:
    default:
      table = mdk_stop_param_table;
      n = MDK_STOP_N_PARAMS;
      break;
    }
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (table[i].group, group) == 0 &&
        mdk_session_param_locked_reason (self, owner, table[i].id) == NULL)
      {
        g_autofree char *def = NULL;
        if (table[i].type == MDK_PARAM_STRING)
          def = g_strdup (table[i].def_str ? table[i].def_str : "");
        else if (table[i].type == MDK_PARAM_CHOICE)
          def = g_strdup (table[i].choices[(int) table[i].def].id);
        else if (table[i].type == MDK_PARAM_BOOL)
          def = g_strdup (table[i].def != 0 ? "true" : "false");
        else
          {
            char buf[G_ASCII_DTOSTR_BUF_SIZE];
            def = g_strdup (table[i].type == MDK_PARAM_INT
                            ? g_ascii_dtostr (buf, sizeof buf, (int) table[i].def)
                            : mdk_format_double (buf, sizeof buf, table[i].def));
          }
        mdk_session_set_param (self, owner, table[i].id, def, NULL);
      }
}

void
mdk_session_set_seed (MdkSession *self,
                      guint64     seed)
{
  g_return_if_fail (MDK_IS_SESSION (self));
  if (self->state != MDK_SESSION_IDLE)
    return;
  self->experiment->seed = seed;
  g_signal_emit (self, signals[EXPERIMENT_CHANGED], 0);
}

void
mdk_session_set_threads (MdkSession *self,
                         guint       threads)
{
  g_return_if_fail (MDK_IS_SESSION (self));
  if (self->state != MDK_SESSION_IDLE)
    return;
  self->experiment->threads = threads;
  g_signal_emit (self, signals[EXPERIMENT_CHANGED], 0);
}

static gboolean
ensure_runner (MdkSession  *self,
               GError     **error)
{
  if (self->runner != NULL)
    return TRUE;
  self->runner = mdk_runner_new (self->experiment, NULL, on_report, self, error);
  if (self->runner == NULL)
    return FALSE;
  mdk_runner_set_interactive (self->runner, self->interactive);
  mdk_history_clear (self->history);
  self->rate = 0;
  self->rate_evals = 0;
  self->rate_seconds = 0;
  return TRUE;
}

gboolean
mdk_session_run (MdkSession  *self,
                 GError     **error)
{
  g_return_val_if_fail (MDK_IS_SESSION (self), FALSE);
  if (!ensure_runner (self, error))
    return FALSE;
  mdk_runner_run (self->runner);
  set_state (self, MDK_SESSION_RUNNING);
  return TRUE;
}

void
mdk_session_pause (MdkSession *self)
{
  g_return_if_fail (MDK_IS_SESSION (self));
  if (self->runner == NULL || self->state != MDK_SESSION_RUNNING)
    return;
  mdk_runner_pause (self->runner);
  set_state (self, MDK_SESSION_PAUSED);
}

gboolean
mdk_session_step (MdkSession  *self,
                  GError     **error)
{
  g_return_val_if_fail (MDK_IS_SESSION (self), FALSE);
  if (!ensure_runner (self, error))
    return FALSE;
  mdk_runner_step (self->runner);
  set_state (self, MDK_SESSION_PAUSED);
  return TRUE;
}

/* The whole run as a run-state document, taken between generations without
 * stopping it; before the first run, the experiment at generation 0. */
JsonNode *
mdk_session_snapshot (MdkSession  *self,
                      GError     **error)
{
  g_autoptr(MdkRun) run = NULL;

  g_return_val_if_fail (MDK_IS_SESSION (self), NULL);
  if (self->runner != NULL)
    return mdk_runner_snapshot (self->runner, error);
  run = mdk_run_new (self->experiment, error);
  return run != NULL ? mdk_run_state_save (run) : NULL;
}

/* The same without waiting for the generation being evaluated: @func gets
 * the snapshot in the runner's thread (see mdk_runner_snapshot_async ()),
 * or at once before the first run. */
void
mdk_session_snapshot_async (MdkSession      *self,
                            MdkSnapshotFunc  func,
                            gpointer         user_data)
{
  g_autoptr(GError) error = NULL;
  JsonNode *state;

  g_return_if_fail (MDK_IS_SESSION (self));
  if (self->runner != NULL)
    {
      mdk_runner_snapshot_async (self->runner, func, user_data);
      return;
    }
  state = mdk_session_snapshot (self, &error);
  func (state, error, user_data);
}

/* Continues @run (taken over), e.g. one loaded from a project: its
 * experiment replaces the designer's, its history fills the plots, and it
 * waits paused.  A run at generation 0 is just its experiment. */
void
mdk_session_load_run (MdkSession *self,
                      MdkRun     *run)
{
  GArray *rows;

  g_return_if_fail (MDK_IS_SESSION (self));
  g_clear_pointer (&self->runner, mdk_runner_free);
  g_clear_pointer (&self->report, mdk_report_unref);
  mdk_experiment_free (self->experiment);
  self->experiment = mdk_experiment_copy (mdk_run_get_experiment (run));
  mdk_history_clear (self->history);
  /* Until the run goes on, the rate its speed chart ends on. */
  rows = mdk_run_get_history (run);
  self->rate = rows->len > 0 ? mdk_history_plot_rate_at ((const MdkGenerationStats *) rows->data, rows->len - 1) : 0;
  if (!isfinite (self->rate))
    self->rate = 0;
  self->rate_evals = mdk_run_get_evaluations (run);
  self->rate_seconds = mdk_run_get_seconds (run);
  if (mdk_run_get_generation (run) == 0)
    {
      mdk_run_free (run);
      set_state (self, MDK_SESSION_IDLE);
    }
  else
    {
      self->runner = mdk_runner_new_for_run (run, NULL, on_report, self);
      mdk_runner_set_interactive (self->runner, self->interactive);
      set_state (self, MDK_SESSION_PAUSED);
    }
  notify_numbers (self);
  g_signal_emit (self, signals[EXPERIMENT_CHANGED], 0);
}

void
mdk_session_reset (MdkSession *self)
{
  g_return_if_fail (MDK_IS_SESSION (self));
  g_clear_pointer (&self->runner, mdk_runner_free);
  g_clear_pointer (&self->report, mdk_report_unref);
  mdk_history_clear (self->history);
  self->rate = 0;
  set_state (self, MDK_SESSION_IDLE);
  notify_numbers (self);
  g_signal_emit (self, signals[EXPERIMENT_CHANGED], 0);
}

static gboolean
queue_genome (MdkSession           *self,
              gboolean              seed,
              const MdkNeatGenome  *genome,
              GError              **error)
{
  gboolean created = self->runner == NULL;
  gboolean ok;

  if (!ensure_runner (self, error))
    return FALSE;
  ok = seed ? mdk_runner_seed_population (self->runner, genome, error)
            : mdk_runner_insert_genome (self->runner, genome, error);
  if (!ok)
    {
      /* A refused genome leaves an idle session idle. */
      if (created)
        g_clear_pointer (&self->runner, mdk_runner_free);
      return FALSE;
    }
  if (created)
    set_state (self, MDK_SESSION_PAUSED);
  return TRUE;
}

/* A copy of @genome replaces one genome of the next generation. */
gboolean
mdk_session_insert_genome (MdkSession           *self,
                           const MdkNeatGenome  *genome,
                           GError              **error)
{
  g_return_val_if_fail (MDK_IS_SESSION (self), FALSE);
  g_return_val_if_fail (genome != NULL, FALSE);
  return queue_genome (self, FALSE, genome, error);
}

/* The next generation becomes copies of @genome, mutated but for one. */
gboolean
mdk_session_seed_population (MdkSession           *self,
                             const MdkNeatGenome  *genome,
                             GError              **error)
{
  g_return_val_if_fail (MDK_IS_SESSION (self), FALSE);
  g_return_val_if_fail (genome != NULL, FALSE);
  return queue_genome (self, TRUE, genome, error);
}

MdkNeatInnovation *
mdk_session_get_innovation (MdkSession *self)
{
  g_return_val_if_fail (MDK_IS_SESSION (self), NULL);
  return self->runner ? mdk_runner_get_innovation (self->runner) : NULL;
}

MdkSessionState
mdk_session_get_state (MdkSession *self)
{
  g_return_val_if_fail (MDK_IS_SESSION (self), MDK_SESSION_IDLE);
  return self->state;
}

MdkHistory *
mdk_session_get_history (MdkSession *self)
{
  g_return_val_if_fail (MDK_IS_SESSION (self), NULL);
  return self->history;
}

MdkReport *
mdk_session_get_report (MdkSession *self)
{
  g_return_val_if_fail (MDK_IS_SESSION (self), NULL);
  return self->report;
}

MdkTask *
mdk_session_get_task (MdkSession *self)
{
  g_return_val_if_fail (MDK_IS_SESSION (self), NULL);
  return self->runner ? mdk_runner_get_task (self->runner) : NULL;
}

MdkLineage *
mdk_session_get_lineage (MdkSession *self)
{
  g_return_val_if_fail (MDK_IS_SESSION (self), NULL);
  return self->runner ? mdk_runner_get_lineage (self->runner) : NULL;
}

/* Interactive evolution: each generation waits for the person's choice
 * (mdk_session_choose) instead of the task's fitness.  Refused while a
 * generation is waiting. */
gboolean
mdk_session_set_interactive (MdkSession *self,
                             gboolean    interactive)
{
  g_return_val_if_fail (MDK_IS_SESSION (self), FALSE);
  if (self->runner != NULL && !mdk_runner_set_interactive (self->runner, interactive))
    return FALSE;
  self->interactive = interactive;
  g_signal_emit (self, signals[EXPERIMENT_CHANGED], 0);
  return TRUE;
}

gboolean
mdk_session_get_interactive (MdkSession *self)
{
  g_return_val_if_fail (MDK_IS_SESSION (self), FALSE);
  return self->interactive;
}

/* The chosen candidates of the waiting generation (indices into the last
 * report's candidates) breed the next one: fitness 1 for them, 0 for the
 * others. */
gboolean
mdk_session_choose (MdkSession   *self,
                    const guint  *chosen,
                    guint         n_chosen,
                    GError      **error)
{
  g_autofree double *fitness = NULL;
  guint n;

  g_return_val_if_fail (MDK_IS_SESSION (self), FALSE);
  if (self->runner == NULL || self->report == NULL || self->report->candidates == NULL)
    {
      g_set_error_literal (error, MDK_PARAM_ERROR, MDK_PARAM_ERROR_INVALID,
                           _("There is no generation waiting for a choice"));
      return FALSE;
    }
  if (n_chosen == 0)
    {
      g_set_error_literal (error, MDK_PARAM_ERROR, MDK_PARAM_ERROR_INVALID,
                           _("Choose at least one network to breed from"));
      return FALSE;
    }
  n = self->report->candidates->len;
  fitness = g_new0 (double, n);
  for (guint i = 0; i < n_chosen; i++)
    if (chosen[i] < n)
      fitness[chosen[i]] = 1.0;
  return mdk_runner_choose (self->runner, fitness, n, error);
}
