/* Evolution throughput with the studio window open and plots live, against
 * the same experiment headless (what medaka-cli does), alternating, median
 * of five.  Both sides do the same number of evaluations (networks grow
 * during a run, so a time limit would compare different work).  Runs of
 * several seconds, as a person watches a run, not one second of a window
 * still warming up.  Run under Xvfb:
 *   xvfb-run -a build/tests/bench-window [EVALUATIONS]
 */
#include "config.h"

#include <locale.h>
#include <stdlib.h>

#include "mdk-application.h"
#include "mdk-run.h"
#include "mdk-ui-pace.h"
#include "mdk-window.h"

static double
headless_rate (const MdkExperiment *experiment)
{
  g_autoptr(MdkRun) run = mdk_run_new (experiment, NULL);

  while (mdk_run_step (run) == NULL)
    ;
  return mdk_run_get_evaluations (run) / mdk_run_get_seconds (run);
}

static gboolean
finished (MdkSession *session)
{
  return mdk_session_get_state (session) == MDK_SESSION_FINISHED;
}

static void
set_true (gpointer data)
{
  *(gboolean *) data = TRUE;
}

/* The studio's own share of the CPU time during the last window run, and
 * the frames it drew per second. */
static double ui_share, frame_rate;

static void
count_frame (GdkFrameClock *clock,
             guint         *frames)
{
  (*frames)++;
}

static double
window_rate (double evaluations)
{
  double run0 = 0, ui0 = 0, run1 = 0, ui1 = 0;
  MdkWindow *window = mdk_window_new (NULL);
  MdkSession *session = mdk_window_get_session (window);
  MdkReport *report;
  g_autofree char *limit = g_strdup_printf ("%.0f", evaluations);
  double rate;

  gtk_window_set_default_size (GTK_WINDOW (window), 1440, 900);
  gtk_window_present (GTK_WINDOW (window));
  /* As a person does: Run on a window already on screen, not one still
   * realizing and drawing its first frames. */
  while (!gtk_widget_get_mapped (GTK_WIDGET (window)))
    g_main_context_iteration (NULL, TRUE);
  {
    gboolean drawn = FALSE;
    g_timeout_add_once (1000, set_true, &drawn);

    while (!drawn)
      g_main_context_iteration (NULL, TRUE);
  }
  mdk_session_set_param (session, MDK_PARAM_OWNER_STOP, "max_generations", "0", NULL);
  mdk_session_set_param (session, MDK_PARAM_OWNER_STOP, "max_evaluations", limit, NULL);
  mdk_session_set_param (session, MDK_PARAM_OWNER_STOP, "stop_on_solved", "false", NULL);
  guint frames = 0;
  gulong paint = g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "paint",
                                   G_CALLBACK (count_frame), &frames);
  gint64 start = g_get_monotonic_time ();

  mdk_ui_pace_read_cpu (&run0, &ui0);
  mdk_session_run (session, NULL);
  while (!finished (session))
    g_main_context_iteration (NULL, TRUE);
  mdk_ui_pace_read_cpu (&run1, &ui1);
  frame_rate = frames / ((g_get_monotonic_time () - start) / 1e6);
  g_signal_handler_disconnect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), paint);
  ui_share = (ui1 - ui0) / MAX (1e-9, (ui1 - ui0) + (run1 - run0));
  report = mdk_session_get_report (session);
  /* The run's own clock: evolution time, as medaka-cli reports it. */
  rate = report->evaluations / report->seconds;
  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  return rate;
}

static int
compare (const void *a,
         const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

int
main (int    argc,
      char **argv)
{
  double evaluations = argc > 1 ? g_ascii_strtod (argv[1], NULL) : 100000;
  g_autoptr(MdkExperiment) experiment = mdk_experiment_new_default ();
  double cli[15], gui[15];
  guint rounds = 5;

  setlocale (LC_ALL, "");
  if (!gtk_init_check ())
    {
      g_printerr ("bench-window: no display (run it under xvfb-run)\n");
      return 77;
    }
  mdk_resources_register ();
  experiment->stop.max_generations = 0;
  experiment->stop.max_evaluations = evaluations;
  experiment->stop.stop_on_solved = FALSE;

  /* "window" as the second argument: only the window runs, for profiling. */
  if (argc > 2 && g_str_equal (argv[2], "window"))
    {
      double rate = window_rate (evaluations);

      g_print ("window: %.0f evaluations/s, the studio took %.1f %% of the CPU time, %.1f frames/s\n", rate,
               100 * ui_share, frame_rate);
      return 0;
    }
  for (guint i = 0; i < rounds; i++)
    {
      cli[i] = headless_rate (experiment);
      gui[i] = window_rate (evaluations);
      g_print ("round %u: headless %.0f evaluations/s, window %.0f evaluations/s (studio %.1f %% of the CPU, %.1f frames/s)\n",
               i + 1, cli[i], gui[i], 100 * ui_share, frame_rate);
    }
  qsort (cli, rounds, sizeof (double), compare);
  qsort (gui, rounds, sizeof (double), compare);
  g_print ("default experiment, %.0f evaluations, %u threads\n", evaluations, g_get_num_processors ());
  g_print ("median headless: %.0f evaluations/s\n", cli[rounds / 2]);
  g_print ("median window:   %.0f evaluations/s\n", gui[rounds / 2]);
  g_print ("ratio: %.1f %%\n", 100.0 * gui[rounds / 2] / cli[rounds / 2]);
  return 0;
}
