#define G_LOG_DOMAIN "medaka-core"

#include "config.h"

#include "mdk-runner.h"
#include "mdk-run-state.h"

#include "mdk-lineage.h"
#include "mdk-neat.h"

#include <glib/gi18n-lib.h>

/* Traces and population copies cost more than a small generation, so they
 * are made at most this often (and always when the run stops). */
#define DETAIL_INTERVAL_US 50000
/* Reports reach the UI at most this often while running: every delivery
 * costs the UI thread work that would otherwise go to evaluation. */
#define DELIVERY_INTERVAL_US 50000
/* Copies of at most this many genomes go into a report. */
#define MAX_REPORT_GENOMES 1000
/* Behaviour descriptors are a few numbers each: the whole of any
 * reasonable population. */
#define MAX_REPORT_BEHAVIOURS 100000

/* A genome to put into the population between generations. */
typedef struct
{
  gboolean       seed;        /* seed the whole population, else insert one */
  MdkNeatGenome *genome;      /* owned copy */
} GenomeCommand;

static void
genome_command_free (gpointer data)
{
  GenomeCommand *cmd = data;

  mdk_neat_genome_free (cmd->genome);
  g_free (cmd);
}

typedef struct
{
  MdkSnapshotFunc func;
  gpointer        user_data;
} SnapshotRequest;

/* Without the lock: the request's function gets @node, or why there is none. */
static void
answer_snapshot (SnapshotRequest *request,
                 JsonNode        *node,
                 const char      *why_not)
{
  g_autoptr(GError) error = NULL;

  if (node == NULL)
    error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_BUSY, why_not);
  request->func (node, error, request->user_data);
  g_free (request);
}

#define CANDIDATES_WAIT N_("The run cannot be saved while candidates wait for your choice; choose first")

struct _MdkRunner
{
  MdkRun            *run;        /* worker-owned while the thread lives */
  MdkExperiment     *experiment; /* the UI's read-only copy */
  GMainContext      *context;
  MdkReportFunc      func;
  gpointer           user_data;
  GThread           *thread;
  MdkNetwork        *trace_net;
  /* The champion's trace, kept while the champion stays: a pole-balancing
   * trace runs up to 725,000 steps. */
  MdkTrace          *champion_trace;
  gconstpointer      traced_champion;
  guint              traced_generation;
  MdkLineage        *lineage;
  MdkNeatInnovation *tracker;    /* NEAT's own, thread-safe; NULL for others */

  GMutex             lock;
  GCond              wake;
  gboolean           quit;
  MdkRunnerState     state;
  guint              steps;       /* generations still to do while paused */
  gpointer           new_params;  /* optimizer params to apply, or NULL */
  gboolean           has_new_stop;
  MdkStopParams      new_stop;
  GQueue             genome_commands; /* GenomeCommand*, applied in order */
  MdkReport         *pending;     /* the report waiting for the UI */
  gboolean           interactive; /* the person chooses: see mdk_runner_choose () */
  gboolean           awaiting;    /* candidates shown, no choice yet */
  gboolean           auto_next;   /* after a choice, show the next generation */
  double            *choice;      /* fitness of the candidates, when chosen */
  guint              n_choice;
  guint              n_candidates;
  MdkReport         *latest;      /* the last report made */
  gboolean           snapshot_wanted; /* see mdk_runner_snapshot () */
  gboolean           rest_report_wanted; /* paused: see the worker */
  JsonNode          *snapshot;
  GCond              snapshot_done;
  GQueue             snapshot_requests; /* SnapshotRequest*, see mdk_runner_snapshot_async () */
  guint              idle_id;
  gint64             last_delivery;
  guint              rows_sent;   /* history rows already in a report */
  gint64             last_detail;
};

MdkReport *
mdk_report_ref (MdkReport *report)
{
  g_atomic_int_inc (&report->ref_count);
  return report;
}

