/* Function regression: reproduce a built-in function from samples.
 *
 * One-input functions on x ∈ [−1, 1]: a sine period sin (πx), a Gaussian
 * bump e^(−5x²) and |x|; one two-input surface on [−1, 1]²: sin (πx) cos (πy).
 * The fitness samples are evenly spaced, both ends included (`samples` per
 * input); the test samples lie halfway between them, so the test error
 * shows whether the network interpolates or only hits its samples.  The
 * output is read as it is (the task suggests an identity output), fitness
 * is 1 / (1 + MSE) as for CSV regression, and the task is solved when the
 * training MSE reaches the target.  For regression on a column of your own
 * data, use the CSV task with the regression problem. */
#define G_LOG_DOMAIN "medaka-task"

#include "config.h"

#include "mdk-task.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stddef.h>

typedef enum
{
  FUNCTION_SINE,
  FUNCTION_GAUSSIAN,
  FUNCTION_ABS,
  FUNCTION_SURFACE,
} RegressionFunction;

typedef struct
{
  int    function;
  int    samples;
  double solve_mse;
} MdkTaskRegressionParams;

typedef struct
{
  int     function;
  guint   n_in;
  guint   n_train;
  guint   n_test;
  double *inputs;      /* training rows, then test rows */
  double *targets;
  double  solve_mse;
} RegressionData;

/* Points along each input of the trace's curve or surface. */
#define TRACE_CURVE_POINTS 201
#define TRACE_SURFACE_SIDE 61

static const MdkParamChoice function_choices[] = {
  { "sine", N_("Sine, sin (πx)") },
  { "gaussian", N_("Gaussian, e^(−5x²)") },
  { "abs", N_("Absolute value, |x|") },
  { "surface", N_("Surface, sin (πx) cos (πy)") },
  { NULL, NULL }
};

static const MdkParamSpec regression_params[] = {
  {
    .id = "function",
    .label = N_("Function"),
    .group = N_("Function"),
    .help = N_("The function to reproduce, on inputs from −1 to 1."),
    .type = MDK_PARAM_CHOICE,
    .def = FUNCTION_SINE,
    .choices = function_choices,
    .offset = offsetof (MdkTaskRegressionParams, function),
  },
  {
    .id = "samples",
    .label = N_("Samples per input"),
    .group = N_("Function"),
    .help = N_("Evenly spaced training samples along each input, both ends included; "
               "the surface has this many squared. Test samples lie halfway between "
               "them."),
    .type = MDK_PARAM_INT,
    .min = 2,
    .max = 1000,
    .def = 21,
    .offset = offsetof (MdkTaskRegressionParams, samples),
  },
  {
    .id = "solve_mse",
    .label = N_("Error to solve"),
    .group = N_("Function"),
    .help = N_("The task is solved when the mean squared error on the training samples "
               "is at most this."),
    .type = MDK_PARAM_DOUBLE,
    .min = 0.0,
    .max = 100.0,
    .def = 0.001,
    .offset = offsetof (MdkTaskRegressionParams, solve_mse),
  },
};

/* The value of @function at (@x, @y); the one-input functions ignore @y. */
static double
target_of (int    function,
           double x,
           double y)
{
  switch (function)
    {
    case FUNCTION_GAUSSIAN:
      return exp (-5.0 * x * x);
    case FUNCTION_ABS:
      return fabs (x);
    case FUNCTION_SURFACE:
      return sin (G_PI * x) * cos (G_PI * y);
    case FUNCTION_SINE:
    default:
      return sin (G_PI * x);
    }
}

/* Sample i of n evenly spaced on [−1, 1], both ends included; n = 1 is 0. */
static double
grid_point (guint i,
            guint n)
{
  return n > 1 ? -1.0 + 2.0 * i / (n - 1) : 0.0;
}

/* Fills rows on an n (× n) grid, or at the n − 1 (× n − 1) midpoints. */
static void
fill_rows (RegressionData *d,
           double         *inputs,
           double         *targets,
           guint           n,
           gboolean        midpoints)
{
  guint m = midpoints ? n - 1 : n;
  guint rows = d->n_in == 2 ? m * m : m;

  for (guint r = 0; r < rows; r++)
    {
      guint i = r % m, j = r / m;
      double x = midpoints ? 0.5 * (grid_point (i, n) + grid_point (i + 1, n)) : grid_point (i, n);
      double y = 0.0;

      if (d->n_in == 2)
        y = midpoints ? 0.5 * (grid_point (j, n) + grid_point (j + 1, n)) : grid_point (j, n);
      inputs[r * d->n_in] = x;
      if (d->n_in == 2)
        inputs[r * d->n_in + 1] = y;
      targets[r] = target_of (d->function, x, y);
    }
}

static gboolean
regression_init (MdkTask  *task,
                 GError  **error)
{
  const MdkTaskRegressionParams *params = task->params;
  static const char * const inputs[] = { "x", "y" };
  static const char * const outputs_1[] = { "y" };
  static const char * const outputs_2[] = { "z" };
  RegressionData *d = g_new0 (RegressionData, 1);
  guint n = params->samples;

  d->function = params->function;
  d->n_in = params->function == FUNCTION_SURFACE ? 2 : 1;
  d->solve_mse = params->solve_mse;
  d->n_train = d->n_in == 2 ? n * n : n;
  d->n_test = d->n_in == 2 ? (n - 1) * (n - 1) : n - 1;
  d->inputs = g_new (double, (gsize) (d->n_train + d->n_test) * d->n_in);
  d->targets = g_new (double, d->n_train + d->n_test);
  fill_rows (d, d->inputs, d->targets, n, FALSE);
  fill_rows (d, d->inputs + (gsize) d->n_train * d->n_in, d->targets + d->n_train, n, TRUE);

  task->priv = d;
  mdk_task_set_names (task, inputs, d->n_in, d->n_in == 2 ? outputs_2 : outputs_1, 1);
  return TRUE;
}

