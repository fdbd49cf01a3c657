/* mdk-pole-physics.h: the cart-and-pole systems of the pole-balancing tasks
 *
 * Plain functions on plain state arrays, exactly as in the reference code
 * the published NEAT figures come from (Stanley's NEAT C++ code,
 * experiments.cpp: cart_pole () for one pole, CartPole::step () and
 * CartPole::rk4 () for two, the latter written by Faustino Gomez from the
 * equations of Wieland 1991).  Angles are in radians, 0 upright, positive
 * leaning towards +x; positions in metres; forces in newtons.
 */
#pragma once

#include <glib.h>

#include "mdk-trace.h"

G_BEGIN_DECLS

/* One pole (Barto, Sutton & Anderson 1983): x, ẋ, θ, θ̇. */
#define MDK_SINGLE_POLE_TAU        0.02       /* s per step, Euler */
#define MDK_SINGLE_POLE_FORCE      10.0       /* N, bang-bang */
#define MDK_SINGLE_POLE_TRACK      2.4        /* m either side */
#define MDK_SINGLE_POLE_FAIL_ANGLE 0.2094384  /* 12°, as the reference writes it */
#define MDK_SINGLE_POLE_LENGTH     1.0        /* m, the whole pole (half-length 0.5) */

void     mdk_single_pole_step      (double        state[4],
                                    double        force);
gboolean mdk_single_pole_failed    (const double  state[4]);

/* Two poles on one cart (Wieland 1991): x, ẋ, θ1, θ̇1, θ2, θ̇2. */
#define MDK_DOUBLE_POLE_TAU        0.01       /* s per Runge–Kutta step */
#define MDK_DOUBLE_POLE_SUBSTEPS   2          /* Runge–Kutta steps per control step */
#define MDK_DOUBLE_POLE_FORCE      10.0       /* N at output 0 or 1 */
#define MDK_DOUBLE_POLE_TRACK      2.4
#define MDK_DOUBLE_POLE_FAIL_ANGLE 0.628329   /* 36°, as the reference writes it */
#define MDK_DOUBLE_POLE_LENGTH_1   1.0        /* m, whole poles (half-lengths 0.5, 0.05) */
#define MDK_DOUBLE_POLE_LENGTH_2   0.1
#define MDK_DOUBLE_POLE_START_ANGLE 0.07      /* rad, the long pole's standard start */
#define MDK_DOUBLE_POLE_N_STARTS   625        /* the generalisation test's starts, 5⁴ */

double   mdk_double_pole_force       (double        output);
void     mdk_double_pole_derivatives (const double  state[6],
                                      double        force,
                                      double        derivs[6]);
void     mdk_double_pole_rk4         (double        state[6],
                                      double        force,
                                      double        h);
void     mdk_double_pole_step        (double        state[6],
                                      double        output);
gboolean mdk_double_pole_failed      (const double  state[6]);
void     mdk_double_pole_standard_start (double     state[6]);
void     mdk_double_pole_generalisation_start (guint   k,
                                               double  state[6]);
double   mdk_double_pole_energy      (const double  state[6]);

/* An MDK_TRACE_CART_POLE trace of an episode: @frames holds 2 + @n_poles
 * doubles per frame (x, force, angles) and is taken. */
MdkTrace *mdk_pole_trace_new          (GArray       *frames,
                                       guint         n_poles,
                                       const double *lengths,
                                       double        track,
                                       double        fail_angle,
                                       double        time_step,
                                       guint         max_steps);

G_END_DECLS
