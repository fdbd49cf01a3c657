/* Pole balancing: the physics against steps worked out by hand, Runge–Kutta's
 * order and the energy balance, the 625 generalisation starts, episodes and
 * Gruau's fitness against the physics stepped here, the tasks on evolved
 * solutions (tests/data/genomes), the solution test through the run, NEAT
 * solving the single pole, CMA-ES the double pole without velocities, and
 * determinism for any thread count. */
#define G_LOG_DOMAIN "medaka-test"

#include "config.h"

#include <math.h>

#include "mdk-cmaes.h"
#include "mdk-double-pole.h"
#include "mdk-neat.h"
#include "mdk-pole-physics.h"
#include "mdk-run.h"
#include "mdk-run-state.h"
#include "mdk-task.h"
#include "mdk-test-genome.h"
#include "mdk-test-task.h"

/* A network whose one output is @activation (@bias + Σ weights[i] · input i). */
static MdkNetwork *
linear_net_new (guint         n_inputs,
                MdkActivation activation,
                double        bias,
                const double *weights)
{
  MdkNetwork *net = mdk_network_new ();

  mdk_network_begin (net, n_inputs, 1, n_inputs + 2);
  mdk_network_set_node (net, n_inputs + 1, activation, bias);
  for (guint i = 0; i < n_inputs && weights != NULL; i++)
    if (weights[i] != 0.0)
      mdk_network_add_connection (net, i, n_inputs + 1, weights[i]);
  mdk_network_compile (net);
  return net;
}

/* ---------------------------------------------------------------------------
 * Physics
 */

/* From rest with +10 N, by hand: temp = F/(M + m) = 100/11; the
 * denominator l (4/3 − m/(M + m)) = 41/66, so θ̈ = −temp/(41/66) = −600/41
 * and ẍ = temp − m l θ̈/(M + m) = 400/41.  Euler moves the positions with the
 * old velocities.  With θ still 0 after the first step the accelerations
 * repeat, so the second step doubles the velocities. */
static void
test_single_euler (void)
{
  double s[4] = { 0, 0, 0, 0 };

  mdk_single_pole_step (s, 10.0);
  g_assert_cmpfloat_with_epsilon (s[0], 0.0, 1e-15);
  g_assert_cmpfloat_with_epsilon (s[1], 0.02 * 400.0 / 41.0, 1e-14);
  g_assert_cmpfloat_with_epsilon (s[2], 0.0, 1e-15);
  g_assert_cmpfloat_with_epsilon (s[3], 0.02 * -600.0 / 41.0, 1e-14);

  mdk_single_pole_step (s, 10.0);
  g_assert_cmpfloat_with_epsilon (s[0], 0.02 * 8.0 / 41.0, 1e-14);
  g_assert_cmpfloat_with_epsilon (s[1], 16.0 / 41.0, 1e-14);
  g_assert_cmpfloat_with_epsilon (s[2], 0.02 * -12.0 / 41.0, 1e-14);
  g_assert_cmpfloat_with_epsilon (s[3], -24.0 / 41.0, 1e-14);

  /* Mirror symmetry: the opposite push from the mirrored state. */
  {
    double a[4] = { 0.3, -0.2, 0.1, 0.4 }, b[4] = { -0.3, 0.2, -0.1, -0.4 };

    mdk_single_pole_step (a, 10.0);
    mdk_single_pole_step (b, -10.0);
    for (guint i = 0; i < 4; i++)
      g_assert_cmpfloat_with_epsilon (a[i], -b[i], 1e-15);
  }
}

static void
test_single_bounds (void)
{
  double inside[4] = { 2.4, 0, 0.2094384, 0 };
  double off[4] = { 2.40001, 0, 0, 0 };
  double tilted[4] = { 0, 0, -0.2095, 0 };
  double nan_state[4] = { NAN, 0, 0, 0 };

  g_assert_false (mdk_single_pole_failed (inside));
  g_assert_true (mdk_single_pole_failed (off));
  g_assert_true (mdk_single_pole_failed (tilted));
  g_assert_true (mdk_single_pole_failed (nan_state));
}

/* Wieland's equations by hand.  At rest and upright with force F every
 * pole term but the effective masses vanishes: m̃ = m (1 − ¾) = m/4, so
 * ẍ = F / (1 + 0.1/4 + 0.01/4) and θ̈i = −¾ ẍ / li.  Tilted by 30° at rest
 * without force: f̃1 = ¾ m1 cos θ · (−9.8 sin θ), m̃1 = m1 (1 − ¾ cos² θ),
 * ẍ = f̃1 / (M + m̃1 + m2/4) and θ̈1 = −¾ (ẍ cos θ − 9.8 sin θ) / l1. */