void
mdk_report_unref (MdkReport *report)
{
  if (report == NULL || !g_atomic_int_dec_and_test (&report->ref_count))
    return;
  if (report->champion != NULL)
    report->klass->free_genome (report->champion);
  if (report->species != NULL)
    {
      for (guint i = 0; i < report->species->len; i++)
        {
          MdkReportSpecies *s = &g_array_index (report->species, MdkReportSpecies, i);
          if (s->info.champion != NULL)
            report->klass->free_genome ((gpointer) s->info.champion);
        }
      g_array_unref (report->species);
    }
  if (report->genomes != NULL)
    g_ptr_array_unref (report->genomes);
  if (report->candidates != NULL)
    g_ptr_array_unref (report->candidates);
  if (report->candidate_traces != NULL)
    g_ptr_array_unref (report->candidate_traces);
  g_clear_pointer (&report->trace, mdk_trace_unref);
  g_clear_pointer (&report->archive, g_array_unref);
  g_clear_pointer (&report->map, mdk_elite_map_unref);
  g_clear_pointer (&report->behaviours, g_array_unref);
  g_array_unref (report->rows);
  g_clear_pointer (&report->row_species, g_ptr_array_unref);
  g_free (report);
}

/* Novelty search's archive and MAP-Elites' map, for the behaviour views. */
static void
add_search_maps (MdkReport *r,
                 MdkRun    *run)
{
  MdkOptimizer *opt = mdk_run_get_optimizer (run);
  MdkNovelty *novelty = mdk_run_get_novelty (run);

  if (novelty != NULL)
    {
      guint n;
      const double *points = mdk_novelty_get_archive (novelty, &n);

      r->archive_dims = mdk_novelty_get_dims (novelty);
      r->archive = g_array_sized_new (FALSE, FALSE, sizeof (double), n * r->archive_dims);
      g_array_append_vals (r->archive, points, n * r->archive_dims);
    }
  if (opt->klass->dup_map != NULL)
    r->map = opt->klass->dup_map (opt);
}

/* The last generation's behaviour descriptors, for the views that show
 * where each genome went (the maze's end points). */
static void
add_behaviours (MdkReport    *r,
                const MdkRun *run)
{
  guint n, dim = mdk_run_get_task (run)->n_behaviour;
  const MdkEvalResult *results = mdk_run_get_last_results (run, &n);

  if (dim == 0 || results == NULL)
    return;
  n = MIN (n, MAX_REPORT_BEHAVIOURS);
  r->n_behaviour = dim;
  r->behaviours = g_array_sized_new (FALSE, FALSE, sizeof (double), n * dim);
  for (guint i = 0; i < n; i++)
    g_array_append_vals (r->behaviours, results[i].behaviour, dim);
}

/* Copies of everything the views need, made in the worker thread. */
static MdkReport *
make_report (MdkRunner *self,
             gboolean   details)
{
  MdkRun *run = self->run;
  MdkOptimizer *opt = mdk_run_get_optimizer (run);
  const MdkOptimizerClass *klass = opt->klass;
  GArray *history = mdk_run_get_history (run);
  MdkReport *r = g_new0 (MdkReport, 1);
  gconstpointer champion;

  r->ref_count = 1;
  r->klass = klass;
  r->generation = mdk_run_get_generation (run);
  r->evaluations = mdk_run_get_evaluations (run);
  r->seconds = mdk_run_get_seconds (run);
  r->stop_reason = mdk_run_get_stop_reason (run);
  r->solved = mdk_run_is_solved (run, &r->solved_evaluations, &r->solved_generation);
  r->first_row = self->rows_sent;
  r->rows = g_array_new (FALSE, FALSE, sizeof (MdkGenerationStats));
  r->row_species = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  if (history->len > self->rows_sent)
    g_array_append_vals (r->rows, &g_array_index (history, MdkGenerationStats, self->rows_sent),
                         history->len - self->rows_sent);
  for (guint g = self->rows_sent; g < history->len; g++)
    {
      guint n;
      const MdkSpeciesSample *samples = mdk_run_get_species_sizes (run, g, &n);
      GArray *copy = g_array_sized_new (FALSE, FALSE, sizeof (MdkSpeciesSample), n);

      g_array_append_vals (copy, samples, n);
      g_ptr_array_add (r->row_species, copy);
    }
  self->rows_sent = history->len;

  champion = mdk_run_get_champion (run, &r->champion_result, &r->champion_generation);
  if (champion != NULL)
    r->champion = klass->dup_genome (opt, champion);

  if (details && champion != NULL)
    {
      GArray *species = klass->get_species ? klass->get_species (opt) : NULL;
      gconstpointer *genomes = NULL;
      guint n = klass->get_evaluated ? klass->get_evaluated (opt, &genomes) : 0;

      if (self->champion_trace == NULL || champion != self->traced_champion ||
          r->champion_generation != self->traced_generation)
        {
          mdk_optimizer_decode (opt, champion, self->trace_net);
          g_clear_pointer (&self->champion_trace, mdk_trace_unref);
          self->champion_trace = mdk_task_trace (mdk_run_get_task (run), self->trace_net);
          self->traced_champion = champion;
          self->traced_generation = r->champion_generation;
        }
      r->trace = self->champion_trace ? mdk_trace_ref (self->champion_trace) : NULL;

      r->species = g_array_new (FALSE, TRUE, sizeof (MdkReportSpecies));
      for (guint i = 0; species != NULL && i < species->len; i++)
        {
          MdkReportSpecies s = { g_array_index (species, MdkSpeciesInfo, i) };
          s.info.champion = s.info.champion ? klass->dup_genome (opt, s.info.champion) : NULL;
          g_array_append_val (r->species, s);
        }
      r->genomes = g_ptr_array_new_with_free_func (klass->free_genome);
      for (guint i = 0; i < n && i < MAX_REPORT_GENOMES; i++)
        g_ptr_array_add (r->genomes, klass->dup_genome (opt, genomes[i]));
      add_search_maps (r, run);
      add_behaviours (r, run);
    }
  return r;
}

