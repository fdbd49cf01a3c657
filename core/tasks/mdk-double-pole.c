/* Episodes of the double pole (Wieland 1991) as in CartPole::evalNet () of
 * Stanley's NEAT code (experiments.cpp), shared by the tasks with and
 * without velocities.
 *
 * One control step: the network sees the state, its first output o sets
 * the force (o − 0.5) · 20 N, which is held for two Runge–Kutta steps of
 * 0.01 s; the step counts as balanced if the cart is still on the track and
 * both poles within 36°.  What the network sees, each divided as in the
 * reference: with velocities x/4.8, ẋ/2, θ1/0.52, θ̇1/2, θ2/0.52, θ̇2/2;
 * without, x/4.8, θ1/0.52, θ2/0.52.  The reference adds a constant input of
 * 0.5; Medaka's networks have their bias node (1) for that.  The network is
 * reset before every episode, so a recurrent network starts from rest. */
#define G_LOG_DOMAIN "medaka-task"

#include "config.h"

#include "mdk-double-pole.h"

#include <math.h>

/* What the network sees of @state. */
static guint
observe (const double state[6],
         gboolean     velocities,
         double       in[6])
{
  if (velocities)
    {
      in[0] = state[0] / 4.8;
      in[1] = state[1] / 2.0;
      in[2] = state[2] / 0.52;
      in[3] = state[3] / 2.0;
      in[4] = state[4] / 0.52;
      in[5] = state[5] / 2.0;
      return 6;
    }
  in[0] = state[0] / 4.8;
  in[1] = state[2] / 0.52;
  in[2] = state[4] / 0.52;
  return 3;
}

static void
add_frame (GArray       *frames,
           const double  state[6],
           double        force)
{
  double frame[4] = { state[0], force, state[2], state[4] };

  g_array_append_vals (frames, frame, 4);
}

/**
 * mdk_double_pole_run:
 * @net: the controller, with 6 inputs (@velocities) or 3, and an output
 * @velocities: whether the network sees the velocities
 * @start: the state to start from
 * @max_steps: the episode ends after this many balanced steps
 * @jiggle: (out) (optional): Gruau's "jiggle", the sum of |x| + |ẋ| + |θ1|
 *   + |θ̇1| after each of the last 100 balanced steps, or NAN when fewer
 *   than 100 steps were balanced
 * @frames: (optional): an array of doubles to append the episode to, four
 *   per frame: x, force, θ1, θ2 — the start and the state after every
 *   balanced step, with the force the network chose there (0 for the last)
 *
 * Runs one episode from @start, resetting @net first.
 *
 * Returns: the number of balanced steps, at most @max_steps.
 */
guint
mdk_double_pole_run (MdkNetwork   *net,
                     gboolean      velocities,
                     const double  start[6],
                     guint         max_steps,
                     double       *jiggle,
                     GArray       *frames)
{
  double state[6], in[6], out, force;
  double recent[MDK_DOUBLE_POLE_GRUAU_WINDOW];
  guint steps = 0;

  for (guint i = 0; i < 6; i++)
    state[i] = start[i];
  mdk_network_reset (net);

  while (steps < max_steps)
    {
      observe (state, velocities, in);
      mdk_network_activate (net, in, &out);
      /* NaN would hold the cart still: count it as a failure. */
      if (isnan (out))
        break;
      force = mdk_double_pole_force (out);
      if (frames != NULL)
        add_frame (frames, state, force);
      for (guint i = 0; i < MDK_DOUBLE_POLE_SUBSTEPS; i++)
        mdk_double_pole_rk4 (state, force, MDK_DOUBLE_POLE_TAU);
      if (mdk_double_pole_failed (state))
        {
          if (frames != NULL)
            add_frame (frames, state, 0.0);
          frames = NULL;
          break;
        }
      recent[steps % MDK_DOUBLE_POLE_GRUAU_WINDOW] =
        fabs (state[0]) + fabs (state[1]) + fabs (state[2]) + fabs (state[3]);
      steps++;
    }
  if (frames != NULL)
    add_frame (frames, state, 0.0);

  if (jiggle != NULL)
    {
      *jiggle = NAN;
      if (steps >= MDK_DOUBLE_POLE_GRUAU_WINDOW)
        {
          /* Oldest first, as the reference adds them. */
          *jiggle = 0.0;
          for (guint k = 0; k < MDK_DOUBLE_POLE_GRUAU_WINDOW; k++)
            *jiggle += recent[(steps + k) % MDK_DOUBLE_POLE_GRUAU_WINDOW];
        }
    }
  return steps;
}

