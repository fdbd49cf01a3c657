/* Tests for the 2-D classification task: data generation, features and
 * fitness against hand-computed values. */
#define G_LOG_DOMAIN "medaka-test"

#include "config.h"

#include "mdk-task.h"
#include "mdk-task-classify.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char * const dataset_ids[] = { "circle", "xor", "gaussians", "spirals" };

static void
params_set_valist (gpointer    params,
                   const char *first_id,
                   va_list     args)
{
  const MdkTaskClass *klass = &mdk_task_classify_class;

  for (const char *id = first_id; id != NULL; id = va_arg (args, const char *))
    {
      const char *value = va_arg (args, const char *);
      const MdkParamSpec *spec = mdk_param_table_lookup (klass->params, klass->n_params, id);
      g_autoptr(GError) error = NULL;

      g_assert_nonnull (spec);
      mdk_param_set_from_string (spec, params, value, &error);
      g_assert_no_error (error);
    }
}

/* Classify params with the given id/value string pairs (NULL-terminated)
 * set on top of the defaults. */
static gpointer
params_new (const char *first_id,
            ...)
{
  gpointer params = mdk_task_params_new (&mdk_task_classify_class);
  va_list args;

  va_start (args, first_id);
  params_set_valist (params, first_id, args);
  va_end (args);
  return params;
}

/* A task from id/value pairs; fails the test if it cannot be created. */
static MdkTask *
task_new (const char *first_id,
          ...)
{
  const MdkTaskClass *klass = &mdk_task_classify_class;
  gpointer params = mdk_task_params_new (klass);
  g_autoptr(GError) error = NULL;
  MdkTask *task;
  va_list args;

  va_start (args, first_id);
  params_set_valist (params, first_id, args);
  va_end (args);

  task = mdk_task_new (klass, params, &error);
  g_assert_no_error (error);
  g_assert_nonnull (task);
  mdk_task_params_free (klass, params);
  return task;
}

static guint
count_class (const guint8 *labels,
             guint         n,
             guint8        label)
{
  guint count = 0;

  for (guint i = 0; i < n; i++)
    count += labels[i] == label;
  return count;
}

/* A network whose output is NEAT_SIGMOID (bias) whatever the inputs. */
static MdkNetwork *
constant_net_new (guint  n_inputs,
                  double bias)
{
  MdkNetwork *net = mdk_network_new ();

  mdk_network_begin (net, n_inputs, 1, n_inputs + 2);
  mdk_network_set_node (net, n_inputs + 1, MDK_ACTIVATION_NEAT_SIGMOID, bias);
  mdk_network_compile (net);
  return net;
}

/* For inputs (x/6)², (y/6)²: class 1 when they sum to less than (3/6)²,
 * i.e. inside the circle of radius 3 that lies between the disc (radius
 * 2.5) and the ring (from 3.5). */
static MdkNetwork *
circle_net_new (double sign)
{
  MdkNetwork *net = mdk_network_new ();

  mdk_network_begin (net, 2, 1, 4);
  mdk_network_set_node (net, 3, MDK_ACTIVATION_NEAT_SIGMOID, sign * 20.0 * 0.25);
  mdk_network_add_connection (net, 0, 3, -sign * 20.0);
  mdk_network_add_connection (net, 1, 3, -sign * 20.0);
  mdk_network_compile (net);
  return net;
}

static void
evaluate (const MdkTask *task,
          MdkNetwork    *net,
          MdkEvalResult *result)
{
  MdkRng rng;

  mdk_rng_init (&rng, 42);
  mdk_task_evaluate (task, net, &rng, result);
}

static void
test_class (void)
{
  const MdkTaskClass *klass = &mdk_task_classify_class;
  g_autoptr(MdkTask) task = NULL;
  g_autoptr(GError) error = NULL;
  gpointer params;
  static const char * const ids[] = {
    "dataset", "points", "spacing", "noise", "train_fraction", "data_seed",
    "feature_x", "feature_y", "feature_x2", "feature_y2", "feature_xy",
    "feature_sin_x", "feature_sin_y", "fitness", "node_penalty",
    "connection_penalty", "solve_accuracy", "custom_points",
  };

  g_assert_true (mdk_task_class_lookup ("classify") == klass);
  g_assert_cmpstr (klass->id, ==, "classify");
  g_assert_true (klass->deterministic);
  g_assert_cmpint (klass->output_activation, ==, MDK_ACTIVATION_NEAT_SIGMOID);
  g_assert_nonnull (klass->metric_label);
  g_assert_cmpuint (strlen (klass->description), >, 100);
  g_assert_cmpuint (klass->n_params, ==, G_N_ELEMENTS (ids));

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      const MdkParamSpec *spec = mdk_param_table_lookup (klass->params, klass->n_params, ids[i]);
      g_assert_nonnull (spec);
      g_assert_nonnull (spec->label);
      g_assert_nonnull (spec->group);
      g_assert_nonnull (spec->help);
    }

  /* The defaults are valid and give the two coordinates as inputs. */
  params = mdk_task_params_new (klass);
  g_assert_true (mdk_param_table_validate (klass->params, klass->n_params, params, &error));
  g_assert_no_error (error);
  task = mdk_task_new (klass, params, &error);
  mdk_task_params_free (klass, params);
  g_assert_no_error (error);
  g_assert_cmpuint (task->n_inputs, ==, 2);
  g_assert_cmpstr (task->input_names[0], ==, "x");
  g_assert_cmpstr (task->input_names[1], ==, "y");
  g_assert_cmpuint (task->n_outputs, ==, 1);
  g_assert_cmpuint (mdk_task_classify_get_points (task, FALSE, NULL, NULL) +
                    mdk_task_classify_get_points (task, TRUE, NULL, NULL), ==, 200);
}