/* Carries rows over from a report the UI has not taken yet. */
static void
merge_pending (MdkReport *older,
               MdkReport *newer)
{
  GArray *rows = g_array_sized_new (FALSE, FALSE, sizeof (MdkGenerationStats),
                                    older->rows->len + newer->rows->len);

  g_array_append_vals (rows, older->rows->data, older->rows->len);
  g_array_append_vals (rows, newer->rows->data, newer->rows->len);
  g_array_unref (newer->rows);
  newer->rows = rows;
  newer->first_row = older->first_row;
  /* The older rows' species go first, in the same order. */
  g_ptr_array_extend_and_steal (older->row_species, g_steal_pointer (&newer->row_species));
  newer->row_species = g_steal_pointer (&older->row_species);
  older->row_species = g_ptr_array_new ();
  /* Keep the older details when the newer report has none. */
  if (newer->trace == NULL && older->trace != NULL)
    newer->trace = mdk_trace_ref (older->trace);
  if (newer->archive == NULL && older->archive != NULL)
    {
      newer->archive_dims = older->archive_dims;
      newer->archive = g_steal_pointer (&older->archive);
    }
  if (newer->map == NULL && older->map != NULL)
    newer->map = g_steal_pointer (&older->map);
  if (newer->species == NULL && older->species != NULL)
    {
      newer->species = older->species;
      older->species = NULL;
      newer->genomes = older->genomes;
      older->genomes = NULL;
      newer->n_behaviour = older->n_behaviour;
      newer->behaviours = g_steal_pointer (&older->behaviours);
    }
}

static gboolean
deliver (gpointer data)
{
  MdkRunner *self = data;
  MdkReport *report;

  g_mutex_lock (&self->lock);
  report = g_steal_pointer (&self->pending);
  self->idle_id = 0;
  self->last_delivery = g_get_monotonic_time ();
  g_mutex_unlock (&self->lock);

  if (report != NULL)
    {
      self->func (report, self->user_data);
      mdk_report_unref (report);
    }
  return G_SOURCE_REMOVE;
}

/* Called with the lock held. */
static void
publish (MdkRunner *self,
         MdkReport *report)
{
  if (self->pending != NULL)
    {
      merge_pending (self->pending, report);
      mdk_report_unref (self->pending);
    }
  self->pending = report;
  g_clear_pointer (&self->latest, mdk_report_unref);
  self->latest = mdk_report_ref (report);
  if (self->idle_id == 0 && self->func != NULL)
    {
      gint64 wait = self->last_delivery + DELIVERY_INTERVAL_US - g_get_monotonic_time ();
      /* At rest (paused, stepped, finished) the report goes at once. */
      GSource *source = report->state == MDK_RUNNER_RUNNING && wait > 0
                        ? g_timeout_source_new ((guint) (wait / 1000) + 1)
                        : g_idle_source_new ();
      g_source_set_priority (source, G_PRIORITY_DEFAULT);
      g_source_set_callback (source, deliver, self, NULL);
      self->idle_id = g_source_attach (source, self->context);
      g_source_unref (source);
    }
}