/**
 * mdk_double_pole_generalisation:
 * @net: the controller
 * @velocities: whether the network sees the velocities
 * @steps: (out caller-allocates) (optional): MDK_DOUBLE_POLE_N_STARTS
 *   values, the steps balanced from each start (at most 1,000)
 *
 * The generalisation test of Gruau et al. (1996) as in pole2_epoch () of
 * experiments.cpp: an episode of at most 1,000 steps from each of the 625
 * starts of mdk_double_pole_generalisation_start ().  The reference counts
 * 999 steps as a pass; here a start passes when all 1,000 are balanced.
 *
 * Returns: how many starts passed, 0 … 625.
 */
guint
mdk_double_pole_generalisation (MdkNetwork *net,
                                gboolean    velocities,
                                double     *steps)
{
  guint passed = 0;

  for (guint k = 0; k < MDK_DOUBLE_POLE_N_STARTS; k++)
    {
      guint balanced = mdk_double_pole_generalisation_episode (net, velocities, k);

      if (balanced >= MDK_DOUBLE_POLE_GENERALISATION_STEPS)
        passed++;
      if (steps != NULL)
        steps[k] = balanced;
    }
  return passed;
}

/**
 * mdk_double_pole_generalisation_episode:
 * @net: the controller
 * @velocities: whether the network sees the velocities
 * @k: the start, 0 … MDK_DOUBLE_POLE_N_STARTS - 1
 *
 * One episode of mdk_double_pole_generalisation (), which does not depend
 * on the others: the parts of a test spread over threads or processes.
 *
 * Returns: the steps balanced from start @k, at most 1,000.
 */
guint
mdk_double_pole_generalisation_episode (MdkNetwork *net,
                                        gboolean    velocities,
                                        guint       k)
{
  double start[6];

  mdk_double_pole_generalisation_start (k, start);
  return mdk_double_pole_run (net, velocities, start, MDK_DOUBLE_POLE_GENERALISATION_STEPS, NULL, NULL);
}

/**
 * mdk_double_pole_gruau_fitness:
 * @steps: steps balanced in an episode of at most @max_steps
 * @max_steps: the episode's length, 1,000 in the reference
 * @jiggle: from mdk_double_pole_run ()
 *
 * Gruau et al.'s (1996) fitness for the double pole without velocities,
 * which rewards damping the oscillations a controller without velocities
 * could otherwise live with: 0.1 · steps / @max_steps + 0.9 · 0.75 /
 * jiggle, only the first term when no more than 100 steps were balanced
 * (CartPole::evalNet () of experiments.cpp).
 *
 * Returns: the fitness.
 */
double
mdk_double_pole_gruau_fitness (guint  steps,
                               guint  max_steps,
                               double jiggle)
{
  double f = 0.1 * ((double) steps / max_steps);

  if (steps > MDK_DOUBLE_POLE_GRUAU_WINDOW)
    f += 0.9 * (0.75 / jiggle);
  return f;
}

/**
 * mdk_double_pole_trace:
 * @net: the controller
 * @velocities: whether the network sees the velocities
 * @max_steps: the longest episode to show
 *
 * What the behaviour view shows: the episode from the standard start, and
 * when the network balanced all @max_steps there, the steps balanced from
 * each of the generalisation test's starts.
 *
 * Returns: (transfer full): an MDK_TRACE_CART_POLE trace.
 */
MdkTrace *
mdk_double_pole_trace (MdkNetwork *net,
                       gboolean    velocities,
                       guint       max_steps)
{
  static const double lengths[2] = { MDK_DOUBLE_POLE_LENGTH_1, MDK_DOUBLE_POLE_LENGTH_2 };
  GArray *frames = g_array_new (FALSE, FALSE, sizeof (double));
  MdkTrace *trace;
  double start[6];
  guint steps;

  mdk_double_pole_standard_start (start);
  steps = mdk_double_pole_run (net, velocities, start, max_steps, NULL, frames);
  trace = mdk_pole_trace_new (frames, 2, lengths, MDK_DOUBLE_POLE_TRACK, MDK_DOUBLE_POLE_FAIL_ANGLE,
                              MDK_DOUBLE_POLE_TAU * MDK_DOUBLE_POLE_SUBSTEPS, max_steps);
  trace->pass_steps = MDK_DOUBLE_POLE_GENERALISATION_STEPS;

  /* As in the reference, only a network that passed the long episode is
   * tested further: 625 more episodes are costly to redo for every new
   * champion of a run. */
  if (steps >= max_steps)
    {
      trace->width = 25;
      trace->height = 25;
      trace->values2 = g_new (double, MDK_DOUBLE_POLE_N_STARTS);
      mdk_double_pole_generalisation (net, velocities, trace->values2);
    }
  return trace;
}