static void
test_datasets_balanced (void)
{
  for (guint d = 0; d < G_N_ELEMENTS (dataset_ids); d++)
    {
      g_autoptr(MdkTask) task = task_new ("dataset", dataset_ids[d], "points", "201", NULL);
      const double *xy;
      const guint8 *labels;
      guint n_train = mdk_task_classify_get_points (task, FALSE, &xy, &labels);
      guint n_test;
      guint n1_train = count_class (labels, n_train, 1);
      guint n1_test;

      g_test_message ("dataset %s", dataset_ids[d]);
      g_assert_cmpuint (n_train, ==, 101);   /* round (201 × 0.5) */
      g_assert_cmpuint (n1_train, >=, 50);
      g_assert_cmpuint (n1_train, <=, 51);
      for (guint i = 0; i < 2 * n_train; i++)
        g_assert_true (isfinite (xy[i]));

      n_test = mdk_task_classify_get_points (task, TRUE, &xy, &labels);
      n1_test = count_class (labels, n_test, 1);
      g_assert_cmpuint (n_test, ==, 100);
      g_assert_cmpuint (n1_test, >=, 49);
      g_assert_cmpuint (n1_test, <=, 51);
      g_assert_cmpuint (n1_train + n1_test, ==, 100);

      /* Roughly in [−6, 6]² (the Gaussians have unbounded tails). */
      if (g_strcmp0 (dataset_ids[d], "gaussians") != 0)
        for (guint i = 0; i < 2 * n_test; i++)
          g_assert_cmpfloat (fabs (xy[i]), <=, 5.5 + 1e-9);
    }
}

/* Without noise, every point is where its dataset says it is. */
static void
test_datasets_shape (void)
{
  const double *xy;
  const guint8 *labels;
  guint n;
  double mean[2][2] = { { 0 } };
  guint count[2] = { 0 };

  {
    g_autoptr(MdkTask) task = task_new ("dataset", "circle", "noise", "0", NULL);
    n = mdk_task_classify_get_points (task, FALSE, &xy, &labels);
    for (guint i = 0; i < n; i++)
      {
        double r = hypot (xy[2 * i], xy[2 * i + 1]);
        if (labels[i])
          g_assert_cmpfloat (r, <=, 2.5 + 1e-9);
        else
          {
            g_assert_cmpfloat (r, >=, 3.5 - 1e-9);
            g_assert_cmpfloat (r, <=, 5.0 + 1e-9);
          }
      }
  }

  {
    g_autoptr(MdkTask) task = task_new ("dataset", "xor", "noise", "0", NULL);
    n = mdk_task_classify_get_points (task, TRUE, &xy, &labels);
    for (guint i = 0; i < n; i++)
      {
        g_assert_cmpfloat (fabs (xy[2 * i]), >=, 0.5);
        g_assert_cmpfloat (fabs (xy[2 * i + 1]), >=, 0.5);
        g_assert_cmpint (labels[i], ==, xy[2 * i] * xy[2 * i + 1] > 0);
      }
  }

  {
    g_autoptr(MdkTask) task = task_new ("dataset", "gaussians", "noise", "0",
                                        "points", "2000", NULL);
    n = mdk_task_classify_get_points (task, FALSE, &xy, &labels);
    for (guint i = 0; i < n; i++)
      {
        mean[labels[i]][0] += xy[2 * i];
        mean[labels[i]][1] += xy[2 * i + 1];
        count[labels[i]]++;
      }
    for (guint c = 0; c < 2; c++)
      for (guint k = 0; k < 2; k++)
        g_assert_cmpfloat_with_epsilon (mean[c][k] / count[c], c ? 2.0 : -2.0, 0.2);
  }

  {
    g_autoptr(MdkTask) task = task_new ("dataset", "spirals", "noise", "0", NULL);
    n = mdk_task_classify_get_points (task, FALSE, &xy, &labels);
    for (guint i = 0; i < n; i++)
      g_assert_cmpfloat (hypot (xy[2 * i], xy[2 * i + 1]), <=, 5.0 + 1e-9);
  }
}

/* Evenly spaced spirals: the k-th point of a class in a set of n such
 * points lies at radius 5 k / n, in order, in the training set and in the
 * test set alike (odd sizes included), whatever the seed. */