/* Called with the lock held: is there anything for the worker to do? */
static gboolean
has_work (MdkRunner *self)
{
  if (self->snapshot_wanted || self->rest_report_wanted || !g_queue_is_empty (&self->snapshot_requests))
    return TRUE;
  if (self->new_params != NULL || self->has_new_stop ||
      (!self->awaiting && !g_queue_is_empty (&self->genome_commands)))
    return TRUE;
  if (self->awaiting)
    return self->choice != NULL;
  if (self->interactive)
    return self->state == MDK_RUNNER_RUNNING || self->steps > 0 || self->auto_next;
  return self->state == MDK_RUNNER_RUNNING || self->steps > 0;
}

/* Interactive evolution, with the lock held: either show the next
 * generation's candidates, or end the generation with the person's choice
 * and show the next one. */
static void
interactive_turn (MdkRunner *self)
{
  MdkReport *report;
  const char *reason;

  if (self->awaiting)
    {
      g_autofree double *fitness = NULL;
      guint n;

      if (self->choice == NULL)
        return;
      fitness = g_steal_pointer (&self->choice);
      n = self->n_choice;
      g_mutex_unlock (&self->lock);
      reason = mdk_run_interactive_finish (self->run, fitness, n);
      g_mutex_lock (&self->lock);
      self->awaiting = FALSE;
      self->auto_next = reason == NULL && self->interactive;
      if (reason != NULL)
        self->state = MDK_RUNNER_FINISHED;
      else if (self->state == MDK_RUNNER_FINISHED)
        self->state = MDK_RUNNER_PAUSED;
      g_mutex_unlock (&self->lock);
      report = make_report (self, TRUE);
      g_mutex_lock (&self->lock);
      report->state = self->state;
      self->last_detail = g_get_monotonic_time ();
      publish (self, report);
      return;
    }

  if (!(self->state == MDK_RUNNER_RUNNING || self->steps > 0 || self->auto_next))
    return;
  if (self->steps > 0)
    self->steps--;
  self->auto_next = FALSE;
  g_mutex_unlock (&self->lock);
  {
    MdkOptimizer *opt = mdk_run_get_optimizer (self->run);
    gconstpointer *genomes = NULL;
    guint n = mdk_run_interactive_begin (self->run, &genomes);

    report = make_report (self, TRUE);
    report->candidates = g_ptr_array_new_with_free_func (opt->klass->free_genome);
    report->candidate_traces = g_ptr_array_new_with_free_func ((GDestroyNotify) mdk_trace_unref);
    for (guint i = 0; i < n; i++)
      {
        g_ptr_array_add (report->candidates, opt->klass->dup_genome (opt, genomes[i]));
        mdk_optimizer_decode (opt, genomes[i], self->trace_net);
        g_ptr_array_add (report->candidate_traces, mdk_task_trace (mdk_run_get_task (self->run),
                                                                   self->trace_net));
      }
    g_mutex_lock (&self->lock);
    self->awaiting = TRUE;
    self->n_candidates = n;
    report->state = MDK_RUNNER_WAITING;
    publish (self, report);
  }
}

