/* The runner thread: commands, coalesced reports in the main thread. */
#include "config.h"

#include <math.h>

#include "mdk-neat.h"
#include "mdk-runner.h"
#include "mdk-run-state.h"

typedef struct
{
  GThread       *main_thread;
  guint          n_reports;
  guint          next_row;       /* rows must arrive without gaps */
  MdkReport     *last;
  gboolean       saw_trace;
  gboolean       saw_species;
} Fixture;

static void
on_report (MdkReport *report,
           gpointer   user_data)
{
  Fixture *f = user_data;

  /* Delivered in the thread that runs the main context, never the worker. */
  g_assert_true (g_thread_self () == f->main_thread);
  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  g_assert_cmpuint (report->first_row, ==, f->next_row);
  for (guint i = 0; i < report->rows->len; i++)
    g_assert_cmpuint (g_array_index (report->rows, MdkGenerationStats, i).generation, ==,
                      report->first_row + i);
  f->next_row = report->first_row + report->rows->len;
  g_assert_cmpuint (f->next_row, ==, report->generation);
  if (report->trace != NULL)
    f->saw_trace = TRUE;
  if (report->species != NULL && report->species->len > 0)
    {
      f->saw_species = TRUE;
      g_assert_nonnull (report->genomes);
      g_assert_cmpuint (report->genomes->len, ==, 150);
    }
  f->n_reports++;
  g_clear_pointer (&f->last, mdk_report_unref);
  f->last = mdk_report_ref (report);
}