static void
test_double_derivatives (void)
{
  double rest[6] = { 0.5, 0, 0, 0, 0, 0 }, d[6];
  double x_acc = 10.0 / 1.0275;

  mdk_double_pole_derivatives (rest, mdk_double_pole_force (1.0), d);
  g_assert_cmpfloat_with_epsilon (d[0], 0.0, 1e-15);
  g_assert_cmpfloat_with_epsilon (d[1], x_acc, 1e-13);
  g_assert_cmpfloat_with_epsilon (d[2], 0.0, 1e-15);
  g_assert_cmpfloat_with_epsilon (d[3], -0.75 * x_acc / 0.5, 1e-13);
  g_assert_cmpfloat_with_epsilon (d[4], 0.0, 1e-15);
  g_assert_cmpfloat_with_epsilon (d[5], -0.75 * x_acc / 0.05, 1e-12);

  {
    double theta = G_PI / 6, c = sqrt (3.0) / 2, s = 0.5;
    double tilted[6] = { 0, 0, theta, 0, 0, 0 };
    double f1 = 0.75 * 0.1 * c * (-9.8 * s);
    double m1 = 0.1 * (1 - 0.75 * c * c);
    double xa = f1 / (1.0 + m1 + 0.01 * 0.25);

    mdk_double_pole_derivatives (tilted, mdk_double_pole_force (0.5), d);
    g_assert_cmpfloat_with_epsilon (d[1], xa, 1e-13);
    g_assert_cmpfloat_with_epsilon (d[3], -0.75 * (xa * c - 9.8 * s) / 0.5, 1e-12);
    /* The short pole, upright, only feels the cart. */
    g_assert_cmpfloat_with_epsilon (d[5], -0.75 * xa / 0.05, 1e-12);
  }

  /* The force: (output − 0.5) · 20 N, clamped to the sigmoid's range. */
  g_assert_cmpfloat (mdk_double_pole_force (0.0), ==, -10.0);
  g_assert_cmpfloat (mdk_double_pole_force (0.75), ==, 5.0);
  g_assert_cmpfloat (mdk_double_pole_force (3.0), ==, 10.0);
}

/* Classical Runge–Kutta is fourth order: one step's error against a very
 * fine integration shrinks 2⁵ = 32 times when the step halves. */
static void
test_double_rk4_order (void)
{
  double errors[3];

  for (guint t = 0; t < 3; t++)
    {
      double h = 0.01 / (1 << t);
      double fine[6] = { 0.1, -0.3, 0.07, 1.0, -0.02, -2.0 };
      double coarse[6];

      for (guint i = 0; i < 6; i++)
        coarse[i] = fine[i];
      for (guint k = 0; k < 4096; k++)
        mdk_double_pole_rk4 (fine, 3.0, h / 4096);
      mdk_double_pole_rk4 (coarse, 3.0, h);
      errors[t] = 0.0;
      for (guint i = 0; i < 6; i++)
        errors[t] = MAX (errors[t], fabs (coarse[i] - fine[i]));
    }
  g_assert_cmpfloat (errors[0], <, 1e-5);
  for (guint t = 0; t + 1 < 3; t++)
    {
      double ratio = errors[t] / errors[t + 1];

      g_assert_cmpfloat (ratio, >, 26.0);
      g_assert_cmpfloat (ratio, <, 38.0);
    }

  /* A control step is two steps of 0.01 s. */
  {
    double a[6], b[6];

    mdk_double_pole_standard_start (a);
    mdk_double_pole_standard_start (b);
    mdk_double_pole_step (a, 0.8);
    mdk_double_pole_rk4 (b, mdk_double_pole_force (0.8), 0.01);
    mdk_double_pole_rk4 (b, mdk_double_pole_force (0.8), 0.01);
    for (guint i = 0; i < 6; i++)
      g_assert_cmpfloat (a[i], ==, b[i]);
  }
}

/* Without force the poles swing and fall freely; the only loss is the hinge
 * friction, whose power is μ (θ̇1² + θ̇2²).  So the energy plus the work of
 * friction stays constant, and the energy alone never rises. */
static void
test_double_energy (void)
{
  double s[6], e0, previous, work = 0.0;

  mdk_double_pole_standard_start (s);
  e0 = previous = mdk_double_pole_energy (s);
  /* Everything is potential energy at rest: m g l cos θ for each pole. */
  g_assert_cmpfloat_with_epsilon (e0, 0.1 * 9.8 * 0.5 * cos (0.07) + 0.01 * 9.8 * 0.05, 1e-14);
  for (guint k = 0; k < 4000; k++)
    {
      double p0 = 0.000002 * (s[3] * s[3] + s[5] * s[5]), p1, e;

      mdk_double_pole_rk4 (s, 0.0, 0.01);
      p1 = 0.000002 * (s[3] * s[3] + s[5] * s[5]);
      work += 0.01 * (p0 + p1) / 2;
      e = mdk_double_pole_energy (s);
      g_assert_cmpfloat (e, <=, previous + 1e-12);
      g_assert_cmpfloat_with_epsilon (e + work, e0, 5e-6);
      previous = e;
    }
  /* Real swinging: the long pole went round, friction took something. */
  g_assert_cmpfloat (work, >, 1e-3);
}