static gpointer
worker (gpointer data)
{
  MdkRunner *self = data;

  g_mutex_lock (&self->lock);
  for (;;)
    {
      const char *reason;
      gboolean details;
      gint64 now;
      MdkReport *report;
      MdkRunnerState state;

      while (!self->quit && !has_work (self))
        g_cond_wait (&self->wake, &self->lock);
      if (self->quit)
        break;

      /* Commands take effect between generations. */
      if (self->new_params != NULL)
        {
          MdkOptimizer *opt = mdk_run_get_optimizer (self->run);
          g_autoptr(GError) error = NULL;
          if (!opt->klass->set_params (opt, self->new_params, &error))
            g_warning ("Parameters refused between generations: %s", error->message);
          mdk_optimizer_params_free (opt->klass, self->new_params);
          self->new_params = NULL;
        }
      if (self->has_new_stop)
        {
          mdk_run_set_stop (self->run, &self->new_stop);
          self->has_new_stop = FALSE;
        }
      /* Not while candidates are shown: they are that generation. */
      while (!self->awaiting && !g_queue_is_empty (&self->genome_commands))
        {
          GenomeCommand *cmd = g_queue_pop_head (&self->genome_commands);
          MdkOptimizer *opt = mdk_run_get_optimizer (self->run);
          g_autoptr(GError) error = NULL;
          gboolean ok = cmd->seed ? mdk_neat_seed_population (opt, cmd->genome, &error)
                                  : mdk_neat_insert_genome (opt, cmd->genome, &error);
          /* The caller's thread checked the genome already. */
          if (!ok)
            g_warning ("Genome refused between generations: %s", error->message);
          genome_command_free (cmd);
        }
      /* After the queued commands, so the snapshot is where the next
       * generation starts. */
      if (self->snapshot_wanted)
        {
          JsonNode *node = NULL;

          if (!self->awaiting)
            {
              g_mutex_unlock (&self->lock);
              node = mdk_run_state_save (self->run);
              g_mutex_lock (&self->lock);
            }
          self->snapshot = node;
          self->snapshot_wanted = FALSE;
          g_cond_broadcast (&self->snapshot_done);
        }
      while (!g_queue_is_empty (&self->snapshot_requests))
        {
          SnapshotRequest *request = g_queue_pop_head (&self->snapshot_requests);
          gboolean awaiting = self->awaiting;

          g_mutex_unlock (&self->lock);
          answer_snapshot (request, awaiting ? NULL : mdk_run_state_save (self->run), _(CANDIDATES_WAIT));
          g_mutex_lock (&self->lock);
        }
      /* Paused between generations: a report at rest, with the champion
       * and species of the generation the views show, which the last
       * running report may have left out. */
      if (self->rest_report_wanted)
        {
          self->rest_report_wanted = FALSE;
          if (!self->awaiting && self->state != MDK_RUNNER_RUNNING && self->steps == 0 &&
              self->latest != NULL)
            {
              state = self->state;
              g_mutex_unlock (&self->lock);
              report = make_report (self, TRUE);
              report->state = state;
              g_mutex_lock (&self->lock);
              publish (self, report);
              continue;
            }
        }
      if (self->interactive || self->awaiting)
        {
          interactive_turn (self);
          continue;
        }
      if (self->state != MDK_RUNNER_RUNNING && self->steps == 0)
        continue;
      if (self->steps > 0)
        self->steps--;
      g_mutex_unlock (&self->lock);

      reason = mdk_run_step (self->run);
      now = g_get_monotonic_time ();

      g_mutex_lock (&self->lock);
      if (reason != NULL && self->state == MDK_RUNNER_RUNNING)
        self->state = MDK_RUNNER_FINISHED;
      state = self->state;
      /* Details when the run rests, else at most every DETAIL_INTERVAL_US. */
      details = state != MDK_RUNNER_RUNNING || self->steps > 0 ||
                now - self->last_detail >= DETAIL_INTERVAL_US;
      g_mutex_unlock (&self->lock);

      if (details)
        self->last_detail = now;
      report = make_report (self, details);
      report->state = state;

      g_mutex_lock (&self->lock);
      publish (self, report);
    }
  g_mutex_unlock (&self->lock);
  return NULL;
}

MdkRunner *
mdk_runner_new (const MdkExperiment  *experiment,
                GMainContext         *context,
                MdkReportFunc         func,
                gpointer              user_data,
                GError              **error)
{
  MdkRun *run = mdk_run_new (experiment, error);

  if (run == NULL)
    return NULL;
  return mdk_runner_new_for_run (run, context, func, user_data);
}

/* Takes over @run, e.g. one loaded from a project (mdk_run_state_load ()),
 * paused.  A run that has generations behind it reports them at once, so
 * the views show its history before it goes on. */