static void
regression_finalize (MdkTask *task)
{
  RegressionData *d = task->priv;

  if (d == NULL)
    return;
  g_free (d->inputs);
  g_free (d->targets);
  g_clear_pointer (&task->priv, g_free);
}

static double
mse_of (const double *out,
        const double *targets,
        guint         n)
{
  double sum = 0.0;

  for (guint r = 0; r < n; r++)
    {
      double e = out[r] - targets[r];

      sum += isfinite (e) ? e * e : INFINITY;
    }
  return sum / n;
}

static void
regression_evaluate (const MdkTask *task,
                     MdkNetwork    *net,
                     MdkRng        *rng,
                     MdkEvalResult *result)
{
  const RegressionData *d = task->priv;
  guint n = d->n_train + d->n_test;
  double *out = mdk_network_get_scratch (net, n);
  double train;

  mdk_network_activate_batch (net, d->inputs, n, out);
  train = mse_of (out, d->targets, d->n_train);
  result->fitness = 1.0 / (1.0 + train);
  result->train_metric = train;
  result->test_metric = d->n_test > 0 ? mse_of (out + d->n_train, d->targets + d->n_train, d->n_test) : NAN;
  result->solved = train <= d->solve_mse;
}

/* The curve (one input) or the surface (two) of target and prediction,
 * finer than the samples, with the training samples. */
static MdkTrace *
regression_trace (const MdkTask *task,
                  MdkNetwork    *net)
{
  const RegressionData *d = task->priv;
  MdkTrace *trace = mdk_trace_new (MDK_TRACE_FUNCTION);
  guint n = d->n_in == 2 ? TRACE_SURFACE_SIDE * TRACE_SURFACE_SIDE : TRACE_CURVE_POINTS;
  double *in = g_new (double, (gsize) n * d->n_in);
  double *target = g_new (double, n);
  double *out = g_new (double, n);

  {
    RegressionData grid = *d;

    fill_rows (&grid, in, target, d->n_in == 2 ? TRACE_SURFACE_SIDE : TRACE_CURVE_POINTS, FALSE);
  }
  mdk_network_activate_batch (net, in, n, out);

  trace->n_cols = d->n_in;
  trace->n_points = d->n_train;
  trace->points = g_new (double, 2 * (gsize) d->n_train);
  for (guint r = 0; r < d->n_train; r++)
    {
      trace->points[2 * r] = d->inputs[(gsize) r * d->n_in];
      trace->points[2 * r + 1] = d->n_in == 2 ? d->inputs[(gsize) r * d->n_in + 1] : d->targets[r];
    }
  if (d->n_in == 1)
    {
      trace->n_rows = n;
      trace->values = g_new (double, 3 * (gsize) n);
      for (guint r = 0; r < n; r++)
        {
          trace->values[3 * r] = in[r];
          trace->values[3 * r + 1] = target[r];
          trace->values[3 * r + 2] = out[r];
        }
      g_free (target);
      g_free (out);
    }
  else
    {
      trace->width = trace->height = TRACE_SURFACE_SIDE;
      trace->x0 = trace->y0 = -1.0;
      trace->x1 = trace->y1 = 1.0;
      trace->values = target;
      trace->values2 = out;
    }
  g_free (in);

  trace->labels = g_new0 (char *, d->n_in + 2);
  for (guint i = 0; i < d->n_in; i++)
    trace->labels[i] = g_strdup (task->input_names[i]);
  trace->labels[d->n_in] = g_strdup (task->output_names[0]);
  return trace;
}

/* Backprop-NEAT: the training samples (the test ones come after them),
 * with the squared error that the fitness counts. */
static gboolean
regression_get_training_data (const MdkTask   *task,
                              MdkTrainingData *data)
{
  const RegressionData *d = task->priv;

  *data = (MdkTrainingData) {
    .n_rows = d->n_train,
    .n_inputs = d->n_in,
    .n_outputs = 1,
    .inputs = d->inputs,
    .targets = d->targets,
    .loss = MDK_LOSS_SQUARED_ERROR,
  };
  return TRUE;
}

const MdkTaskClass mdk_task_regression_class = {
  .id = "regression",
  .label = N_("Function regression"),
  .description = N_("Reproduce a function from evenly spaced samples: a sine period, a "
                    "Gaussian bump or an absolute value of one input, or a surface of two, "
                    "all on inputs from −1 to 1. The output is used as it is. Fitness is "
                    "1 / (1 + mean squared error) on the samples; the task is solved when "
                    "that error falls to its target. The test error is measured halfway "
                    "between the samples, where the network was never trained. For a "
                    "column of your own data, use the CSV task with the regression "
                    "problem."),
  .metric_label = N_("Mean squared error"),
  .params = regression_params,
  .n_params = G_N_ELEMENTS (regression_params),
  .params_size = sizeof (MdkTaskRegressionParams),
  .deterministic = TRUE,
  .output_activation = MDK_ACTIVATION_IDENTITY,
  .init = regression_init,
  .finalize = regression_finalize,
  .evaluate = regression_evaluate,
  .trace = regression_trace,
  .get_training_data = regression_get_training_data,
};
