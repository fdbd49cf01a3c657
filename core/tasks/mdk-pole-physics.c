/* The cart-and-pole systems of the pole-balancing tasks.
 *
 * Both follow Stanley's NEAT C++ code (experiments.cpp), which is what the
 * published NEAT figures were measured with; constants are as written
 * there.  The reference computes the single pole in float; Medaka uses
 * double throughout. */
#define G_LOG_DOMAIN "medaka-task"

#include "config.h"

#include "mdk-pole-physics.h"

#include <math.h>

/* ---------------------------------------------------------------------------
 * One pole: cart_pole () of experiments.cpp, "taken directly from the pole
 * simulator written by Richard Sutton and Charles Anderson" (Barto, Sutton
 * & Anderson 1983).
 */

#define SP_GRAVITY        9.8
#define SP_MASS_CART      1.0
#define SP_MASS_POLE      0.1
#define SP_TOTAL_MASS     (SP_MASS_POLE + SP_MASS_CART)
#define SP_HALF_LENGTH    0.5
#define SP_POLE_MASS_LENGTH (SP_MASS_POLE * SP_HALF_LENGTH)
#define SP_FOUR_THIRDS    (4.0 / 3.0)

/* One Euler step of MDK_SINGLE_POLE_TAU with @force pushing the cart
 * towards +x: positions move with the old velocities, then the velocities
 * with the accelerations. */
void
mdk_single_pole_step (double state[4],
                      double force)
{
  double theta = state[2], theta_dot = state[3];
  double cos_t = cos (theta), sin_t = sin (theta);
  double temp = (force + SP_POLE_MASS_LENGTH * theta_dot * theta_dot * sin_t) / SP_TOTAL_MASS;
  double theta_acc = (SP_GRAVITY * sin_t - cos_t * temp) /
                     (SP_HALF_LENGTH * (SP_FOUR_THIRDS - SP_MASS_POLE * cos_t * cos_t / SP_TOTAL_MASS));
  double x_acc = temp - SP_POLE_MASS_LENGTH * theta_acc * cos_t / SP_TOTAL_MASS;

  state[0] += MDK_SINGLE_POLE_TAU * state[1];
  state[1] += MDK_SINGLE_POLE_TAU * x_acc;
  state[2] += MDK_SINGLE_POLE_TAU * theta_dot;
  state[3] += MDK_SINGLE_POLE_TAU * theta_acc;
}

/* Off the track or beyond 12°; a state that is not a number has failed
 * too (no comparison with NaN holds). */
gboolean
mdk_single_pole_failed (const double state[4])
{
  return !(fabs (state[0]) <= MDK_SINGLE_POLE_TRACK &&
           fabs (state[2]) <= MDK_SINGLE_POLE_FAIL_ANGLE);
}

/* ---------------------------------------------------------------------------
 * Two poles: CartPole::step () and CartPole::rk4 () of experiments.cpp
 * (Gomez's ESP code, from Wieland 1991), constants from experiments.h.
 */

/* The reference's sign convention: gravity is negative. */
#define DP_GRAVITY        (-9.8)
#define DP_MASS_CART      1.0
#define DP_MASS_POLE_1    0.1
#define DP_MASS_POLE_2    0.01
#define DP_HALF_LENGTH_1  0.5
#define DP_HALF_LENGTH_2  0.05
#define DP_HINGE_FRICTION 0.000002     /* MUP */

/* The force for a network output: (output − 0.5) · 2 · 10 N, so 0 pushes
 * with −10 N and 1 with +10 N.  Outputs outside [0, 1] (an activation other
 * than a sigmoid) are clamped. */
double
mdk_double_pole_force (double output)
{
  return (CLAMP (output, 0.0, 1.0) - 0.5) * MDK_DOUBLE_POLE_FORCE * 2.0;
}

/* The time derivative of @state under @force: the velocities, and the
 * accelerations from Wieland's equations with hinge friction (the cart
 * runs without friction, as in the reference). */
void
mdk_double_pole_derivatives (const double state[6],
                             double       force,
                             double       derivs[6])
{
  double cos_1 = cos (state[2]), sin_1 = sin (state[2]);
  double cos_2 = cos (state[4]), sin_2 = sin (state[4]);
  double g_sin_1 = DP_GRAVITY * sin_1, g_sin_2 = DP_GRAVITY * sin_2;
  double ml_1 = DP_HALF_LENGTH_1 * DP_MASS_POLE_1;
  double ml_2 = DP_HALF_LENGTH_2 * DP_MASS_POLE_2;
  double temp_1 = DP_HINGE_FRICTION * state[3] / ml_1;
  double temp_2 = DP_HINGE_FRICTION * state[5] / ml_2;
  /* Effective forces and masses of the poles on the cart. */
  double fi_1 = ml_1 * state[3] * state[3] * sin_1 + 0.75 * DP_MASS_POLE_1 * cos_1 * (temp_1 + g_sin_1);
  double fi_2 = ml_2 * state[5] * state[5] * sin_2 + 0.75 * DP_MASS_POLE_2 * cos_2 * (temp_2 + g_sin_2);
  double mi_1 = DP_MASS_POLE_1 * (1.0 - 0.75 * cos_1 * cos_1);
  double mi_2 = DP_MASS_POLE_2 * (1.0 - 0.75 * cos_2 * cos_2);
  double x_acc = (force + fi_1 + fi_2) / (mi_1 + mi_2 + DP_MASS_CART);

  derivs[0] = state[1];
  derivs[1] = x_acc;
  derivs[2] = state[3];
  derivs[3] = -0.75 * (x_acc * cos_1 + g_sin_1 + temp_1) / DP_HALF_LENGTH_1;
  derivs[4] = state[5];
  derivs[5] = -0.75 * (x_acc * cos_2 + g_sin_2 + temp_2) / DP_HALF_LENGTH_2;
}