MdkRunner *
mdk_runner_new_for_run (MdkRun        *run,
                        GMainContext  *context,
                        MdkReportFunc  func,
                        gpointer       user_data)
{
  const MdkExperiment *experiment = mdk_run_get_experiment (run);
  MdkRunner *self = g_new0 (MdkRunner, 1);

  self->run = run;
  self->experiment = mdk_experiment_copy (experiment);
  self->context = context ? g_main_context_ref (context) : g_main_context_ref_thread_default ();
  self->func = func;
  self->user_data = user_data;
  self->state = MDK_RUNNER_PAUSED;
  self->trace_net = mdk_network_new ();
  /* The run records every evaluated genome there (a loaded run brings the
   * records its population descends from). */
  if (mdk_run_get_lineage (run) == NULL)
    {
      g_autoptr(MdkLineage) lineage = mdk_lineage_new (MDK_LINEAGE_DEFAULT_RECORDS);
      mdk_run_set_lineage (run, lineage);
    }
  self->lineage = mdk_lineage_ref (mdk_run_get_lineage (run));
  if (experiment->optimizer_class == &mdk_neat_class)
    self->tracker = mdk_neat_get_innovation (mdk_run_get_optimizer (run));
  g_queue_init (&self->genome_commands);
  g_queue_init (&self->snapshot_requests);
  g_mutex_init (&self->lock);
  g_cond_init (&self->wake);
  g_cond_init (&self->snapshot_done);
  if (mdk_run_get_generation (run) > 0)
    {
      MdkReport *report = make_report (self, TRUE);

      report->state = MDK_RUNNER_PAUSED;
      g_mutex_lock (&self->lock);
      publish (self, report);
      g_mutex_unlock (&self->lock);
    }
  self->thread = g_thread_new ("medaka-runner", worker, self);
  return self;
}

/* Stops the worker after its current generation; undelivered reports are
 * dropped, so no callback runs after this returns. */
void
mdk_runner_free (MdkRunner *self)
{
  if (self == NULL)
    return;
  g_mutex_lock (&self->lock);
  self->quit = TRUE;
  g_cond_signal (&self->wake);
  g_mutex_unlock (&self->lock);
  g_thread_join (self->thread);
  /* Requests the worker did not get to, answered here. */
  while (!g_queue_is_empty (&self->snapshot_requests))
    answer_snapshot (g_queue_pop_head (&self->snapshot_requests), NULL,
                     _("The run stopped before it could be saved"));

  if (self->idle_id != 0)
    {
      GSource *source = g_main_context_find_source_by_id (self->context, self->idle_id);
      if (source != NULL)
        g_source_destroy (source);
    }
  g_clear_pointer (&self->pending, mdk_report_unref);
  g_clear_pointer (&self->latest, mdk_report_unref);
  g_free (self->choice);
  if (self->new_params != NULL)
    mdk_optimizer_params_free (self->experiment->optimizer_class, self->new_params);
  g_queue_clear_full (&self->genome_commands, genome_command_free);
  mdk_run_free (self->run);
  mdk_experiment_free (self->experiment);
  mdk_network_free (self->trace_net);
  g_clear_pointer (&self->champion_trace, mdk_trace_unref);
  mdk_lineage_unref (self->lineage);
  g_main_context_unref (self->context);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->wake);
  g_cond_clear (&self->snapshot_done);
  g_free (self);
}

/* The whole run as a run-state document (mdk_run_state_save ()), taken by
 * the worker between generations without stopping a running run: waits at
 * most for the generation being evaluated.  Refused while interactive
 * candidates are shown, as that generation is half done. */
JsonNode *
mdk_runner_snapshot (MdkRunner  *self,
                     GError    **error)
{
  JsonNode *node;

  g_mutex_lock (&self->lock);
  if (!self->awaiting)
    {
      self->snapshot_wanted = TRUE;
      g_cond_signal (&self->wake);
      while (self->snapshot_wanted)
        g_cond_wait (&self->snapshot_done, &self->lock);
    }
  node = g_steal_pointer (&self->snapshot);
  g_mutex_unlock (&self->lock);
  if (node == NULL)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_BUSY, _(CANDIDATES_WAIT));
  return node;
}

/**
 * mdk_runner_snapshot_async:
 *
 * The same without waiting: the worker takes the snapshot between two
 * generations and calls @func with it (taken over) in its own thread, so
 * @func must be thread-safe and quick (hand the work on).  Without a
 * snapshot (candidates waiting for a choice, or the runner freed first)
 * @func gets NULL and the reason; freeing the runner calls it in the
 * freeing thread.
 */