static void
test_double_bounds (void)
{
  double s[6];

  mdk_double_pole_standard_start (s);
  g_assert_false (mdk_double_pole_failed (s));
  s[4] = -0.6284;
  g_assert_true (mdk_double_pole_failed (s));
  s[4] = 0.0;
  s[0] = -2.41;
  g_assert_true (mdk_double_pole_failed (s));
  s[0] = NAN;
  g_assert_true (mdk_double_pole_failed (s));
}

/* The 625 starts: every combination of five values of x, ẋ, θ1 and θ̇1 (5 %,
 * 25 %, 50 %, 75 % and 95 % of their ranges, worked out here), once each, x
 * varying slowest; the short pole at rest and upright. */
static void
test_generalisation_starts (void)
{
  static const double xs[5] = { -1.944, -1.08, 0.0, 1.08, 1.944 };
  static const double vs[5] = { -1.215, -0.675, 0.0, 0.675, 1.215 };
  static const double ts[5] = { -0.056548368, -0.03141576, 0.0, 0.03141576, 0.056548368 };
  static const double ws[5] = { -0.135087768, -0.07504876, 0.0, 0.07504876, 0.135087768 };
  guint k = 0;

  for (guint a = 0; a < 5; a++)
    for (guint b = 0; b < 5; b++)
      for (guint c = 0; c < 5; c++)
        for (guint d = 0; d < 5; d++, k++)
          {
            double s[6];

            mdk_double_pole_generalisation_start (k, s);
            g_assert_cmpfloat_with_epsilon (s[0], xs[a], 1e-12);
            g_assert_cmpfloat_with_epsilon (s[1], vs[b], 1e-12);
            g_assert_cmpfloat_with_epsilon (s[2], ts[c], 1e-12);
            g_assert_cmpfloat_with_epsilon (s[3], ws[d], 1e-12);
            g_assert_cmpfloat (s[4], ==, 0.0);
            g_assert_cmpfloat (s[5], ==, 0.0);
          }
  g_assert_cmpuint (k, ==, MDK_DOUBLE_POLE_N_STARTS);
}

/* ---------------------------------------------------------------------------
 * Episodes
 */

/* An episode against the physics stepped here: the steps until failure,
 * the frames, and what the network saw last. */
static void
test_episode_failure (void)
{
  /* Output = 0.5 + 0.25 θ1/0.52: far too weak to hold the poles. */
  const double weights[3] = { 0.0, 0.25, 0.0 };
  g_autoptr(MdkNetwork) net = linear_net_new (3, MDK_ACTIVATION_IDENTITY, 0.5, weights);
  g_autoptr(GArray) frames = g_array_new (FALSE, FALSE, sizeof (double));
  double start[6], s[6], before[6], jiggle;
  const double *v, *last;
  guint steps, manual = 0;

  mdk_double_pole_standard_start (start);
  steps = mdk_double_pole_run (net, FALSE, start, 100000, &jiggle, frames);

  for (guint i = 0; i < 6; i++)
    s[i] = start[i];
  for (;;)
    {
      for (guint i = 0; i < 6; i++)
        before[i] = s[i];
      mdk_double_pole_step (s, 0.5 + 0.25 * (s[2] / 0.52));
      if (mdk_double_pole_failed (s))
        break;
      manual++;
    }
  g_assert_cmpuint (steps, ==, manual);
  g_assert_cmpuint (steps, <, 100);
  g_assert_true (isnan (jiggle));

  /* The start, every balanced step and the failing one. */
  g_assert_cmpuint (frames->len, ==, 4 * (steps + 2));
  g_assert_cmpfloat (g_array_index (frames, double, 2), ==, 0.07);
  g_assert_cmpfloat (g_array_index (frames, double, 1), ==,
                     mdk_double_pole_force (0.5 + 0.25 * 0.07 / 0.52));
  last = &g_array_index (frames, double, frames->len - 4);
  g_assert_cmpfloat (last[0], ==, s[0]);
  g_assert_cmpfloat (last[2], ==, s[2]);
  g_assert_cmpfloat (last[3], ==, s[4]);

  /* What it saw last: the state before the failing step, scaled. */
  v = mdk_network_get_values (net);
  g_assert_cmpfloat (v[0], ==, before[0] / 4.8);
  g_assert_cmpfloat (v[1], ==, before[2] / 0.52);
  g_assert_cmpfloat (v[2], ==, before[4] / 0.52);

  /* Capped episodes stop at the cap. */
  g_assert_cmpuint (mdk_double_pole_run (net, FALSE, start, 5, NULL, NULL), ==, 5);
}

