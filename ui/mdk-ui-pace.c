/* mdk-ui-pace.c: refresh pacing from the threads' CPU time (mdk-ui-pace.h) */
#include "config.h"

#include "mdk-ui-pace.h"

#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

void
mdk_ui_pace_init (MdkUiPace *pace)
{
  memset (pace, 0, sizeof *pace);
  pace->scale = 1.0;
}

double
mdk_ui_pace_next_scale (double   scale,
                        double   ui_share,
                        gboolean saturated)
{
  if (!saturated || ui_share < MDK_UI_PACE_BUDGET / 2)
    /* Spare cores, or well within budget: back towards full liveliness. */
    scale *= 0.8;
  else if (ui_share > MDK_UI_PACE_BUDGET)
    /* The UI's cost falls about as 1/scale: step to the budget, at most
     * doubling at a time so one slow frame does not freeze the views. */
    scale *= MIN (2.0, ui_share / MDK_UI_PACE_BUDGET);
  return CLAMP (scale, 1.0, MDK_UI_PACE_MAX_SCALE);
}

#ifdef __linux__
/* utime + stime of one thread, and whether it is one of the run's. */
static gboolean
read_thread (const char *stat_path,
             double     *seconds,
             gboolean   *is_run)
{
  g_autofree char *text = NULL;
  const char *open_paren, *close_paren, *rest;
  unsigned long utime = 0, stime = 0;

  if (!g_file_get_contents (stat_path, &text, NULL, NULL))
    return FALSE;   /* the thread has just ended */
  /* "tid (comm) state ppid …": comm may hold spaces and parentheses. */
  open_paren = strchr (text, '(');
  close_paren = strrchr (text, ')');
  if (open_paren == NULL || close_paren == NULL || close_paren < open_paren)
    return FALSE;
  *is_run = g_str_has_prefix (open_paren + 1, "medaka-runner") ||
            g_str_has_prefix (open_paren + 1, "medaka-eval");
  /* After the state: fields 4 … 13, then utime (14) and stime (15). */
  rest = close_paren + 2;
  if (sscanf (rest, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &utime, &stime) != 2)
    return FALSE;
  *seconds = (double) (utime + stime) / sysconf (_SC_CLK_TCK);
  return TRUE;
}
#endif

gboolean
mdk_ui_pace_read_cpu (double *run_seconds,
                      double *ui_seconds)
{
#ifdef __linux__
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/task", 0, NULL);
  struct rusage usage;
  const char *name;
  double run = 0.0, total;

  if (dir == NULL || getrusage (RUSAGE_SELF, &usage) != 0)
    return FALSE;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename ("/proc/self/task", name, "stat", NULL);
      double seconds;
      gboolean is_run;

      if (read_thread (path, &seconds, &is_run) && is_run)
        run += seconds;
    }
  /* The process total also holds threads that have ended. */
  total = usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
          usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
  *run_seconds = run;
  *ui_seconds = MAX (0.0, total - run);
  return TRUE;
#else
  (void) run_seconds;
  (void) ui_seconds;
  return FALSE;
#endif
}

double
mdk_ui_pace_update (MdkUiPace *pace)
{
  gint64 now = g_get_monotonic_time ();
  double run, ui, d_run, d_ui, wall;

  if (!mdk_ui_pace_read_cpu (&run, &ui))
    return pace->scale;
  if (pace->valid && now > pace->wall)
    {
      d_run = MAX (0.0, run - pace->run_seconds);
      d_ui = MAX (0.0, ui - pace->ui_seconds);
      wall = (now - pace->wall) / (double) G_USEC_PER_SEC;
      pace->ui_share = d_run + d_ui > 0 ? d_ui / (d_run + d_ui) : 0.0;
      pace->scale = mdk_ui_pace_next_scale (pace->scale, pace->ui_share,
                                            d_run + d_ui >= 0.8 * wall * g_get_num_processors ());
    }
  pace->valid = TRUE;
  pace->wall = now;
  pace->run_seconds = run;
  pace->ui_seconds = ui;
  return pace->scale;
}