void
mdk_runner_snapshot_async (MdkRunner       *self,
                           MdkSnapshotFunc  func,
                           gpointer         user_data)
{
  SnapshotRequest *request = g_new0 (SnapshotRequest, 1);

  g_return_if_fail (self != NULL);
  g_return_if_fail (func != NULL);
  request->func = func;
  request->user_data = user_data;
  g_mutex_lock (&self->lock);
  g_queue_push_tail (&self->snapshot_requests, request);
  g_cond_signal (&self->wake);
  g_mutex_unlock (&self->lock);
}

void
mdk_runner_run (MdkRunner *self)
{
  g_mutex_lock (&self->lock);
  self->state = MDK_RUNNER_RUNNING;
  g_cond_signal (&self->wake);
  g_mutex_unlock (&self->lock);
}

void
mdk_runner_pause (MdkRunner *self)
{
  g_mutex_lock (&self->lock);
  if (self->state == MDK_RUNNER_RUNNING)
    {
      self->state = MDK_RUNNER_PAUSED;
      self->rest_report_wanted = TRUE;
      g_cond_signal (&self->wake);
    }
  self->steps = 0;
  g_mutex_unlock (&self->lock);
}

/* One more generation, then paused (also after a stop condition). */
void
mdk_runner_step (MdkRunner *self)
{
  g_mutex_lock (&self->lock);
  self->state = MDK_RUNNER_PAUSED;
  self->steps++;
  g_cond_signal (&self->wake);
  g_mutex_unlock (&self->lock);
}

/* Live changes, applied before the next generation.  Parameters that may
 * not change during a run are refused here, in the caller's thread. */
gboolean
mdk_runner_set_params (MdkRunner            *self,
                       gconstpointer         optimizer_params,
                       const MdkStopParams  *stop,
                       GError              **error)
{
  const MdkOptimizerClass *klass = self->experiment->optimizer_class;

  if (optimizer_params != NULL)
    {
      if (!mdk_param_table_validate (klass->params, klass->n_params, optimizer_params, error))
        return FALSE;
      for (guint i = 0; i < klass->n_params; i++)
        {
          const MdkParamSpec *spec = &klass->params[i];
          g_autofree char *a = mdk_param_to_string (spec, optimizer_params);
          g_autofree char *b = mdk_param_to_string (spec, self->experiment->optimizer_params);
          if (!(spec->flags & MDK_PARAM_FLAG_LIVE) && g_strcmp0 (a, b) != 0)
            {
              g_set_error (error, MDK_PARAM_ERROR, MDK_PARAM_ERROR_INVALID,
                           "Parameter “%s” cannot change during a run", spec->id);
              return FALSE;
            }
        }
    }
  if (stop != NULL &&
      !mdk_param_table_validate (mdk_stop_param_table, MDK_STOP_N_PARAMS, stop, error))
    return FALSE;

  g_mutex_lock (&self->lock);
  if (optimizer_params != NULL)
    {
      if (self->new_params != NULL)
        mdk_optimizer_params_free (klass, self->new_params);
      self->new_params = mdk_optimizer_params_dup (klass, optimizer_params);
      mdk_param_table_copy (klass->params, klass->n_params, self->experiment->optimizer_params,
                            optimizer_params, klass->params_size);
    }
  if (stop != NULL)
    {
      self->new_stop = *stop;
      self->has_new_stop = TRUE;
      self->experiment->stop = *stop;
      /* A finished run may go on once its stop condition no longer holds. */
      if (self->state == MDK_RUNNER_FINISHED)
        self->state = MDK_RUNNER_PAUSED;
    }
  g_cond_signal (&self->wake);
  g_mutex_unlock (&self->lock);
  return TRUE;
}

static gboolean
queue_genome (MdkRunner            *self,
              gboolean              seed,
              const MdkNeatGenome  *genome,
              GError              **error)
{
  const MdkExperiment *e = self->experiment;
  MdkTask *task = mdk_run_get_task (self->run);
  GenomeCommand *cmd;

  if (e->optimizer_class != &mdk_neat_class)
    {
      g_set_error (error, MDK_NEAT_GENOME_ERROR, MDK_NEAT_GENOME_ERROR_INVALID,
                   _("Only a NEAT run can take a network into its population"));
      return FALSE;
    }
  /* The experiment's parameters are the caller's copy, kept in step with
   * the run's by set_params (). */
  if (!mdk_neat_check_genome (e->optimizer_params, task->n_inputs, task->n_outputs, genome, error))
    return FALSE;

  cmd = g_new0 (GenomeCommand, 1);
  cmd->seed = seed;
  cmd->genome = mdk_neat_genome_copy (genome);

  g_mutex_lock (&self->lock);
  g_queue_push_tail (&self->genome_commands, cmd);
  g_cond_signal (&self->wake);
  g_mutex_unlock (&self->lock);
  return TRUE;
}

