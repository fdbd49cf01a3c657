/* Evolution throughput with the studio window open and plots live, against
 * the same experiment headless (what medaka-cli does), alternating, median
 * of seven.  Run under Xvfb:
 *   xvfb-run -a build/tests/bench-window [GENERATIONS]
 */
#include "config.h"

#include <locale.h>
#include <stdlib.h>

#include "mdk-application.h"
#include "mdk-run.h"
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

static double
window_rate (guint generations)
{
  MdkWindow *window = mdk_window_new (NULL);
  MdkSession *session = mdk_window_get_session (window);
  MdkReport *report;
  g_autofree char *limit = g_strdup_printf ("%u", generations);
  double rate;

  gtk_window_set_default_size (GTK_WINDOW (window), 1440, 900);
  gtk_window_present (GTK_WINDOW (window));
  /* As a person does: Run on a window already on screen, not one still
   * realizing and drawing its first frames. */
  while (!gtk_widget_get_mapped (GTK_WIDGET (window)) ||
         gdk_frame_clock_get_frame_counter (gtk_widget_get_frame_clock (GTK_WIDGET (window))) < 3)
    g_main_context_iteration (NULL, TRUE);
  mdk_session_set_param (session, MDK_PARAM_OWNER_STOP, "max_generations", limit, NULL);
  mdk_session_set_param (session, MDK_PARAM_OWNER_STOP, "stop_on_solved", "false", NULL);
  mdk_session_run (session, NULL);
  while (!finished (session))
    g_main_context_iteration (NULL, TRUE);
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
  guint generations = argc > 1 ? (guint) atoi (argv[1]) : 300;
  g_autoptr(MdkExperiment) experiment = mdk_experiment_new_default ();
  double cli[15], gui[15];
  guint rounds = 7;

  setlocale (LC_ALL, "");
  if (!gtk_init_check ())
    {
      g_printerr ("bench-window: no display (run it under xvfb-run)\n");
      return 77;
    }
  mdk_resources_register ();
  experiment->stop.max_generations = generations;
  experiment->stop.stop_on_solved = FALSE;

  /* "window" as the second argument: only the window runs, for profiling. */
  if (argc > 2 && g_str_equal (argv[2], "window"))
    {
      g_print ("window: %.0f evaluations/s\n", window_rate (generations));
      return 0;
    }
  for (guint i = 0; i < rounds; i++)
    {
      cli[i] = headless_rate (experiment);
      gui[i] = window_rate (generations);
      g_print ("round %u: headless %.0f evaluations/s, window %.0f evaluations/s\n", i + 1, cli[i], gui[i]);
    }
  qsort (cli, rounds, sizeof (double), compare);
  qsort (gui, rounds, sizeof (double), compare);
  g_print ("default experiment, %u generations, %u threads\n", generations, g_get_num_processors ());
  g_print ("median headless: %.0f evaluations/s\n", cli[rounds / 2]);
  g_print ("median window:   %.0f evaluations/s\n", gui[rounds / 2]);
  g_print ("ratio: %.1f %%\n", 100.0 * gui[rounds / 2] / cli[rounds / 2]);
  return 0;
}