/* A long episode of an evolved controller that sees velocities, stepped
 * here with the network: the observation, and Gruau's sum of |x| + |ẋ| +
 * |θ1| + |θ̇1| over the last 100 of 300 steps. */
static void
test_episode_jiggle (void)
{
  g_autoptr(MdkNetwork) net = mdk_test_genome_net_new ("double-pole.json");
  double start[6], s[6], in[6], out, jiggle, expected = 0.0;
  guint steps;

  mdk_double_pole_standard_start (start);
  steps = mdk_double_pole_run (net, TRUE, start, 300, &jiggle, NULL);
  g_assert_cmpuint (steps, ==, 300);

  for (guint i = 0; i < 6; i++)
    s[i] = start[i];
  mdk_network_reset (net);
  for (guint k = 1; k <= 300; k++)
    {
      in[0] = s[0] / 4.8;
      in[1] = s[1] / 2.0;
      in[2] = s[2] / 0.52;
      in[3] = s[3] / 2.0;
      in[4] = s[4] / 0.52;
      in[5] = s[5] / 2.0;
      mdk_network_activate (net, in, &out);
      mdk_double_pole_step (s, out);
      g_assert_false (mdk_double_pole_failed (s));
      if (k > 200)
        expected += fabs (s[0]) + fabs (s[1]) + fabs (s[2]) + fabs (s[3]);
    }
  g_assert_cmpfloat_with_epsilon (jiggle, expected, 1e-12 * expected);
}

/* Gruau's fitness: a tenth for the steps, nine tenths for stillness, the
 * latter only past 100 steps. */
static void
test_gruau_fitness (void)
{
  g_assert_cmpfloat_with_epsilon (mdk_double_pole_gruau_fitness (50, 1000, NAN), 0.005, 1e-15);
  g_assert_cmpfloat_with_epsilon (mdk_double_pole_gruau_fitness (100, 1000, 2.0), 0.01, 1e-15);
  g_assert_cmpfloat_with_epsilon (mdk_double_pole_gruau_fitness (1000, 1000, 7.5),
                                  0.1 + 0.9 * 0.1, 1e-15);
  g_assert_cmpfloat_with_epsilon (mdk_double_pole_gruau_fitness (500, 1000, 75.0),
                                  0.05 + 0.009, 1e-15);
}

/* ---------------------------------------------------------------------------
 * The tasks
 */

/* The single pole task: its shape, a random start per evaluation drawn
 * from the evaluation's stream on the reference's grid of thousandths, and
 * an episode of constant pushing against the physics stepped here. */
static void
test_single_task (void)
{
  g_autoptr(MdkTask) task = mdk_test_task_new (&mdk_task_pole_class, "steps", "500", NULL);
  g_autoptr(MdkTask) rest = mdk_test_task_new (&mdk_task_pole_class, "random_start", "false", NULL);
  g_autoptr(MdkNetwork) right = mdk_network_new ();
  g_autoptr(MdkTrace) trace = NULL;
  double s[4] = { 0, 0, 0, 0 };
  guint expected = 0;
  MdkEvalResult a, b;
  MdkRng rng;

  g_assert_cmpuint (task->n_inputs, ==, 4);
  g_assert_cmpuint (task->n_outputs, ==, 2);

  /* Left output 0, right output 1: always +10 N. */
  mdk_network_begin (right, 4, 2, 7);
  mdk_network_set_node (right, 5, MDK_ACTIVATION_IDENTITY, 0.0);
  mdk_network_set_node (right, 6, MDK_ACTIVATION_IDENTITY, 1.0);
  mdk_network_compile (right);

  /* The same stream, the same start; another stream, another start. */
  mdk_rng_init_stream (&rng, 1, 2, 3);
  mdk_task_evaluate (task, right, &rng, &a);
  mdk_rng_init_stream (&rng, 1, 2, 3);
  mdk_task_evaluate (task, right, &rng, &b);
  g_assert_cmpfloat (a.fitness, ==, b.fitness);
  g_assert_cmpfloat (a.fitness, ==, a.train_metric);
  g_assert_false (a.solved);

  /* From rest: fails when the physics says. */
  for (;;)
    {
      mdk_single_pole_step (s, 10.0);
      if (mdk_single_pole_failed (s))
        break;
      expected++;
    }
  mdk_task_evaluate (rest, right, &rng, &a);
  g_assert_cmpfloat (a.fitness, ==, expected);

  /* The trace: the start, each balanced step and the failing one. */
  trace = mdk_task_trace (rest, right);
  g_assert_cmpint (trace->kind, ==, MDK_TRACE_CART_POLE);
  g_assert_cmpuint (trace->n_rows, ==, expected + 2);
  g_assert_cmpuint (trace->n_cols, ==, 3);
  g_assert_cmpuint (trace->n_points, ==, 1);
  g_assert_cmpfloat (trace->values[0], ==, 0.0);
  g_assert_cmpfloat (trace->values[1], ==, 10.0);
  g_assert_cmpfloat (trace->values[3 * (expected + 1) + 2], ==, s[2]);
  g_assert_cmpfloat (trace->time_step, ==, 0.02);
  g_assert_null (trace->values2);

  /* A random start lies on the grid of thousandths within the ranges. */
  {
    g_autoptr(MdkTrace) random_trace = mdk_task_trace (task, right);
    const double *v = random_trace->values;

    g_assert_cmpfloat (fabs (v[0]), <=, 2.4);
    g_assert_cmpfloat (fabs (v[2]), <=, 0.2);
    g_assert_cmpfloat_with_epsilon ((v[0] + 2.4) * 1000, round ((v[0] + 2.4) * 1000), 1e-6);
    g_assert_cmpfloat_with_epsilon ((v[2] + 0.2) * 1000, round ((v[2] + 0.2) * 1000), 1e-6);
  }
}