/* A copy of @genome replaces one genome of the next generation (see
 * mdk_neat_insert_genome ()); a paused run applies it before its next step. */
gboolean
mdk_runner_insert_genome (MdkRunner            *self,
                          const MdkNeatGenome  *genome,
                          GError              **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (genome != NULL, FALSE);
  return queue_genome (self, FALSE, genome, error);
}

/* The next generation becomes copies of @genome (see
 * mdk_neat_seed_population ()). */
gboolean
mdk_runner_seed_population (MdkRunner            *self,
                            const MdkNeatGenome  *genome,
                            GError              **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (genome != NULL, FALSE);
  return queue_genome (self, TRUE, genome, error);
}

/* The run's innovation tracker, for giving edited structure its numbers; it
 * locks itself, so any thread may use it while the run goes on.  NULL when
 * the optimizer is not NEAT. */
MdkNeatInnovation *
mdk_runner_get_innovation (MdkRunner *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->tracker;
}

MdkRunnerState
mdk_runner_get_state (MdkRunner *self)
{
  MdkRunnerState state;

  g_mutex_lock (&self->lock);
  state = self->state;
  g_mutex_unlock (&self->lock);
  return state;
}

const MdkExperiment *
mdk_runner_get_experiment (MdkRunner *self)
{
  return self->experiment;
}

/* The task is immutable and refcounted, so the UI may read it. */
MdkTask *
mdk_runner_get_task (MdkRunner *self)
{
  return mdk_run_get_task (self->run);
}

/* The latest report made, delivered or not (NULL before the first). */
MdkReport *
mdk_runner_dup_report (MdkRunner *self)
{
  MdkReport *report;

  g_mutex_lock (&self->lock);
  report = self->latest ? mdk_report_ref (self->latest) : NULL;
  g_mutex_unlock (&self->lock);
  return report;
}

/* Thread-safe: the worker adds to it while the UI reads. */
MdkLineage *
mdk_runner_get_lineage (MdkRunner *self)
{
  return self->lineage;
}

/* Interactive evolution: the worker shows each generation as candidates
 * (MdkReport.candidates) and waits for mdk_runner_choose ().  Switching is
 * refused while candidates are shown. */
gboolean
mdk_runner_set_interactive (MdkRunner *self,
                            gboolean   interactive)
{
  gboolean ok;

  g_mutex_lock (&self->lock);
  ok = !self->awaiting;
  if (ok)
    self->interactive = interactive;
  g_cond_signal (&self->wake);
  g_mutex_unlock (&self->lock);
  return ok;
}

gboolean
mdk_runner_is_awaiting (MdkRunner *self)
{
  gboolean awaiting;

  g_mutex_lock (&self->lock);
  awaiting = self->awaiting;
  g_mutex_unlock (&self->lock);
  return awaiting;
}

/* The person's verdict on the shown candidates, one fitness each in their
 * order; the generation ends with it and the next one is shown. */
gboolean
mdk_runner_choose (MdkRunner     *self,
                   const double  *fitness,
                   guint          n,
                   GError       **error)
{
  gboolean ok = FALSE;

  g_mutex_lock (&self->lock);
  if (!self->awaiting || self->choice != NULL)
    g_set_error_literal (error, MDK_PARAM_ERROR, MDK_PARAM_ERROR_INVALID,
                         _("There is no generation waiting for a choice"));
  else if (n != self->n_candidates)
    g_set_error (error, MDK_PARAM_ERROR, MDK_PARAM_ERROR_INVALID,
                 _("The choice covers %u networks but the generation has %u"), n, self->n_candidates);
  else
    {
      self->choice = g_memdup2 (fitness, sizeof (double) * n);
      self->n_choice = n;
      ok = TRUE;
      g_cond_signal (&self->wake);
    }
  g_mutex_unlock (&self->lock);
  return ok;
}
