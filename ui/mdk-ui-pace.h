/* mdk-ui-pace.h: how often the studio may refresh while a run computes
 *
 * On a machine whose cores are all busy evaluating, every millisecond the
 * studio spends preparing plots and rendering frames is taken from
 * evolution (issue 3 asks the window to keep 90 % of headless speed).  The
 * pace measures the CPU time of the process's threads, split into the run's
 * (threads named "medaka-runner" and "medaka-eval") and everything else
 * (the UI thread, renderer threads, I/O), and turns it into a factor by
 * which live views stretch their refresh intervals: 1 while the UI costs
 * little or cores are idle, up to MDK_UI_PACE_MAX_SCALE when it costs more
 * than its budget.  Linux only (/proc); elsewhere the factor stays 1.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The UI's share of the CPU time used while the cores are saturated. */
#define MDK_UI_PACE_BUDGET 0.05
#define MDK_UI_PACE_MAX_SCALE 8.0

typedef struct
{
  gboolean valid;          /* a first sample was taken */
  gint64   wall;           /* monotonic µs of the last sample */
  double   run_seconds;    /* CPU time of the run's threads at the last sample */
  double   ui_seconds;     /* CPU time of the other threads */
  double   scale;          /* current factor, ≥ 1 */
  double   ui_share;       /* of the last interval, for benchmarks */
} MdkUiPace;

void     mdk_ui_pace_init       (MdkUiPace *pace);
/* Samples the threads and returns the new factor; call about once a second
 * while a run is going, mdk_ui_pace_init () when it rests. */
double   mdk_ui_pace_update     (MdkUiPace *pace);

/* CPU seconds so far of the run's threads and of the others. */
gboolean mdk_ui_pace_read_cpu   (double    *run_seconds,
                                 double    *ui_seconds);
/* The control law alone: the next factor from the last interval's UI
 * share of the CPU time and whether the cores were saturated. */
double   mdk_ui_pace_next_scale (double     scale,
                                 double     ui_share,
                                 gboolean   saturated);

G_END_DECLS