/* An evolved controller (NEAT, seed 1) balances 100,000 steps and goes on
 * to the generalisation test; the trace holds the whole episode and the
 * grid of the same test. */
static void
test_double_task (void)
{
  g_autoptr(MdkTask) task = mdk_test_task_new (&mdk_task_double_pole_class, NULL);
  g_autoptr(MdkNetwork) net = mdk_test_genome_net_new ("double-pole.json");
  g_autoptr(MdkTrace) trace = NULL;
  double steps[MDK_DOUBLE_POLE_N_STARTS];
  MdkEvalResult r;
  guint passed, counted = 0;
  MdkRng rng;

  mdk_rng_init (&rng, 1);
  mdk_task_evaluate (task, net, &rng, &r);
  g_assert_cmpfloat (r.fitness, ==, 100000);
  g_assert_true (r.solved);
  passed = mdk_double_pole_generalisation (net, TRUE, steps);
  g_assert_cmpfloat (r.test_metric, ==, passed);
  for (guint k = 0; k < MDK_DOUBLE_POLE_N_STARTS; k++)
    {
      g_assert_cmpfloat (steps[k], <=, 1000);
      counted += steps[k] >= 1000;
    }
  g_assert_cmpuint (counted, ==, passed);
  g_assert_cmpuint (passed, >, 200);
  g_assert_cmpuint (passed, <, 625);

  trace = mdk_task_trace (task, net);
  g_assert_cmpuint (trace->n_rows, ==, 100001);
  g_assert_cmpuint (trace->n_cols, ==, 4);
  g_assert_cmpuint (trace->max_steps, ==, 100000);
  g_assert_cmpuint (trace->width * trace->height, ==, 625);
  for (guint k = 0; k < MDK_DOUBLE_POLE_N_STARTS; k++)
    g_assert_cmpfloat (trace->values2[k], ==, steps[k]);

  /* A weaker network: no grid, and not solved. */
  {
    g_autoptr(MdkNetwork) still = linear_net_new (6, MDK_ACTIVATION_NEAT_SIGMOID, 0.0, NULL);
    g_autoptr(MdkTrace) short_trace = mdk_task_trace (task, still);

    mdk_task_evaluate (task, still, &rng, &r);
    g_assert_false (r.solved);
    g_assert_true (isnan (r.test_metric));
    g_assert_cmpuint (short_trace->n_rows, ==, (guint) r.fitness + 2);
    g_assert_null (short_trace->values2);
  }
}

/* Without velocities: the fitness episode never solves; the solution test
 * does, for an evolved recurrent controller (NEAT, population 150, seed 3). */