/* One classical fourth-order Runge–Kutta step of @h seconds with a constant
 * @force, summed in the reference's order: y + h/6 (k1 + k4 + 2 (k3 + k2)). */
void
mdk_double_pole_rk4 (double state[6],
                     double force,
                     double h)
{
  double k1[6], k2[6], k3[6], k4[6], y[6];

  mdk_double_pole_derivatives (state, force, k1);
  for (guint i = 0; i < 6; i++)
    y[i] = state[i] + 0.5 * h * k1[i];
  mdk_double_pole_derivatives (y, force, k2);
  for (guint i = 0; i < 6; i++)
    y[i] = state[i] + 0.5 * h * k2[i];
  mdk_double_pole_derivatives (y, force, k3);
  for (guint i = 0; i < 6; i++)
    y[i] = state[i] + h * k3[i];
  mdk_double_pole_derivatives (y, force, k4);
  for (guint i = 0; i < 6; i++)
    state[i] += h / 6.0 * (k1[i] + k4[i] + 2.0 * (k3[i] + k2[i]));
}

/* One control step: the network's @output held for two Runge–Kutta steps
 * of 0.01 s (CartPole::performAction ()), 0.02 s in all. */
void
mdk_double_pole_step (double state[6],
                      double output)
{
  double force = mdk_double_pole_force (output);

  for (guint i = 0; i < MDK_DOUBLE_POLE_SUBSTEPS; i++)
    mdk_double_pole_rk4 (state, force, MDK_DOUBLE_POLE_TAU);
}

/* Off the ±2.4 m track or either pole beyond 36° (CartPole::outsideBounds
 * ()); NaN counts as failed. */
gboolean
mdk_double_pole_failed (const double state[6])
{
  return !(fabs (state[0]) <= MDK_DOUBLE_POLE_TRACK &&
           fabs (state[2]) <= MDK_DOUBLE_POLE_FAIL_ANGLE &&
           fabs (state[4]) <= MDK_DOUBLE_POLE_FAIL_ANGLE);
}

/* Everything at rest, the long pole at 0.07 rad (CartPole::init ()). */
void
mdk_double_pole_standard_start (double state[6])
{
  for (guint i = 0; i < 6; i++)
    state[i] = 0.0;
  state[2] = MDK_DOUBLE_POLE_START_ANGLE;
}

/* Start @k (0 … 624) of the generalisation test (pole2_epoch () of
 * experiments.cpp, after Gruau et al. 1996): each of x, ẋ, θ1 and θ̇1 takes
 * the five values 0.05, 0.25, 0.5, 0.75 and 0.95 of its range — x over
 * ±2.16 m, ẋ over ±1.35 m/s, θ1 over ±3.6°, θ̇1 over ±8.6°/s — in nested
 * loops, x outermost; the short pole starts upright and at rest. */
void
mdk_double_pole_generalisation_start (guint  k,
                                      double state[6])
{
  static const double levels[5] = { 0.05, 0.25, 0.5, 0.75, 0.95 };

  g_return_if_fail (k < MDK_DOUBLE_POLE_N_STARTS);

  state[0] = levels[k / 125] * 4.32 - 2.16;
  state[1] = levels[k / 25 % 5] * 2.70 - 1.35;
  state[2] = levels[k / 5 % 5] * 0.12566304 - 0.06283152;
  state[3] = levels[k % 5] * 0.30019504 - 0.15009752;
  state[4] = 0.0;
  state[5] = 0.0;
}

/* The mechanical energy in joules, with the height of the hinges as zero:
 * the cart, and each pole as a uniform rod of mass m and half-length l
 * whose centre is at (x + l sin θ, l cos θ), with moment of inertia m l²/3
 * about it.  With no force it only ever falls, by the hinge friction. */
double
mdk_double_pole_energy (const double state[6])
{
  static const double mass[2] = { DP_MASS_POLE_1, DP_MASS_POLE_2 };
  static const double half[2] = { DP_HALF_LENGTH_1, DP_HALF_LENGTH_2 };
  double x_dot = state[1];
  double energy = 0.5 * DP_MASS_CART * x_dot * x_dot;

  for (guint p = 0; p < 2; p++)
    {
      double theta = state[2 + 2 * p], omega = state[3 + 2 * p];
      double m = mass[p], l = half[p];
      double vx = x_dot + l * omega * cos (theta), vy = -l * omega * sin (theta);

      energy += 0.5 * m * (vx * vx + vy * vy) + 0.5 * (m * l * l / 3.0) * omega * omega;
      energy += m * -DP_GRAVITY * l * cos (theta);
    }
  return energy;
}

/* ---------------------------------------------------------------------------
 * What the behaviour view shows of an episode
 */

MdkTrace *
mdk_pole_trace_new (GArray       *frames,
                    guint         n_poles,
                    const double *lengths,
                    double        track,
                    double        fail_angle,
                    double        time_step,
                    guint         max_steps)
{
  MdkTrace *trace = mdk_trace_new (MDK_TRACE_CART_POLE);

  trace->n_cols = 2 + n_poles;
  trace->n_rows = frames->len / trace->n_cols;
  trace->values = (double *) (gpointer) g_array_free (frames, FALSE);
  trace->n_points = n_poles;
  trace->points = g_memdup2 (lengths, sizeof (double) * n_poles);
  trace->x0 = -track;
  trace->x1 = track;
  trace->y1 = fail_angle;
  trace->time_step = time_step;
  trace->max_steps = max_steps;
  return trace;
}