static void
test_spirals_even (void)
{
  static const struct
  {
    const char *points;
    const char *fraction;
  } cases[] = {
    { "600", "0.33334" },     /* the demo's 200 and 400 */
    { "101", "0.5" },         /* 50 and 51: the test set starts with class 0 */
    { "13", "0.3" },          /* 4 and 9 */
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    for (guint set = 0; set < 2; set++)
      {
        g_autoptr(MdkTask) task = task_new ("dataset", "spirals", "spacing", "even",
                                            "noise", "0", "points", cases[c].points,
                                            "train_fraction", cases[c].fraction,
                                            "data_seed", c == 1 ? "7" : "1", NULL);
        const double *xy;
        const guint8 *labels;
        guint n = mdk_task_classify_get_points (task, set == 1, &xy, &labels);
        guint in_class[2] = { 0, 0 }, seen[2] = { 0, 0 };

        for (guint i = 0; i < n; i++)
          in_class[labels[i]]++;
        g_assert_cmpuint (in_class[0] + in_class[1], ==, n);
        g_assert_cmpuint (in_class[0], >=, n / 2);
        g_assert_cmpuint (in_class[1], >=, (n - 1) / 2);
        for (guint i = 0; i < n; i++)
          {
            guint8 l = labels[i];
            double expected = 5.0 * seen[l]++ / in_class[l];

            g_assert_cmpfloat_with_epsilon (hypot (xy[2 * i], xy[2 * i + 1]), expected, 1e-9);
          }
      }

  /* Random spacing is the default, and differs. */
  {
    g_autoptr(MdkTask) task = task_new ("dataset", "spirals", "noise", "0", NULL);
    const double *xy;
    const guint8 *labels;
    guint n = mdk_task_classify_get_points (task, FALSE, &xy, &labels);
    guint out_of_step = 0;

    for (guint i = 2; i < n; i += 2)
      out_of_step += hypot (xy[2 * i], xy[2 * i + 1]) < hypot (xy[2 * i - 2], xy[2 * i - 1]);
    g_assert_cmpuint (out_of_step, >, 0);
  }
}

static void
test_split (void)
{
  static const struct
  {
    const char *points;
    const char *fraction;
    guint       n_train;
  } cases[] = {
    { "100", "0.3", 30 },
    { "10", "0.1", 1 },
    { "10", "0.9", 9 },
    { "10000", "0.75", 7500 },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(MdkTask) task = task_new ("points", cases[c].points,
                                          "train_fraction", cases[c].fraction, NULL);
      guint n_points = atoi (cases[c].points);

      g_assert_cmpuint (mdk_task_classify_get_points (task, FALSE, NULL, NULL), ==,
                        cases[c].n_train);
      g_assert_cmpuint (mdk_task_classify_get_points (task, TRUE, NULL, NULL), ==,
                        n_points - cases[c].n_train);
    }
}

static void
test_data_seed (void)
{
  for (guint d = 0; d < G_N_ELEMENTS (dataset_ids); d++)
    for (guint noisy = 0; noisy < 2; noisy++)
      {
        const char *noise = noisy ? "0.2" : "0";
        g_autoptr(MdkTask) a = task_new ("dataset", dataset_ids[d], "noise", noise,
                                         "data_seed", "7", NULL);
        g_autoptr(MdkTask) b = task_new ("dataset", dataset_ids[d], "noise", noise,
                                         "data_seed", "7", NULL);
        g_autoptr(MdkTask) c = task_new ("dataset", dataset_ids[d], "noise", noise,
                                         "data_seed", "8", NULL);
        const double *xy_a, *xy_b, *xy_c;
        const guint8 *labels_a, *labels_b, *labels_c;
        const double *f_a, *f_b;
        guint n = mdk_task_classify_get_points (a, TRUE, &xy_a, &labels_a);

        g_test_message ("dataset %s, noise %s", dataset_ids[d], noise);
        g_assert_cmpuint (mdk_task_classify_get_points (b, TRUE, &xy_b, &labels_b), ==, n);
        g_assert_cmpuint (mdk_task_classify_get_points (c, TRUE, &xy_c, &labels_c), ==, n);
        g_assert_cmpmem (xy_a, 2 * n * sizeof (double), xy_b, 2 * n * sizeof (double));
        g_assert_cmpmem (labels_a, n, labels_b, n);
        g_assert_cmpint (memcmp (xy_a, xy_c, 2 * n * sizeof (double)), !=, 0);

        n = mdk_task_classify_get_features (a, FALSE, &f_a);
        g_assert_cmpuint (mdk_task_classify_get_features (b, FALSE, &f_b), ==, n);
        g_assert_cmpmem (f_a, n * a->n_inputs * sizeof (double),
                         f_b, n * b->n_inputs * sizeof (double));
      }
}

static void
test_features (void)
{
  double features[7];

  /* One feature: the network sees (x / 6)² and nothing else. */
  {
    g_autoptr(MdkTask) task = task_new ("feature_x", "false", "feature_y", "false",
                                        "feature_x2", "true", NULL);
    const double *xy;
    const double *inputs;
    guint n;

    g_assert_cmpuint (task->n_inputs, ==, 1);
    g_assert_cmpstr (task->input_names[0], ==, "x²");
    g_assert_null (task->input_names[1]);

    for (guint test = 0; test < 2; test++)
      {
        n = mdk_task_classify_get_points (task, test, &xy, NULL);
        g_assert_cmpuint (mdk_task_classify_get_features (task, test, &inputs), ==, n);
        for (guint i = 0; i < n; i++)
          g_assert_cmpfloat_with_epsilon (inputs[i], (xy[2 * i] / 6) * (xy[2 * i] / 6), 1e-12);
      }

    mdk_task_classify_features (task, 3.0, -1.5, features);
    g_assert_cmpfloat_with_epsilon (features[0], 0.25, 1e-12);
  }

  /* All of them, in a fixed order. */
  {
    g_autoptr(MdkTask) task = task_new ("feature_x2", "true", "feature_y2", "true",
                                        "feature_xy", "true", "feature_sin_x", "true",
                                        "feature_sin_y", "true", NULL);
    static const char * const names[] = { "x", "y", "x²", "y²", "xy", "sin x", "sin y" };
    const double expected[] = { 0.5, -0.25, 0.25, 0.0625, -0.125, sin (3.0), sin (-1.5) };
    const double *xy;
    const double *inputs;
    guint n;

    g_assert_cmpuint (task->n_inputs, ==, 7);
    for (guint i = 0; i < 7; i++)
      g_assert_cmpstr (task->input_names[i], ==, names[i]);

    mdk_task_classify_features (task, 3.0, -1.5, features);
    for (guint i = 0; i < 7; i++)
      g_assert_cmpfloat_with_epsilon (features[i], expected[i], 1e-12);

    /* The task's own inputs are the same mapping of its own points. */
    n = mdk_task_classify_get_points (task, FALSE, &xy, NULL);
    mdk_task_classify_get_features (task, FALSE, &inputs);
    for (guint i = 0; i < n; i++)
      {
        mdk_task_classify_features (task, xy[2 * i], xy[2 * i + 1], features);
        g_assert_cmpmem (features, sizeof features, inputs + 7 * i, sizeof features);
      }
  }

  /* A subset keeps the canonical order. */
  {
    g_autoptr(MdkTask) task = task_new ("feature_x", "false", "feature_sin_y", "true",
                                        "feature_xy", "true", NULL);

    g_assert_cmpuint (task->n_inputs, ==, 3);
    g_assert_cmpstr (task->input_names[0], ==, "y");
    g_assert_cmpstr (task->input_names[1], ==, "xy");
    g_assert_cmpstr (task->input_names[2], ==, "sin y");
    mdk_task_classify_features (task, 3.0, -1.5, features);
    g_assert_cmpfloat_with_epsilon (features[0], -0.25, 1e-12);
    g_assert_cmpfloat_with_epsilon (features[1], -0.125, 1e-12);
    g_assert_cmpfloat_with_epsilon (features[2], sin (-1.5), 1e-12);
  }
}

/* An output of exactly 0.5 says class 1 for every point: the accuracy is
 * the share of class 1, and the log-loss is ln 2 per point. */
static void
test_fitness_constant (void)
{
  g_autoptr(MdkTask) acc = task_new ("fitness", "accuracy", NULL);
  g_autoptr(MdkTask) ll = task_new ("fitness", "log-loss", NULL);
  g_autoptr(MdkNetwork) net = constant_net_new (2, 0.0);
  const guint8 *labels;
  guint n_train = mdk_task_classify_get_points (acc, FALSE, NULL, &labels);
  double share_train = (double) count_class (labels, n_train, 1) / n_train;
  guint n_test = mdk_task_classify_get_points (acc, TRUE, NULL, &labels);
  double share_test = (double) count_class (labels, n_test, 1) / n_test;
  MdkEvalResult result;

  evaluate (acc, net, &result);
  g_assert_cmpfloat_with_epsilon (result.fitness, share_train, 1e-12);
  g_assert_cmpfloat_with_epsilon (result.train_metric, share_train, 1e-12);
  g_assert_cmpfloat_with_epsilon (result.test_metric, share_test, 1e-12);
  g_assert_false (result.solved);

  evaluate (ll, net, &result);
  g_assert_cmpfloat_with_epsilon (result.fitness, 1.0 / (1.0 + G_LN2), 1e-12);
  g_assert_cmpfloat_with_epsilon (result.train_metric, share_train, 1e-12);
  g_assert_false (result.solved);
}

/* An output of exactly 1 is clamped to 1 − 1e-7 for the log-loss. */
static void
test_fitness_clamped (void)
{
  g_autoptr(MdkTask) ll = task_new ("fitness", "log-loss", "points", "300", NULL);
  g_autoptr(MdkNetwork) net = constant_net_new (2, 1000.0);
  const guint8 *labels;
  guint n_train = mdk_task_classify_get_points (ll, FALSE, NULL, &labels);
  guint n1 = count_class (labels, n_train, 1);
  double q = 1.0 - 1e-7;
  double loss = (n1 * -log (q) + (n_train - n1) * -log (1.0 - q)) / n_train;
  MdkEvalResult result;

  evaluate (ll, net, &result);
  g_assert_true (isfinite (result.fitness));
  g_assert_cmpfloat_with_epsilon (result.fitness, 1.0 / (1.0 + loss), 1e-12);
  g_assert_cmpfloat_with_epsilon (result.train_metric, (double) n1 / n_train, 1e-12);
}

/* A network that outputs NaN gets every point wrong, with a finite fitness. */
static void
test_fitness_nan (void)
{
  g_autoptr(MdkTask) acc = task_new ("fitness", "accuracy", NULL);
  g_autoptr(MdkTask) ll = task_new ("fitness", "log-loss", NULL);
  g_autoptr(MdkNetwork) net = mdk_network_new ();
  MdkEvalResult result;

  /* Hidden node 4 is +inf; the output computes inf − inf. */
  mdk_network_begin (net, 2, 1, 5);
  mdk_network_set_node (net, 4, MDK_ACTIVATION_IDENTITY, INFINITY);
  mdk_network_set_node (net, 3, MDK_ACTIVATION_IDENTITY, 0.0);
  mdk_network_add_connection (net, 4, 3, 1.0);
  mdk_network_add_connection (net, 4, 3, -1.0);
  mdk_network_compile (net);

  evaluate (acc, net, &result);
  g_assert_cmpfloat (result.fitness, ==, 0.0);
  g_assert_cmpfloat (result.train_metric, ==, 0.0);
  g_assert_cmpfloat (result.test_metric, ==, 0.0);

  evaluate (ll, net, &result);
  g_assert_cmpfloat_with_epsilon (result.fitness, 1.0 / (1.0 - log (1e-7)), 1e-12);
}

static void
test_fitness_circle (void)
{
  g_autoptr(MdkTask) acc = task_new ("dataset", "circle", "noise", "0",
                                     "feature_x", "false", "feature_y", "false",
                                     "feature_x2", "true", "feature_y2", "true", NULL);
  g_autoptr(MdkTask) ll = task_new ("dataset", "circle", "noise", "0", "fitness", "log-loss",
                                    "feature_x", "false", "feature_y", "false",
                                    "feature_x2", "true", "feature_y2", "true", NULL);
  g_autoptr(MdkTask) noisy = task_new ("dataset", "circle", "noise", "0.1",
                                       "feature_x", "false", "feature_y", "false",
                                       "feature_x2", "true", "feature_y2", "true", NULL);
  g_autoptr(MdkNetwork) net = circle_net_new (1.0);
  g_autoptr(MdkNetwork) wrong = circle_net_new (-1.0);
  const double *inputs;
  const guint8 *labels;
  guint n_train;
  double loss = 0.0;
  MdkEvalResult result;

  evaluate (acc, net, &result);
  g_assert_cmpfloat (result.fitness, ==, 1.0);
  g_assert_cmpfloat (result.train_metric, ==, 1.0);
  g_assert_cmpfloat (result.test_metric, ==, 1.0);
  g_assert_true (result.solved);

  evaluate (acc, wrong, &result);
  g_assert_cmpfloat (result.fitness, ==, 0.0);
  g_assert_cmpfloat (result.test_metric, ==, 0.0);
  g_assert_false (result.solved);

  /* Log-loss by hand from the same inputs. */
  n_train = mdk_task_classify_get_points (ll, FALSE, NULL, &labels);
  mdk_task_classify_get_features (ll, FALSE, &inputs);
  for (guint i = 0; i < n_train; i++)
    {
      double z = 20.0 * (0.25 - inputs[2 * i] - inputs[2 * i + 1]);
      double p = 1.0 / (1.0 + exp (-4.9 * z));
      p = CLAMP (p, 1e-7, 1.0 - 1e-7);
      loss -= labels[i] ? log (p) : log (1.0 - p);
    }
  evaluate (ll, net, &result);
  g_assert_cmpfloat_with_epsilon (result.fitness, 1.0 / (1.0 + loss / n_train), 1e-9);
  g_assert_cmpfloat (result.fitness, >, 0.9);
  g_assert_cmpfloat (result.train_metric, ==, 1.0);
  g_assert_true (result.solved);

  /* With noise the same boundary is still good but no longer perfect. */
  evaluate (noisy, net, &result);
  g_assert_cmpfloat (result.train_metric, >, 0.9);
  g_assert_cmpfloat (result.test_metric, >, 0.9);
}

static void
test_solve_accuracy (void)
{
  g_autoptr(MdkNetwork) net = constant_net_new (2, 0.0);
  g_autoptr(MdkTask) half = task_new ("points", "100", "solve_accuracy", "0.5", NULL);
  g_autoptr(MdkTask) more = task_new ("points", "100", "solve_accuracy", "0.51", NULL);
  MdkEvalResult result;

  /* 50 training points, 25 of class 1: the constant network gets 0.5. */
  evaluate (half, net, &result);
  g_assert_cmpfloat (result.train_metric, ==, 0.5);
  g_assert_true (result.solved);
  evaluate (more, net, &result);
  g_assert_false (result.solved);
}

static void
test_penalties (void)
{
  g_autoptr(MdkTask) plain = task_new ("dataset", "xor", NULL);
  g_autoptr(MdkTask) penalised = task_new ("dataset", "xor", "node_penalty", "0.05",
                                           "connection_penalty", "0.01", NULL);
  g_autoptr(MdkTask) ll_plain = task_new ("dataset", "xor", "fitness", "log-loss", NULL);
  g_autoptr(MdkTask) ll_penalised = task_new ("dataset", "xor", "fitness", "log-loss",
                                              "node_penalty", "0.05",
                                              "connection_penalty", "0.01", NULL);
  g_autoptr(MdkNetwork) net = mdk_network_new ();
  MdkEvalResult a, b;

  /* Two hidden nodes (4, 5) and five connections; only the counts matter
   * here, node 5 does not even reach the output. */
  mdk_network_begin (net, 2, 1, 6);
  mdk_network_set_node (net, 3, MDK_ACTIVATION_NEAT_SIGMOID, 0.0);
  mdk_network_set_node (net, 4, MDK_ACTIVATION_TANH, 0.0);
  mdk_network_set_node (net, 5, MDK_ACTIVATION_TANH, 0.0);
  mdk_network_add_connection (net, 0, 4, 1.0);
  mdk_network_add_connection (net, 1, 4, 1.0);
  mdk_network_add_connection (net, 0, 5, 1.0);
  mdk_network_add_connection (net, 1, 5, -1.0);
  mdk_network_add_connection (net, 4, 3, 1.0);
  mdk_network_compile (net);
  g_assert_cmpuint (mdk_network_get_n_hidden (net), ==, 2);
  g_assert_cmpuint (mdk_network_get_n_connections (net), ==, 5);

  evaluate (plain, net, &a);
  evaluate (penalised, net, &b);
  g_assert_cmpfloat_with_epsilon (a.fitness - b.fitness, 2 * 0.05 + 5 * 0.01, 1e-12);
  g_assert_cmpfloat (a.train_metric, ==, b.train_metric);
  g_assert_cmpfloat (a.test_metric, ==, b.test_metric);
  g_assert_true (a.solved == b.solved);

  evaluate (ll_plain, net, &a);
  evaluate (ll_penalised, net, &b);
  g_assert_cmpfloat_with_epsilon (a.fitness - b.fitness, 2 * 0.05 + 5 * 0.01, 1e-12);
}

static void
test_no_features (void)
{
  const MdkTaskClass *klass = &mdk_task_classify_class;
  gpointer params = params_new ("feature_x", "false", "feature_y", "false", NULL);
  g_autoptr(GError) error = NULL;
  MdkTask *task;

  task = mdk_task_new (klass, params, &error);
  g_assert_null (task);
  g_assert_error (error, MDK_TASK_ERROR, MDK_TASK_ERROR_PARAMS);
  g_assert_nonnull (strstr (error->message, "feature_x"));
  mdk_task_params_free (klass, params);
}

static void
test_out_of_range (void)
{
  const MdkTaskClass *klass = &mdk_task_classify_class;
  static const struct
  {
    const char *id;
    double      value;
  } cases[] = {
    { "points", 5 },
    { "points", 20000 },
    { "noise", -0.1 },
    { "noise", 1.5 },
    { "train_fraction", 0.95 },
    { "train_fraction", 0.0 },
    { "data_seed", -1 },
    { "dataset", 5 },
    { "fitness", 2 },
    { "node_penalty", -0.01 },
    { "connection_penalty", -1 },
    { "solve_accuracy", 0.4 },
    { "solve_accuracy", NAN },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      gpointer params = mdk_task_params_new (klass);
      const MdkParamSpec *spec = mdk_param_table_lookup (klass->params, klass->n_params,
                                                         cases[c].id);
      g_autoptr(GError) error = NULL;
      MdkTask *task;

      g_test_message ("%s = %g", cases[c].id, cases[c].value);
      g_assert_nonnull (spec);
      mdk_param_set_number (spec, params, cases[c].value);
      task = mdk_task_new (klass, params, &error);
      g_assert_null (task);
      g_assert_error (error, MDK_PARAM_ERROR, MDK_PARAM_ERROR_RANGE);
      mdk_task_params_free (klass, params);
    }

  /* And from a string, the range is checked on the way in. */
  {
    gpointer params = mdk_task_params_new (klass);
    const MdkParamSpec *spec = mdk_param_table_lookup (klass->params, klass->n_params, "points");
    g_autoptr(GError) error = NULL;

    g_assert_false (mdk_param_set_from_string (spec, params, "9", &error));
    g_assert_error (error, MDK_PARAM_ERROR, MDK_PARAM_ERROR_RANGE);
    mdk_task_params_free (klass, params);
  }
}

typedef struct
{
  const MdkTask *task;
  MdkEvalResult  results[3];
} ThreadData;

static void
build_thread_net (MdkNetwork *net,
                  guint       k)
{
  mdk_network_begin (net, 2, 1, 5);
  mdk_network_set_node (net, 3, MDK_ACTIVATION_NEAT_SIGMOID, 0.1 * k);
  mdk_network_set_node (net, 4, MDK_ACTIVATION_GAUSSIAN, 0.0);
  mdk_network_add_connection (net, 0, 4, 2.0 + k);
  mdk_network_add_connection (net, 1, 4, 1.0 - k);
  mdk_network_add_connection (net, 4, 3, -3.0);
  mdk_network_compile (net);
}

static gpointer
thread_func (gpointer user_data)
{
  ThreadData *data = user_data;
  g_autoptr(MdkNetwork) net = mdk_network_new ();

  for (guint rep = 0; rep < 20; rep++)
    for (guint k = 0; k < 3; k++)
      {
        MdkRng rng;

        /* A different rng each time: the task must not use it. */
        mdk_rng_init (&rng, rep * 3 + k + GPOINTER_TO_SIZE (data));
        build_thread_net (net, k);
        mdk_task_evaluate (data->task, net, &rng, &data->results[k]);
      }
  return NULL;
}

static void
test_threads (void)
{
  g_autoptr(MdkTask) task = task_new ("dataset", "spirals", "points", "2000",
                                      "fitness", "log-loss", NULL);
  g_autoptr(MdkNetwork) net = mdk_network_new ();
  MdkEvalResult expected[3];
  ThreadData data[4];
  GThread *threads[4];

  for (guint k = 0; k < 3; k++)
    {
      build_thread_net (net, k);
      evaluate (task, net, &expected[k]);
      g_assert_true (isfinite (expected[k].fitness));
    }

  for (guint t = 0; t < 4; t++)
    {
      data[t].task = task;
      threads[t] = g_thread_new ("eval", thread_func, &data[t]);
    }
  for (guint t = 0; t < 4; t++)
    {
      g_thread_join (threads[t]);
      for (guint k = 0; k < 3; k++)
        {
          g_assert_cmpfloat (data[t].results[k].fitness, ==, expected[k].fitness);
          g_assert_cmpfloat (data[t].results[k].train_metric, ==, expected[k].train_metric);
          g_assert_cmpfloat (data[t].results[k].test_metric, ==, expected[k].test_metric);
        }
    }
}

/* Painted points are exactly the string's points, all for training, in
 * order; blanks and empty entries are allowed. */
static void
test_custom_points (void)
{
  g_autoptr(MdkTask) task = task_new ("dataset", "custom",
                                      "custom_points", " -2.5, 1,0 ;3,0.5,1;;0,-6,1;6,6,0; ",
                                      "feature_x2", "true", NULL);
  static const double expected_xy[] = { -2.5, 1, 3, 0.5, 0, -6, 6, 6 };
  static const guint8 expected_labels[] = { 0, 1, 1, 0 };
  g_autoptr(MdkNetwork) net = constant_net_new (3, 0.0);
  g_autoptr(MdkTrace) trace = NULL;
  const double *xy, *features;
  const guint8 *labels;
  MdkEvalResult result;
  guint n;

  n = mdk_task_classify_get_points (task, FALSE, &xy, &labels);
  g_assert_cmpuint (n, ==, 4);
  g_assert_cmpmem (xy, 8 * sizeof (double), expected_xy, sizeof expected_xy);
  g_assert_cmpmem (labels, 4, expected_labels, sizeof expected_labels);
  g_assert_cmpuint (mdk_task_classify_get_points (task, TRUE, NULL, NULL), ==, 0);

  /* The features are those of the painted points. */
  g_assert_cmpuint (task->n_inputs, ==, 3);
  g_assert_cmpuint (mdk_task_classify_get_features (task, FALSE, &features), ==, 4);
  g_assert_cmpfloat_with_epsilon (features[0], -2.5 / 6, 1e-15);
  g_assert_cmpfloat_with_epsilon (features[1], 1.0 / 6, 1e-15);
  g_assert_cmpfloat_with_epsilon (features[2], (2.5 / 6) * (2.5 / 6), 1e-15);
  g_assert_cmpfloat_with_epsilon (features[3 * 3 + 1], 1.0, 1e-15);

  /* An output of 0.5 says class 1: right for two of the four; no test
   * points, so no test metric. */
  evaluate (task, net, &result);
  g_assert_cmpfloat (result.train_metric, ==, 0.5);
  g_assert_cmpfloat (result.fitness, ==, 0.5);
  g_assert_true (isnan (result.test_metric));
  g_assert_false (result.solved);

  /* The trace shows the same points, none of them a test point. */
  trace = mdk_task_trace (task, net);
  g_assert_nonnull (trace);
  g_assert_cmpint (trace->kind, ==, MDK_TRACE_DECISION_GRID);
  g_assert_cmpuint (trace->n_points, ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      g_assert_cmpfloat (trace->points[4 * i], ==, expected_xy[2 * i]);
      g_assert_cmpfloat (trace->points[4 * i + 1], ==, expected_xy[2 * i + 1]);
      g_assert_cmpfloat (trace->points[4 * i + 2], ==, expected_labels[i]);
      g_assert_cmpfloat (trace->points[4 * i + 3], ==, 0.0);
    }
}

/* Every mistake in the string is refused with a message that says which
 * point is wrong and how. */
static void
test_custom_points_errors (void)
{
  const MdkTaskClass *klass = &mdk_task_classify_class;
  static const struct
  {
    const char *points;
    const char *needle1;
    const char *needle2;
  } cases[] = {
    { "", "No points", "each class" },
    { " ; ;", "No points", "each class" },
    { "1,1,0", "Only one point", "each class" },
    { "1,1,0;2,2,0;-3,4,0", "All 3 painted points are in class 0", "other class" },
    { "1,1,1;2,2,1", "All 2 painted points are in class 1", "other class" },
    { "1,1,0;abc,2,1", "point 2:", "“abc” is not a number" },
    { "1,1,0;2,,1", "point 2:", "a coordinate is missing" },
    { "1,1,0;2,1e999,1", "point 2:", "“1e999” is not a number" },
    { "1,1,0;;nan,1,1", "point 2:", "“nan” is not a number" },
    { "1,1,0;2,2,1;7,0,1", "point 3:", "coordinate 7 is outside" },
    { "1,1,0;2,-6.5,1", "point 2:", "coordinate -6.5 is outside" },
    { "1,1,2;2,2,1", "point 1:", "the class is “2”" },
    { "1,1,0;2,2,1x", "point 2:", "the class is “1x”" },
    { "1,1,0;2,2,0.5", "point 2:", "the class is “0.5”" },
    { "1,1;2,2,1", "point 1,", "“1,1”" },
    { "1,1,0,0;2,2,1", "point 1,", "x,y,class" },
    /* A decimal comma makes four fields. */
    { "1,5,2,0;2,2,1", "point 1,", "“1,5,2,0”" },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      gpointer params = params_new ("dataset", "custom", "custom_points", cases[c].points,
                                    NULL);
      g_autoptr(GError) error = NULL;
      MdkTask *task;

      task = mdk_task_new (klass, params, &error);
      mdk_task_params_free (klass, params);
      g_test_message ("“%s” → %s", cases[c].points, error ? error->message : "(no error)");
      g_assert_null (task);
      g_assert_error (error, MDK_TASK_ERROR, MDK_TASK_ERROR_PARAMS);
      g_assert_nonnull (strstr (error->message, cases[c].needle1));
      g_assert_nonnull (strstr (error->message, cases[c].needle2));
    }

  /* Other datasets ignore the painted points, whatever they hold. */
  {
    g_autoptr(MdkTask) task = task_new ("dataset", "circle", "custom_points", "rubbish",
                                        NULL);
    g_assert_cmpuint (mdk_task_classify_get_points (task, FALSE, NULL, NULL) +
                      mdk_task_classify_get_points (task, TRUE, NULL, NULL), ==, 200);
  }
}

static void
test_add_point (void)
{
  g_autofree char *a = mdk_task_classify_add_point (NULL, 1.5, -2.0, 1);
  g_autofree char *b = mdk_task_classify_add_point (a, -0.0001, 3.14159, 0);
  g_autofree char *c = mdk_task_classify_add_point ("1,1,0;", 2.0, 2.0, 1);
  g_autofree char *d = mdk_task_classify_add_point ("1,1,0 ; \n", 2.0, 2.0, 1);
  g_autofree char *e = mdk_task_classify_add_point ("", 7.0, -9.0, 0);
  g_autofree char *f = mdk_task_classify_add_point (" ", 0.0005, -0.12345, 1);
  g_autofree char *all = NULL;
  const double *xy;
  const guint8 *labels;

  g_assert_cmpstr (a, ==, "1.5,-2,1");
  g_assert_cmpstr (b, ==, "1.5,-2,1;0,3.142,0");
  g_assert_cmpstr (c, ==, "1,1,0;2,2,1");
  g_assert_cmpstr (d, ==, "1,1,0 ;2,2,1");
  g_assert_cmpstr (e, ==, "6,-6,0");
  g_assert_cmpstr (f, ==, "0.001,-0.123,1");

  /* What it writes, the task reads back. */
  all = g_strconcat (b, ";", e, ";", f, NULL);
  {
    g_autoptr(MdkTask) task = task_new ("dataset", "custom", "custom_points", all, NULL);
    static const double expected_xy[] = { 1.5, -2, 0, 3.142, 6, -6, 0.001, -0.123 };
    static const guint8 expected_labels[] = { 1, 0, 0, 1 };

    g_assert_cmpuint (mdk_task_classify_get_points (task, FALSE, &xy, &labels), ==, 4);
    g_assert_cmpmem (xy, sizeof expected_xy, expected_xy, sizeof expected_xy);
    g_assert_cmpmem (labels, 4, expected_labels, 4);
  }
}

/* Painting can start from any dataset: its points, written out, give a
 * custom dataset with the same points (rounded to 1/1000), all for
 * training. */
static void
test_points_to_string (void)
{
  g_autoptr(MdkTask) task = task_new ("dataset", "gaussians", "points", "40", NULL);
  g_autofree char *text = mdk_task_classify_points_to_string (task);
  g_autoptr(MdkTask) painted = task_new ("dataset", "custom", "custom_points", text, NULL);
  const double *xy[2], *out_xy;
  const guint8 *labels[2], *out_labels;
  guint n[2];
  guint k = 0;

  n[0] = mdk_task_classify_get_points (task, FALSE, &xy[0], &labels[0]);
  n[1] = mdk_task_classify_get_points (task, TRUE, &xy[1], &labels[1]);
  g_assert_cmpuint (mdk_task_classify_get_points (painted, FALSE, &out_xy, &out_labels), ==,
                    n[0] + n[1]);
  g_assert_cmpuint (mdk_task_classify_get_points (painted, TRUE, NULL, NULL), ==, 0);

  /* Training points first, then test points, in order. */
  for (guint set = 0; set < 2; set++)
    for (guint i = 0; i < n[set]; i++, k++)
      {
        g_assert_cmpfloat_with_epsilon (out_xy[2 * k], CLAMP (xy[set][2 * i], -6, 6), 5.0001e-4);
        g_assert_cmpfloat_with_epsilon (out_xy[2 * k + 1], CLAMP (xy[set][2 * i + 1], -6, 6),
                                        5.0001e-4);
        g_assert_cmpuint (out_labels[k], ==, labels[set][i]);
      }

  /* Adding a point to it adds one training point. */
  {
    g_autofree char *more = mdk_task_classify_add_point (text, 1, 1, 1);
    g_autoptr(MdkTask) bigger = task_new ("dataset", "custom", "custom_points", more, NULL);

    g_assert_cmpuint (mdk_task_classify_get_points (bigger, FALSE, NULL, NULL), ==, 41);
  }
}

/* Gradient training sees the training points, labels as targets; painted
 * points are all training points. */
static void
test_training_data (void)
{
  g_autoptr(MdkTask) task = task_new ("dataset", "spirals", "feature_x2", "true", NULL);
  g_autoptr(MdkTask) painted = task_new ("dataset", "custom", "custom_points", "1,1,1;-2,0,0;3,3,1", NULL);
  const double *features;
  const guint8 *labels;
  MdkTrainingData data;
  guint n;

  g_assert_true (mdk_task_get_training_data (task, &data));
  n = mdk_task_classify_get_features (task, FALSE, &features);
  g_assert_cmpuint (mdk_task_classify_get_points (task, FALSE, NULL, &labels), ==, n);
  g_assert_cmpuint (data.n_rows, ==, n);
  g_assert_cmpuint (n, ==, 100);
  g_assert_cmpuint (data.n_inputs, ==, 3);
  g_assert_cmpuint (data.n_outputs, ==, 1);
  g_assert_cmpint (data.loss, ==, MDK_LOSS_CROSS_ENTROPY);
  g_assert_true (data.inputs == features);
  for (guint i = 0; i < n; i++)
    g_assert_cmpfloat (data.targets[i], ==, labels[i]);

  g_assert_true (mdk_task_get_training_data (painted, &data));
  g_assert_cmpuint (data.n_rows, ==, 3);
  g_assert_cmpfloat (data.targets[0], ==, 1.0);
  g_assert_cmpfloat (data.targets[1], ==, 0.0);
  g_assert_cmpfloat (data.targets[2], ==, 1.0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/task/classify/class", test_class);
  g_test_add_func ("/core/task/classify/datasets-balanced", test_datasets_balanced);
  g_test_add_func ("/core/task/classify/datasets-shape", test_datasets_shape);
  g_test_add_func ("/core/task/classify/split", test_split);
  g_test_add_func ("/core/task/classify/spirals-even", test_spirals_even);
  g_test_add_func ("/core/task/classify/data-seed", test_data_seed);
  g_test_add_func ("/core/task/classify/features", test_features);
  g_test_add_func ("/core/task/classify/fitness-constant", test_fitness_constant);
  g_test_add_func ("/core/task/classify/fitness-clamped", test_fitness_clamped);
  g_test_add_func ("/core/task/classify/fitness-nan", test_fitness_nan);
  g_test_add_func ("/core/task/classify/fitness-circle", test_fitness_circle);
  g_test_add_func ("/core/task/classify/solve-accuracy", test_solve_accuracy);
  g_test_add_func ("/core/task/classify/penalties", test_penalties);
  g_test_add_func ("/core/task/classify/no-features", test_no_features);
  g_test_add_func ("/core/task/classify/out-of-range", test_out_of_range);
  g_test_add_func ("/core/task/classify/threads", test_threads);
  g_test_add_func ("/core/task/classify/custom-points", test_custom_points);
  g_test_add_func ("/core/task/classify/custom-points-errors", test_custom_points_errors);
  g_test_add_func ("/core/task/classify/add-point", test_add_point);
  g_test_add_func ("/core/task/classify/points-to-string", test_points_to_string);
  g_test_add_func ("/core/task/classify/training-data", test_training_data);

  return g_test_run ();
}
