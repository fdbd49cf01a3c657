/* The function regression task: its targets on the sample grid and halfway
 * between (errors of a straight line worked out here), networks built to be
 * each function solving it, and the trace of a curve and of a surface. */
#define G_LOG_DOMAIN "medaka-test"

#include "config.h"

#include <math.h>

#include "mdk-task.h"

static MdkTask *
task_new (const char *function,
          const char *samples)
{
  const MdkTaskClass *klass = &mdk_task_regression_class;
  gpointer params = mdk_task_params_new (klass);
  g_autoptr(GError) error = NULL;
  MdkTask *task;

  g_assert_true (mdk_param_set_from_string (mdk_param_table_lookup (klass->params, klass->n_params, "function"),
                                            params, function, &error));
  g_assert_true (mdk_param_set_from_string (mdk_param_table_lookup (klass->params, klass->n_params, "samples"),
                                            params, samples, &error));
  task = mdk_task_new (klass, params, &error);
  g_assert_no_error (error);
  mdk_task_params_free (klass, params);
  return task;
}

/* Output = @activation (@weight · x + @bias) through one hidden node, or
 * the identity of x when @activation is the identity. */
static MdkNetwork *
curve_net_new (guint         n_inputs,
               MdkActivation activation,
               double        weight,
               double        bias)
{
  MdkNetwork *net = mdk_network_new ();
  guint out = n_inputs + 1, hidden = n_inputs + 2;

  mdk_network_begin (net, n_inputs, 1, n_inputs + 3);
  mdk_network_set_node (net, out, MDK_ACTIVATION_IDENTITY, 0.0);
  mdk_network_set_node (net, hidden, activation, bias);
  mdk_network_add_connection (net, 0, hidden, weight);
  mdk_network_add_connection (net, hidden, out, 1.0);
  mdk_network_compile (net);
  return net;
}

static double
target (const char *function,
        double      x,
        double      y)
{
  if (g_str_equal (function, "sine"))
    return sin (G_PI * x);
  if (g_str_equal (function, "gaussian"))
    return exp (-5.0 * x * x);
  if (g_str_equal (function, "abs"))
    return fabs (x);
  return sin (G_PI * x) * cos (G_PI * y);
}

/* The output y = x: its mean squared error on the samples (n per input,
 * both ends) and on the midpoints, summed here. */
static void
test_targets (void)
{
  const char *functions[] = { "sine", "gaussian", "abs", "surface" };

  for (guint f = 0; f < G_N_ELEMENTS (functions); f++)
    {
      gboolean two = g_str_equal (functions[f], "surface");
      guint n = 11, m = 10;
      g_autoptr(MdkTask) task = task_new (functions[f], "11");
      g_autoptr(MdkNetwork) line = curve_net_new (two ? 2 : 1, MDK_ACTIVATION_IDENTITY, 1.0, 0.0);
      double train = 0.0, test = 0.0;
      MdkEvalResult r;
      MdkRng rng;

      g_assert_cmpuint (task->n_inputs, ==, two ? 2 : 1);
      for (guint j = 0; j < (two ? n : 1); j++)
        for (guint i = 0; i < n; i++)
          {
            double x = -1.0 + 2.0 * i / (n - 1), y = two ? -1.0 + 2.0 * j / (n - 1) : 0.0;
            double e = x - target (functions[f], x, y);

            train += e * e;
          }
      train /= two ? n * n : n;
      for (guint j = 0; j < (two ? m : 1); j++)
        for (guint i = 0; i < m; i++)
          {
            double x = -1.0 + 2.0 * (i + 0.5) / (n - 1), y = two ? -1.0 + 2.0 * (j + 0.5) / (n - 1) : 0.0;
            double e = x - target (functions[f], x, y);

            test += e * e;
          }
      test /= two ? m * m : m;

      mdk_rng_init (&rng, 1);
      mdk_task_evaluate (task, line, &rng, &r);
      g_assert_cmpfloat_with_epsilon (r.train_metric, train, 1e-12);
      g_assert_cmpfloat_with_epsilon (r.test_metric, test, 1e-12);
      g_assert_cmpfloat_with_epsilon (r.fitness, 1.0 / (1.0 + train), 1e-12);
      g_assert_false (r.solved);
    }
}