static void
test_nv_task (void)
{
  g_autoptr(MdkTask) task = mdk_test_task_new (&mdk_task_double_pole_nv_class, NULL);
  g_autoptr(MdkNetwork) net = mdk_test_genome_net_new ("double-pole-nv.json");
  MdkEvalResult r;
  double start[6], jiggle;
  guint steps;
  MdkRng rng;

  g_assert_cmpuint (task->n_inputs, ==, 3);
  g_assert_true (mdk_network_is_recurrent (net));
  mdk_rng_init (&rng, 1);
  mdk_task_evaluate (task, net, &rng, &r);
  g_assert_false (r.solved);
  mdk_double_pole_standard_start (start);
  steps = mdk_double_pole_run (net, FALSE, start, 1000, &jiggle, NULL);
  g_assert_cmpuint (steps, ==, 1000);
  g_assert_cmpfloat (r.fitness, ==, mdk_double_pole_gruau_fitness (1000, 1000, jiggle));
  g_assert_cmpfloat (r.train_metric, ==, 1000);

  task->klass->test_solution (task, net, &r);
  g_assert_true (r.solved);
  g_assert_cmpfloat (r.test_metric, ==, mdk_double_pole_generalisation (net, FALSE, NULL));
  g_assert_cmpfloat (r.test_metric, >=, 200);

  /* Asking for more starts than it passes fails it. */
  {
    g_autoptr(MdkTask) strict = mdk_test_task_new (&mdk_task_double_pole_nv_class, "starts_to_pass", "625", NULL);
    MdkEvalResult s = { .fitness = 1.0, .test_metric = NAN };

    if (r.test_metric < 625)
      {
        strict->klass->test_solution (strict, net, &s);
        g_assert_false (s.solved);
      }
  }

  /* The task's suggested settings go with it into a new experiment, and
   * with a switch to it. */
  {
    g_autoptr(MdkExperiment) e = mdk_experiment_new (&mdk_task_double_pole_nv_class, &mdk_neat_class);
    g_autoptr(MdkExperiment) x = mdk_experiment_new (&mdk_task_xor_class, &mdk_neat_class);
    const MdkNeatParams *p = e->optimizer_params, *q = x->optimizer_params;

    g_assert_true (p->allow_recurrent);
    g_assert_cmpfloat (p->weight_perturb_power, ==, 1.0);
    g_assert_cmpint (p->target_species, ==, 10);
    g_assert_false (q->allow_recurrent);
    mdk_experiment_set_task (x, &mdk_task_double_pole_nv_class);
    g_assert_true (q->allow_recurrent);
    g_assert_cmpint (q->target_species, ==, 10);
  }
}

/* The solution test in parts is the whole test: a part is the steps
 * balanced from its start, parts computed on several threads from a range
 * come out the same, and the end of the test counts them as the whole test
 * does; a network that fails the long episode ends the test at its start. */
static void
test_nv_test_parts (void)
{
  g_autoptr(MdkTask) task = mdk_test_task_new (&mdk_task_double_pole_nv_class, NULL);
  g_autoptr(MdkNeatGenome) genome = mdk_test_genome_new ("double-pole-nv.json");
  g_autoptr(MdkNetwork) net = mdk_network_new ();
  g_autoptr(MdkExperiment) e = mdk_experiment_new (&mdk_task_double_pole_nv_class, &mdk_neat_class);
  g_autoptr(MdkOptimizer) opt = NULL;
  g_autoptr(MdkEvaluator) evaluator = mdk_evaluator_new (3);
  g_autoptr(GError) error = NULL;
  const MdkTaskClass *klass = task->klass;
  double steps[MDK_DOUBLE_POLE_N_STARTS], parts[300];
  MdkEvalResult whole = { .test_metric = NAN }, split = { .test_metric = NAN };

  opt = mdk_optimizer_new (&mdk_neat_class, e->optimizer_params, task, 1, &error);
  g_assert_no_error (error);
  mdk_neat_genome_decode (genome, net);
  g_assert_cmpuint (klass->n_test_parts, ==, MDK_DOUBLE_POLE_N_STARTS);
  mdk_double_pole_generalisation (net, FALSE, steps);
  for (guint k = MDK_DOUBLE_POLE_N_STARTS; k > 0; k--)
    g_assert_cmpfloat (klass->test_part (task, net, k - 1), ==, steps[k - 1]);

  mdk_evaluator_run_test_parts (evaluator, opt, task, genome, 100, 300, parts);
  for (guint k = 0; k < 300; k++)
    g_assert_cmpfloat (parts[k], ==, steps[100 + k]);

  klass->test_solution (task, net, &whole);
  g_assert_true (klass->test_begin (task, net, &split));
  klass->test_end (task, steps, &split);
  g_assert_true (split.solved);
  g_assert_cmpint (split.solved, ==, whole.solved);
  g_assert_cmpfloat (split.test_metric, ==, whole.test_metric);

  {
    g_autoptr(MdkNetwork) still = linear_net_new (3, MDK_ACTIVATION_NEAT_SIGMOID, 0.0, NULL);
    MdkEvalResult r = { .test_metric = NAN };

    g_assert_false (klass->test_begin (task, still, &r));
    g_assert_true (isnan (r.test_metric));
  }
}

/* ---------------------------------------------------------------------------
 * Runs
 */

static MdkRun *
run_to_end (const MdkExperiment *e)
{
  g_autoptr(GError) error = NULL;
  MdkRun *run = mdk_run_new (e, &error);

  g_assert_no_error (error);
  while (mdk_run_step (run) == NULL)
    ;
  return run;
}

/* NEAT solves the single pole through the normal runner, and the champion
 * really balances 100,000 steps from the start of its evaluation. */
