/* mdk-double-pole.h: episodes of the double pole, shared by its two tasks
 *
 * The task classes are mdk_task_double_pole_class (with velocities,
 * Markovian) and mdk_task_double_pole_nv_class (without, non-Markovian),
 * declared in mdk-task.h.  Both run the same episodes; they differ in what
 * the network sees, the fitness and the test of a solution.
 */
#pragma once

#include <glib.h>

#include "mdk-network.h"
#include "mdk-pole-physics.h"
#include "mdk-trace.h"

G_BEGIN_DECLS

/* A start passes the generalisation test when balanced this long … */
#define MDK_DOUBLE_POLE_GENERALISATION_STEPS 1000
/* … and Gruau's fitness looks at this many last steps. */
#define MDK_DOUBLE_POLE_GRUAU_WINDOW 100

guint     mdk_double_pole_run            (MdkNetwork   *net,
                                          gboolean      velocities,
                                          const double  start[6],
                                          guint         max_steps,
                                          double       *jiggle,
                                          GArray       *frames);
guint     mdk_double_pole_generalisation (MdkNetwork   *net,
                                          gboolean      velocities,
                                          double       *steps);
guint     mdk_double_pole_generalisation_episode (MdkNetwork *net,
                                                  gboolean    velocities,
                                                  guint       k);
double    mdk_double_pole_gruau_fitness  (guint         steps,
                                          guint         max_steps,
                                          double        jiggle);
MdkTrace *mdk_double_pole_trace          (MdkNetwork   *net,
                                          gboolean      velocities,
                                          guint         max_steps);

G_END_DECLS