static void
iterate_until (Fixture  *f,
               gboolean (*done) (Fixture *f, gpointer data),
               gpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!done (f, data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

static gboolean
reached_generation (Fixture *f,
                    gpointer data)
{
  return f->last != NULL && f->last->generation >= GPOINTER_TO_UINT (data);
}

static gboolean
is_finished (Fixture *f,
             gpointer data)
{
  return f->last != NULL && f->last->state == MDK_RUNNER_FINISHED;
}

static void
test_run_pause_step (void)
{
  Fixture f = { .main_thread = g_thread_self () };
  g_autoptr(MdkExperiment) e = mdk_experiment_new (&mdk_task_classify_class, &mdk_neat_class);
  g_autoptr(GError) error = NULL;
  MdkRunner *runner;
  guint paused_at;

  e->stop.max_generations = 0;
  e->threads = 2;
  runner = mdk_runner_new (e, NULL, on_report, &f, &error);
  g_assert_no_error (error);
  g_assert_cmpint (mdk_runner_get_state (runner), ==, MDK_RUNNER_PAUSED);

  /* Paused: nothing happens. */
  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (f.n_reports, ==, 0);

  /* Step: exactly one generation, with details. */
  mdk_runner_step (runner);
  iterate_until (&f, reached_generation, GUINT_TO_POINTER (1));
  g_assert_cmpuint (f.last->generation, ==, 1);
  g_assert_cmpint (f.last->state, ==, MDK_RUNNER_PAUSED);
  g_assert_true (f.saw_trace);
  g_assert_true (f.saw_species);
  g_assert_cmpint (f.last->trace->kind, ==, MDK_TRACE_DECISION_GRID);
  g_assert_nonnull (f.last->champion);

  /* Run, then pause: it stops within a generation and stays put. */
  mdk_runner_run (runner);
  iterate_until (&f, reached_generation, GUINT_TO_POINTER (10));
  mdk_runner_pause (runner);
  g_assert_cmpint (mdk_runner_get_state (runner), ==, MDK_RUNNER_PAUSED);
  /* Drain what was in flight (deliveries may be up to 50 ms apart). */
  for (guint i = 0; i < 20; i++)
    {
      g_usleep (10000);
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }
  paused_at = f.last->generation;
  /* At rest, the last report carries the details of that generation,
   * even when the last running one did not. */
  g_assert_cmpint (f.last->state, ==, MDK_RUNNER_PAUSED);
  g_assert_nonnull (f.last->species);
  g_assert_nonnull (f.last->trace);
  g_assert_nonnull (f.last->champion);
  for (guint i = 0; i < 20; i++)
    {
      g_usleep (10000);
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }
  g_assert_cmpuint (f.last->generation, ==, paused_at);

  mdk_runner_step (runner);
  iterate_until (&f, reached_generation, GUINT_TO_POINTER (paused_at + 1));
  g_assert_cmpuint (f.last->generation, ==, paused_at + 1);

  /* Freeing a running runner stops it cleanly. */
  mdk_runner_run (runner);
  iterate_until (&f, reached_generation, GUINT_TO_POINTER (paused_at + 3));
  mdk_runner_free (runner);
  g_clear_pointer (&f.last, mdk_report_unref);
}

static void
test_stop_and_live_params (void)
{
  Fixture f = { .main_thread = g_thread_self () };
  g_autoptr(MdkExperiment) e = mdk_experiment_new (&mdk_task_xor_class, &mdk_neat_class);
  g_autoptr(GError) error = NULL;
  g_autoptr(MdkRunner) runner = NULL;
  MdkNeatParams params;
  MdkStopParams stop;

  e->stop.max_generations = 5;
  e->stop.stop_on_solved = FALSE;
  e->threads = 1;
  runner = mdk_runner_new (e, NULL, on_report, &f, &error);
  mdk_runner_run (runner);
  iterate_until (&f, is_finished, NULL);
  g_assert_cmpuint (f.last->generation, ==, 5);
  g_assert_cmpstr (f.last->stop_reason, ==, "generation limit reached");

  /* A non-live parameter is refused, a live one accepted. */
  params = *(MdkNeatParams *) mdk_runner_get_experiment (runner)->optimizer_params;
  params.population_size = 10;
  g_assert_false (mdk_runner_set_params (runner, &params, NULL, &error));
  g_assert_error (error, MDK_PARAM_ERROR, MDK_PARAM_ERROR_INVALID);
  g_clear_error (&error);
  params.population_size = 150;
  params.add_node_rate = 0.2;
  g_assert_true (mdk_runner_set_params (runner, &params, NULL, &error));
  g_assert_no_error (error);

  /* Raising the limit lets the run go on. */
  stop = mdk_runner_get_experiment (runner)->stop;
  stop.max_generations = 8;
  g_assert_true (mdk_runner_set_params (runner, NULL, &stop, &error));
  mdk_runner_run (runner);
  iterate_until (&f, reached_generation, GUINT_TO_POINTER (8));
  iterate_until (&f, is_finished, NULL);
  g_assert_cmpuint (f.last->generation, ==, 8);
  g_clear_pointer (&f.last, mdk_report_unref);
}

static gboolean
same_genes (const MdkNeatGenome *a,
            const MdkNeatGenome *b)
{
  if (a->n_nodes != b->n_nodes || a->n_conns != b->n_conns)
    return FALSE;
  for (guint i = 0; i < a->n_nodes; i++)
    if (a->nodes[i].id != b->nodes[i].id || a->nodes[i].activation != b->nodes[i].activation ||
        a->nodes[i].bias != b->nodes[i].bias)
      return FALSE;
  for (guint i = 0; i < a->n_conns; i++)
    if (a->conns[i].innovation != b->conns[i].innovation || a->conns[i].in != b->conns[i].in ||
        a->conns[i].out != b->conns[i].out || a->conns[i].enabled != b->conns[i].enabled ||
        a->conns[i].weight != b->conns[i].weight)
      return FALSE;
  return TRUE;
}

/* An XOR network as an editor would build it: one hidden node, new numbers
 * from the run's tracker. */
static MdkNeatGenome *
edited_xor (MdkNeatInnovation *tracker)
{
  MdkNeatGenome *g = mdk_neat_genome_new (2, 1);
  guint32 hidden = mdk_neat_innovation_new_node (tracker);

  mdk_neat_genome_insert_node (g, hidden, MDK_NEAT_NODE_HIDDEN, MDK_ACTIVATION_TANH, 0.0);
  mdk_neat_genome_insert_conn (g, 0, hidden, mdk_neat_innovation_connection (tracker, 0, hidden),
                               0.875, TRUE);
  mdk_neat_genome_insert_conn (g, 1, hidden, mdk_neat_innovation_connection (tracker, 1, hidden),
                               -0.625, TRUE);
  mdk_neat_genome_insert_conn (g, hidden, 3, mdk_neat_innovation_connection (tracker, hidden, 3),
                               1.5, TRUE);
  return g;
}

static guint
count_in_report (MdkReport           *report,
                 const MdkNeatGenome *genome,
                 guint               *same_structure)
{
  guint same = 0, shaped = 0;

  g_assert_nonnull (report->genomes);
  for (guint i = 0; i < report->genomes->len; i++)
    {
      const MdkNeatGenome *g = report->genomes->pdata[i];
      gboolean structure = g->n_conns == genome->n_conns && g->n_nodes == genome->n_nodes;

      for (guint k = 0; structure && k < g->n_conns; k++)
        structure = g->conns[k].innovation == genome->conns[k].innovation;
      shaped += structure ? 1 : 0;
      if (same_genes (g, genome))
        {
          same++;
          g_assert_cmpint (g->origin, ==, MDK_NEAT_ORIGIN_EDITED);
          g_assert_true (g->fitness_valid);
        }
    }
  if (same_structure != NULL)
    *same_structure = shaped;
  return same;
}

static void
test_insert_and_seed (void)
{
  Fixture f = { .main_thread = g_thread_self () };
  g_autoptr(MdkExperiment) e = mdk_experiment_new (&mdk_task_xor_class, &mdk_neat_class);
  g_autoptr(GError) error = NULL;
  g_autoptr(MdkRunner) runner = NULL;
  g_autoptr(MdkNeatGenome) genome = NULL;
  g_autoptr(MdkNeatGenome) wrong = mdk_neat_genome_new (3, 1);
  g_autoptr(MdkNeatGenome) cyclic = NULL;
  MdkNeatInnovation *tracker;
  guint shaped = 0;

  e->stop.max_generations = 0;
  e->stop.stop_on_solved = FALSE;
  e->threads = 2;
  runner = mdk_runner_new (e, NULL, on_report, &f, &error);
  g_assert_no_error (error);
  tracker = mdk_runner_get_innovation (runner);
  g_assert_nonnull (tracker);

  mdk_runner_step (runner);
  iterate_until (&f, reached_generation, GUINT_TO_POINTER (1));
  genome = edited_xor (tracker);

  /* Refused in the caller's thread: the wrong shape, a cycle. */
  g_assert_false (mdk_runner_insert_genome (runner, wrong, &error));
  g_assert_error (error, MDK_NEAT_GENOME_ERROR, MDK_NEAT_GENOME_ERROR_INVALID);
  g_clear_error (&error);
  cyclic = mdk_neat_genome_copy (genome);
  mdk_neat_genome_insert_conn (cyclic, 3, genome->nodes[4].id,
                               mdk_neat_innovation_connection (tracker, 3, genome->nodes[4].id),
                               1.0, TRUE);
  g_assert_false (mdk_runner_seed_population (runner, cyclic, &error));
  g_assert_error (error, MDK_NEAT_GENOME_ERROR, MDK_NEAT_GENOME_ERROR_INVALID);
  g_clear_error (&error);

  /* Insert: the next step evaluates it. */
  g_assert_cmpuint (count_in_report (f.last, genome, NULL), ==, 0);
  g_assert_true (mdk_runner_insert_genome (runner, genome, &error));
  g_assert_no_error (error);
  g_assert_cmpint (mdk_runner_get_state (runner), ==, MDK_RUNNER_PAUSED);
  mdk_runner_step (runner);
  iterate_until (&f, reached_generation, GUINT_TO_POINTER (2));
  g_assert_cmpuint (f.last->genomes->len, ==, 150);
  g_assert_cmpuint (count_in_report (f.last, genome, NULL), ==, 1);

  /* Seed: the whole next generation shares its structure, one exact copy. */
  g_assert_true (mdk_runner_seed_population (runner, genome, &error));
  g_assert_no_error (error);
  mdk_runner_step (runner);
  iterate_until (&f, reached_generation, GUINT_TO_POINTER (3));
  g_assert_cmpuint (count_in_report (f.last, genome, &shaped), ==, 1);
  g_assert_cmpuint (shaped, ==, 150);
  g_assert_cmpint (f.last->state, ==, MDK_RUNNER_PAUSED);
  g_clear_pointer (&f.last, mdk_report_unref);
}

/* The editor numbers new structure from the UI thread while the worker
 * mutates with the same tracker. */
static void
test_innovation_threads (void)
{
  Fixture f = { .main_thread = g_thread_self () };
  g_autoptr(MdkExperiment) e = mdk_experiment_new (&mdk_task_xor_class, &mdk_neat_class);
  g_autoptr(GError) error = NULL;
  MdkNeatParams *params;
  MdkRunner *runner;
  MdkNeatInnovation *tracker;
  guint32 last = 0;
  guint calls = 0;

  params = e->optimizer_params;
  params->add_connection_rate = 0.5;
  params->add_node_rate = 0.3;
  e->stop.max_generations = 0;
  e->stop.stop_on_solved = FALSE;
  e->threads = 2;
  runner = mdk_runner_new (e, NULL, on_report, &f, &error);
  g_assert_no_error (error);
  tracker = mdk_runner_get_innovation (runner);
  mdk_runner_run (runner);

  while (f.last == NULL || f.last->generation < 30)
    {
      /* Node ids far above the run's, each pair new: numbers only grow. */
      for (guint i = 0; i < 200; i++)
        {
          guint32 n = mdk_neat_innovation_connection (tracker, 1000000 + calls, 3);
          guint32 node, a, b;

          g_assert_cmpuint (n, >, last);
          last = n;
          mdk_neat_innovation_split (tracker, n, &node, &a, &b);
          g_assert_cmpuint (a, >, n);
          g_assert_cmpuint (b, ==, a + 1);
          last = b;
          g_assert_cmpuint (mdk_neat_innovation_peek_next (tracker), >, last);
          calls++;
        }
      if (calls % 2000 == 0)
        {
          g_autoptr(MdkNeatGenome) g = edited_xor (tracker);
          last = mdk_neat_innovation_peek_next (tracker) - 1;
          g_assert_true (mdk_runner_insert_genome (runner, g, &error));
          g_assert_no_error (error);
        }
      g_main_context_iteration (NULL, FALSE);
    }
  g_test_message ("%u editor calls during 30 generations", calls);
  mdk_runner_free (runner);
  g_clear_pointer (&f.last, mdk_report_unref);
}

static gboolean
has_candidates (Fixture *f,
                gpointer data)
{
  return f->last != NULL && f->last->candidates != NULL &&
         f->last->generation == GPOINTER_TO_UINT (data);
}

/* Interactive evolution: each generation is shown as candidates with their
 * traces; the person's choice is the fitness. */
static void
test_interactive (void)
{
  Fixture f = { .main_thread = g_thread_self () };
  g_autoptr(MdkExperiment) e = mdk_experiment_new (&mdk_task_classify_class, &mdk_neat_class);
  g_autoptr(GError) error = NULL;
  g_autoptr(MdkRunner) runner = NULL;
  g_autofree double *fitness = NULL;
  guint n;

  e->threads = 1;
  e->stop.max_generations = 0;
  runner = mdk_runner_new (e, NULL, on_report, &f, &error);
  g_assert_true (mdk_runner_set_interactive (runner, TRUE));
  mdk_runner_step (runner);
  iterate_until (&f, has_candidates, GUINT_TO_POINTER (0));
  n = f.last->candidates->len;
  g_assert_cmpuint (n, ==, 150);
  g_assert_cmpuint (f.last->candidate_traces->len, ==, n);
  g_assert_cmpint (f.last->state, ==, MDK_RUNNER_WAITING);
  g_assert_cmpint (((MdkTrace *) f.last->candidate_traces->pdata[0])->kind, ==, MDK_TRACE_DECISION_GRID);
  g_assert_true (mdk_runner_is_awaiting (runner));
  /* Nothing happens until the person chooses. */
  for (guint i = 0; i < 10; i++)
    {
      g_usleep (10000);
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }
  g_assert_cmpuint (f.last->generation, ==, 0);

  /* A choice of the wrong size is refused. */
  fitness = g_new0 (double, n);
  g_assert_false (mdk_runner_choose (runner, fitness, n - 1, &error));
  g_assert_error (error, MDK_PARAM_ERROR, MDK_PARAM_ERROR_INVALID);
  g_clear_error (&error);
  /* Switching mode while candidates are shown is refused too. */
  g_assert_false (mdk_runner_set_interactive (runner, FALSE));

  fitness[3] = fitness[7] = 1.0;
  g_assert_true (mdk_runner_choose (runner, fitness, n, &error));
  g_assert_no_error (error);
  /* The generation ends with that fitness, and the next one is shown. */
  iterate_until (&f, has_candidates, GUINT_TO_POINTER (1));
  g_assert_cmpuint (f.next_row, ==, 1);
  g_assert_cmpfloat (f.last->champion_result.fitness, ==, 1.0);
  g_clear_pointer (&f.last, mdk_report_unref);
}

/* A snapshot taken while the run goes on resumes exactly: the resumed run
 * and a straight run agree generation for generation. */
static void
test_snapshot_while_running (void)
{
  Fixture f = { .main_thread = g_thread_self () };
  g_autoptr(MdkExperiment) e = mdk_experiment_new (&mdk_task_xor_class, &mdk_neat_class);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) first = NULL, second = NULL;
  g_autoptr(MdkRun) resumed = NULL, straight = NULL;
  g_autofree char *champion_resumed = NULL, *champion_straight = NULL;
  MdkRunner *runner;
  guint at, first_at;

  e->stop.max_generations = 0;
  e->stop.stop_on_solved = FALSE;
  e->threads = 2;
  runner = mdk_runner_new (e, NULL, on_report, &f, &error);
  g_assert_no_error (error);
  mdk_runner_run (runner);
  iterate_until (&f, reached_generation, GUINT_TO_POINTER (3));

  first = mdk_runner_snapshot (runner, &error);
  g_assert_no_error (error);
  g_assert_nonnull (first);
  /* It did not stop the run. */
  g_assert_cmpint (mdk_runner_get_state (runner), ==, MDK_RUNNER_RUNNING);
  first_at = json_object_get_int_member (json_node_get_object (first), "generation");
  iterate_until (&f, reached_generation, GUINT_TO_POINTER (first_at + 3));
  second = mdk_runner_snapshot (runner, &error);
  g_assert_no_error (error);
  mdk_runner_free (runner);
  g_clear_pointer (&f.last, mdk_report_unref);

  resumed = mdk_run_state_load (first, &error);
  g_assert_no_error (error);
  at = json_object_get_int_member (json_node_get_object (second), "generation");
  g_assert_cmpuint (at, >, first_at);
  straight = mdk_run_state_load (second, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mdk_run_get_generation (resumed), ==, first_at);
  while (mdk_run_get_generation (resumed) < at + 2)
    mdk_run_step (resumed);
  mdk_run_step (straight);
  mdk_run_step (straight);
  g_assert_cmpuint (mdk_run_get_history (resumed)->len, ==, mdk_run_get_history (straight)->len);
  for (guint i = 0; i < mdk_run_get_history (resumed)->len; i++)
    g_assert_true (mdk_stats_same_outcome (&g_array_index (mdk_run_get_history (resumed), MdkGenerationStats, i),
                                           &g_array_index (mdk_run_get_history (straight), MdkGenerationStats, i)));
  champion_resumed = mdk_run_champion_to_json (resumed);
  champion_straight = mdk_run_champion_to_json (straight);
  g_assert_cmpstr (champion_resumed, ==, champion_straight);
}

typedef struct
{
  GMutex    lock;
  GCond     cond;
  gboolean  answered;
  JsonNode *node;
  GError   *error;
  GThread  *thread;
} Answer;

static void
on_snapshot (JsonNode     *node,
             const GError *error,
             gpointer      data)
{
  Answer *answer = data;

  g_mutex_lock (&answer->lock);
  answer->node = node;
  answer->error = error != NULL ? g_error_copy (error) : NULL;
  answer->thread = g_thread_self ();
  answer->answered = TRUE;
  g_cond_signal (&answer->cond);
  g_mutex_unlock (&answer->lock);
}

static void
wait_answer (Answer *answer)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  g_mutex_lock (&answer->lock);
  while (!answer->answered)
    g_assert_true (g_cond_wait_until (&answer->cond, &answer->lock, deadline));
  g_mutex_unlock (&answer->lock);
}