static void
test_single_solved (void)
{
  g_autoptr(MdkExperiment) e = mdk_experiment_new (&mdk_task_pole_class, &mdk_neat_class);
  g_autoptr(MdkRun) run = NULL;
  MdkEvalResult result;
  guint64 evaluations;

  e->seed = 3;
  e->threads = 2;
  e->stop.max_generations = 100;
  run = run_to_end (e);
  g_assert_true (mdk_run_is_solved (run, &evaluations, NULL));
  g_assert_cmpuint (evaluations, <, 100 * 150);
  g_assert_nonnull (mdk_run_get_champion (run, &result, NULL));
  g_assert_true (result.solved);
  g_assert_cmpfloat (result.fitness, ==, 100000);
}

/* The same history (but for the seconds) and champion. */
static void
assert_same_run (const MdkRun *a,
                 const MdkRun *b)
{
  GArray *ha = mdk_run_get_history (a), *hb = mdk_run_get_history (b);
  g_autofree char *ja = mdk_run_champion_to_json (a);
  g_autofree char *jb = mdk_run_champion_to_json (b);

  g_assert_cmpuint (ha->len, ==, hb->len);
  for (guint i = 0; i < ha->len; i++)
    g_assert_true (mdk_stats_same_outcome (&g_array_index (ha, MdkGenerationStats, i),
                                           &g_array_index (hb, MdkGenerationStats, i)));
  g_assert_cmpstr (ja, ==, jb);
}

/* A short version of the double pole without velocities (2,000 steps,
 * 10 starts), run to its end on @threads threads. */
static MdkRun *
nv_run (guint threads)
{
  g_autoptr(MdkExperiment) e = mdk_experiment_new (&mdk_task_double_pole_nv_class, &mdk_neat_class);

  g_assert_true (mdk_param_set_from_string (mdk_param_table_lookup (mdk_task_double_pole_nv_class.params,
                                                                    mdk_task_double_pole_nv_class.n_params,
                                                                    "steps"),
                                            e->task_params, "2000", NULL));
  g_assert_true (mdk_param_set_from_string (mdk_param_table_lookup (mdk_task_double_pole_nv_class.params,
                                                                    mdk_task_double_pole_nv_class.n_params,
                                                                    "starts_to_pass"),
                                            e->task_params, "10", NULL));
  ((MdkNeatParams *) e->optimizer_params)->population_size = 150;
  e->seed = 2;
  e->threads = threads;
  e->stop.max_generations = 150;
  return run_to_end (e);
}

/* The solution test through the run: the short version is solved, the
 * first solution becomes the champion, and the species checked so far are
 * saved with the run.  The run is the same on 1, 2 and 3 threads, which
 * share the test's generalisation starts. */
static void
test_nv_run (void)
{
  g_autoptr(MdkRun) run = nv_run (2);
  g_autoptr(JsonNode) state = NULL;
  MdkEvalResult result;
  guint64 evaluations;
  guint generation, n_checked;

  g_assert_true (mdk_run_is_solved (run, &evaluations, &generation));
  g_assert_cmpuint (evaluations, >, generation * 150);
  g_assert_cmpuint (evaluations, <=, (generation + 1) * 150);
  g_assert_nonnull (mdk_run_get_champion (run, &result, NULL));
  g_assert_true (result.solved);
  g_assert_cmpfloat (result.test_metric, >=, 10);
  mdk_run_get_checked_species (run, &n_checked);
  g_assert_cmpuint (n_checked, >, 0);

  state = mdk_run_state_save (run);
  g_assert_true (json_object_has_member (json_node_get_object (state), "checked_species"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (state),
                                                                        "checked_species")), ==, n_checked);

  for (guint threads = 1; threads <= 3; threads += 2)
    {
      g_autoptr(MdkRun) other = nv_run (threads);
      assert_same_run (run, other);
    }
}

/* CMA-ES with the tasks' suggested settings (a network of 3 Elman units
 * without biases, σ from 0.3 kept above 0.15) solves the double pole
 * without velocities, full solution test included, well within the budget
 * (seed 1: 349 evaluations, docs/benchmarks.md).  The champion's Elman
 * state is reset before every episode: with stale state it pushes the cart
 * exactly as a fresh copy does, and passes the test the same. */