/* Networks that are the functions: sin (π x), e^(−(√5 x)²) and |x|. */
static void
test_exact_networks (void)
{
  const struct { const char *function; MdkActivation activation; double weight; } cases[] = {
    { "sine", MDK_ACTIVATION_SINE, G_PI },
    { "gaussian", MDK_ACTIVATION_GAUSSIAN, sqrt (5.0) },
    { "abs", MDK_ACTIVATION_ABS, 1.0 },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(MdkTask) task = task_new (cases[c].function, "21");
      g_autoptr(MdkNetwork) net = curve_net_new (1, cases[c].activation, cases[c].weight, 0.0);
      MdkEvalResult r;
      MdkRng rng;

      mdk_rng_init (&rng, 1);
      mdk_task_evaluate (task, net, &rng, &r);
      g_assert_true (r.solved);
      g_assert_cmpfloat (r.train_metric, <, 1e-25);
      g_assert_cmpfloat (r.test_metric, <, 1e-25);
    }
}

/* The curve's trace: x from −1 to 1, the target, the prediction, and the
 * samples on the target; the surface's: two grids on [−1, 1]². */
static void
test_trace (void)
{
  g_autoptr(MdkTask) curve = task_new ("gaussian", "9");
  g_autoptr(MdkTask) surface = task_new ("surface", "5");
  g_autoptr(MdkNetwork) line = curve_net_new (1, MDK_ACTIVATION_IDENTITY, 1.0, 0.0);
  g_autoptr(MdkNetwork) plane = curve_net_new (2, MDK_ACTIVATION_IDENTITY, 1.0, 0.0);
  g_autoptr(MdkTrace) a = mdk_task_trace (curve, line);
  g_autoptr(MdkTrace) b = mdk_task_trace (surface, plane);

  g_assert_cmpint (a->kind, ==, MDK_TRACE_FUNCTION);
  g_assert_cmpuint (a->n_cols, ==, 1);
  g_assert_cmpuint (a->n_rows, >, 100);
  g_assert_cmpfloat (a->values[0], ==, -1.0);
  g_assert_cmpfloat (a->values[3 * (a->n_rows - 1)], ==, 1.0);
  for (guint r = 0; r < a->n_rows; r++)
    {
      double x = a->values[3 * r];

      g_assert_cmpfloat_with_epsilon (a->values[3 * r + 1], exp (-5.0 * x * x), 1e-15);
      g_assert_cmpfloat (a->values[3 * r + 2], ==, x);
      if (r > 0)
        g_assert_cmpfloat (x, >, a->values[3 * (r - 1)]);
    }
  g_assert_cmpuint (a->n_points, ==, 9);
  for (guint p = 0; p < 9; p++)
    {
      double x = -1.0 + 2.0 * p / 8;

      g_assert_cmpfloat_with_epsilon (a->points[2 * p], x, 1e-15);
      g_assert_cmpfloat_with_epsilon (a->points[2 * p + 1], exp (-5.0 * x * x), 1e-15);
    }
  g_assert_cmpstr (a->labels[0], ==, "x");
  g_assert_cmpstr (a->labels[1], ==, "y");

  g_assert_cmpuint (b->n_cols, ==, 2);
  g_assert_cmpuint (b->n_points, ==, 25);
  g_assert_cmpfloat (b->x0, ==, -1.0);
  g_assert_cmpfloat (b->y1, ==, 1.0);
  for (guint j = 0; j < b->height; j++)
    for (guint i = 0; i < b->width; i++)
      {
        double x = -1.0 + 2.0 * i / (b->width - 1), y = -1.0 + 2.0 * j / (b->height - 1);

        g_assert_cmpfloat_with_epsilon (b->values[j * b->width + i], target ("surface", x, y), 1e-12);
        g_assert_cmpfloat_with_epsilon (b->values2[j * b->width + i], x, 1e-15);
      }
  g_assert_cmpstr (b->labels[2], ==, "z");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/task/regression/targets", test_targets);
  g_test_add_func ("/core/task/regression/exact-networks", test_exact_networks);
  g_test_add_func ("/core/task/regression/trace", test_trace);

  return g_test_run ();
}