/* The snapshot without waiting: asked for, the caller goes on, and the
 * worker hands it over from its own thread between generations; a runner
 * freed first answers with the reason. */
static void
test_snapshot_async (void)
{
  Fixture f = { .main_thread = g_thread_self () };
  g_autoptr(MdkExperiment) e = mdk_experiment_new (&mdk_task_xor_class, &mdk_neat_class);
  g_autoptr(GError) error = NULL;
  Answer answer = { 0 };
  MdkRunner *runner;
  guint at;

  e->stop.max_generations = 0;
  e->stop.stop_on_solved = FALSE;
  runner = mdk_runner_new (e, NULL, on_report, &f, &error);
  g_assert_no_error (error);
  mdk_runner_run (runner);
  iterate_until (&f, reached_generation, GUINT_TO_POINTER (2));
  mdk_runner_snapshot_async (runner, on_snapshot, &answer);
  wait_answer (&answer);
  g_assert_no_error (answer.error);
  g_assert_nonnull (answer.node);
  g_assert_true (answer.thread != g_thread_self ());
  at = json_object_get_int_member (json_node_get_object (answer.node), "generation");
  g_assert_cmpuint (at, >=, 2);
  g_assert_cmpint (mdk_runner_get_state (runner), ==, MDK_RUNNER_RUNNING);
  {
    g_autoptr(MdkRun) run = mdk_run_state_load (answer.node, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (mdk_run_get_generation (run), ==, at);
  }
  json_node_unref (answer.node);

  /* A request is always answered by the time the runner is freed: by the
   * worker, or else in the freeing thread with the reason. */
  answer = (Answer) { 0 };
  mdk_runner_pause (runner);
  g_mutex_lock (&answer.lock);
  mdk_runner_snapshot_async (runner, on_snapshot, &answer);
  g_mutex_unlock (&answer.lock);
  mdk_runner_free (runner);
  g_clear_pointer (&f.last, mdk_report_unref);
  g_assert_true (answer.answered);
  if (answer.node != NULL)
    json_node_unref (answer.node);   /* the worker was quicker */
  else
    {
      g_assert_error (answer.error, G_IO_ERROR, G_IO_ERROR_BUSY);
      g_assert_true (answer.thread == g_thread_self ());
    }
  g_clear_error (&answer.error);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/runner/run-pause-step", test_run_pause_step);
  g_test_add_func ("/core/runner/stop-and-live-params", test_stop_and_live_params);
  g_test_add_func ("/core/runner/insert-and-seed", test_insert_and_seed);
  g_test_add_func ("/core/runner/innovation-threads", test_innovation_threads);
  g_test_add_func ("/core/runner/interactive", test_interactive);
  g_test_add_func ("/core/runner/snapshot-while-running", test_snapshot_while_running);
  g_test_add_func ("/core/runner/snapshot-async", test_snapshot_async);
  return g_test_run ();
}