static void
test_nv_cmaes (void)
{
  g_autoptr(MdkExperiment) e = mdk_experiment_new (&mdk_task_double_pole_nv_class, &mdk_cmaes_class);
  g_autoptr(MdkExperiment) v = mdk_experiment_new (&mdk_task_double_pole_class, &mdk_cmaes_class);
  g_autoptr(MdkTask) task = mdk_test_task_new (&mdk_task_double_pole_nv_class, NULL);
  g_autoptr(MdkNetwork) net = mdk_network_new ();
  g_autoptr(MdkRun) run = NULL;
  const MdkCmaesParams *p = e->optimizer_params, *q = v->optimizer_params;
  g_autoptr(GArray) fresh = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) used = g_array_new (FALSE, FALSE, sizeof (double));
  const double stale[3] = { 0.9, -0.7, 0.5 };
  double start[6];
  MdkEvalResult result, again = { .test_metric = NAN };
  guint64 evaluations;
  gconstpointer champion;

  g_assert_cmpstr (p->net.hidden_layers, ==, "3");
  g_assert_true (p->net.recurrent);
  g_assert_false (p->net.biases);
  g_assert_cmpfloat (p->sigma, ==, 0.3);
  g_assert_cmpfloat (p->min_sigma, ==, 0.15);
  g_assert_cmpstr (q->net.hidden_layers, ==, "");
  g_assert_false (q->net.recurrent || q->net.biases);

  e->seed = 1;
  e->threads = 2;
  e->stop.max_evaluations = 3000;
  run = run_to_end (e);
  g_assert_true (mdk_run_is_solved (run, &evaluations, NULL));
  g_assert_cmpuint (evaluations, <, 3000);
  champion = mdk_run_get_champion (run, &result, NULL);
  g_assert_true (result.solved);
  g_assert_cmpfloat (result.test_metric, >=, 200);

  mdk_optimizer_decode (mdk_run_get_optimizer (run), champion, net);
  g_assert_true (mdk_network_is_recurrent (net));
  g_assert_cmpuint (mdk_network_get_n_connections (net), ==, 21);
  mdk_double_pole_standard_start (start);
  mdk_double_pole_run (net, FALSE, start, 200, NULL, fresh);
  for (guint t = 0; t < 50; t++)
    mdk_network_activate (net, stale, NULL);
  mdk_double_pole_run (net, FALSE, start, 200, NULL, used);
  g_assert_cmpuint (used->len, ==, fresh->len);
  g_assert_cmpmem (used->data, used->len * sizeof (double), fresh->data, fresh->len * sizeof (double));
  for (guint t = 0; t < 50; t++)
    mdk_network_activate (net, stale, NULL);
  task->klass->test_solution (task, net, &again);
  g_assert_true (again.solved);
  g_assert_cmpfloat (again.test_metric, ==, result.test_metric);
}

/* Histories and champions are the same for any number of threads, with a
 * random start per evaluation (single pole) and with the solution test
 * (double pole without velocities). */
static void
test_threads (void)
{
  const MdkTaskClass *classes[] = { &mdk_task_pole_class, &mdk_task_double_pole_nv_class };

  for (guint c = 0; c < G_N_ELEMENTS (classes); c++)
    {
      g_autoptr(MdkRun) reference = NULL;
      const guint threads[] = { 1, 2, 8 };

      for (guint t = 0; t < G_N_ELEMENTS (threads); t++)
        {
          g_autoptr(MdkExperiment) e = mdk_experiment_new (classes[c], &mdk_neat_class);
          g_autoptr(MdkRun) run = NULL;

          ((MdkNeatParams *) e->optimizer_params)->population_size = 100;
          e->seed = 11;
          e->threads = threads[t];
          e->stop.max_generations = 12;
          e->stop.stop_on_solved = FALSE;
          run = run_to_end (e);
          if (reference == NULL)
            reference = g_steal_pointer (&run);
          else
            assert_same_run (reference, run);
        }
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/task/pole/single-euler", test_single_euler);
  g_test_add_func ("/core/task/pole/single-bounds", test_single_bounds);
  g_test_add_func ("/core/task/pole/double-derivatives", test_double_derivatives);
  g_test_add_func ("/core/task/pole/double-rk4-order", test_double_rk4_order);
  g_test_add_func ("/core/task/pole/double-energy", test_double_energy);
  g_test_add_func ("/core/task/pole/double-bounds", test_double_bounds);
  g_test_add_func ("/core/task/pole/generalisation-starts", test_generalisation_starts);
  g_test_add_func ("/core/task/pole/episode-failure", test_episode_failure);
  g_test_add_func ("/core/task/pole/episode-jiggle", test_episode_jiggle);
  g_test_add_func ("/core/task/pole/gruau-fitness", test_gruau_fitness);
  g_test_add_func ("/core/task/pole/single-task", test_single_task);
  g_test_add_func ("/core/task/pole/double-task", test_double_task);
  g_test_add_func ("/core/task/pole/nv-task", test_nv_task);
  g_test_add_func ("/core/task/pole/nv-test-parts", test_nv_test_parts);
  g_test_add_func ("/core/task/pole/single-solved", test_single_solved);
  g_test_add_func ("/core/task/pole/nv-run", test_nv_run);
  g_test_add_func ("/core/task/pole/nv-cmaes", test_nv_cmaes);
  g_test_add_func ("/core/task/pole/threads", test_threads);

  return g_test_run ();
}
