/* The runner thread: commands, coalesced reports in the main thread. */
#include "config.h"

#include <math.h>

#include "mdk-neat.h"
#include "mdk-runner.h"

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

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/runner/run-pause-step", test_run_pause_step);
  g_test_add_func ("/core/runner/stop-and-live-params", test_stop_and_live_params);
  return g_test_run ();
}
