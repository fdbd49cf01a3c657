/* The studio's refresh pacing (ui/mdk-ui-pace.c): the control law, and the
 * split of CPU time between the run's threads and the others. */
#include "config.h"

#include <time.h>

#include "mdk-ui-pace.h"

static void
test_law (void)
{
  double budget = MDK_UI_PACE_BUDGET;

  /* Cores to spare: no slowing down, whatever the UI costs. */
  g_assert_cmpfloat_with_epsilon (mdk_ui_pace_next_scale (4.0, 0.5, FALSE), 3.2, 1e-12);
  g_assert_cmpfloat (mdk_ui_pace_next_scale (1.0, 0.5, FALSE), ==, 1.0);
  /* Over budget: towards it, at most doubling, never beyond the maximum. */
  g_assert_cmpfloat_with_epsilon (mdk_ui_pace_next_scale (1.0, 1.5 * budget, TRUE), 1.5, 1e-12);
  g_assert_cmpfloat (mdk_ui_pace_next_scale (1.0, 10 * budget, TRUE), ==, 2.0);
  g_assert_cmpfloat (mdk_ui_pace_next_scale (6.0, 10 * budget, TRUE), ==, MDK_UI_PACE_MAX_SCALE);
  /* Within budget: kept; well within: relaxed. */
  g_assert_cmpfloat (mdk_ui_pace_next_scale (3.0, 0.75 * budget, TRUE), ==, 3.0);
  g_assert_cmpfloat_with_epsilon (mdk_ui_pace_next_scale (3.0, 0.1 * budget, TRUE), 2.4, 1e-12);
}

static double
thread_cpu (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Spins until this thread has used @seconds of CPU. */
static void
spin (double seconds)
{
  double start = thread_cpu ();
  volatile double x = 0;

  while (thread_cpu () - start < seconds)
    for (int i = 0; i < 10000; i++)
      x += i;
}

static gpointer
eval_thread (gpointer data)
{
  (void) data;
  spin (0.3);
  return NULL;
}

static void
test_split (void)
{
  double run0, ui0, run1, ui1, run2, ui2;
  GThread *thread;

  if (!mdk_ui_pace_read_cpu (&run0, &ui0))
    {
      g_test_skip ("no /proc/self/task on this system");
      return;
    }
  /* A thread named like the evaluator's counts as the run's while alive. */
  thread = g_thread_new ("medaka-eval", eval_thread, NULL);
  while (TRUE)
    {
      g_assert_true (mdk_ui_pace_read_cpu (&run1, &ui1));
      if (run1 - run0 >= 0.25)
        break;
    }
  g_thread_join (thread);
  g_assert_cmpfloat (run1 - run0, >=, 0.25);

  /* This thread's work counts as the UI's. */
  g_assert_true (mdk_ui_pace_read_cpu (&run1, &ui1));
  spin (0.3);
  g_assert_true (mdk_ui_pace_read_cpu (&run2, &ui2));
  g_assert_cmpfloat (ui2 - ui1, >=, 0.25);
  g_assert_cmpfloat (run2, <=, run1 + 0.02);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ui/pace/law", test_law);
  g_test_add_func ("/ui/pace/split", test_split);
  return g_test_run ();
}
