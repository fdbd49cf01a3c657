/* Gradients through compiled networks, and training by them. */
#include "config.h"

#include <math.h>

#include "mdk-backprop.h"
#include "mdk-neat-genome.h"
#include "mdk-task.h"

/* A random feed-forward NEAT genome: a start genome grown by add-node and
 * add-connection mutations, every computed node with @activation (or a
 * random one when @activation is MDK_N_ACTIVATIONS), random biases. */
static MdkNeatGenome *
random_genome (guint          n_inputs,
               guint          n_outputs,
               MdkActivation  activation,
               MdkRng        *rng)
{
  MdkNeatParams params;
  g_autoptr(MdkNeatInnovation) tracker = mdk_neat_innovation_new ((n_inputs + 1) * n_outputs + 1,
                                                                  n_inputs + 1 + n_outputs);
  MdkNeatGenome *g = mdk_neat_genome_new_minimal (n_inputs, n_outputs, MDK_ACTIVATION_TANH, 1.5, rng);

  mdk_neat_params_init_defaults (&params);
  params.initial_weight_range = 1.5;
  for (guint i = 0; i < 6; i++)
    mdk_neat_genome_mutate_add_node (g, &params, tracker, rng);
  for (guint i = 0; i < 10; i++)
    mdk_neat_genome_mutate_add_connection (g, &params, tracker, rng);
  for (guint i = n_inputs + 1; i < g->n_nodes; i++)
    {
      g->nodes[i].activation = activation < MDK_N_ACTIVATIONS
                               ? activation : mdk_rng_below (rng, MDK_N_ACTIVATIONS);
      g->nodes[i].bias = mdk_rng_range (rng, -0.5, 0.5);
    }
  /* Stacked squares grow as a power tower: smaller weights keep their
   * values (and so the finite differences) within reason. */
  for (guint c = 0; c < g->n_conns; c++)
    g->conns[c].weight = mdk_rng_range (rng, -1.5, 1.5) * (activation == MDK_ACTIVATION_SQUARE ? 0.4 : 1.0);
  g_assert_true (mdk_neat_genome_is_acyclic (g));
  return g;
}

typedef struct
{
  MdkTrainingData data;
  double         *inputs;
  double         *targets;
} Data;

static void
data_init (Data    *d,
           guint    n_rows,
           guint    n_inputs,
           guint    n_outputs,
           MdkLoss  loss,
           MdkRng  *rng)
{
  d->inputs = g_new (double, n_rows * n_inputs);
  d->targets = g_new0 (double, n_rows * n_outputs);
  for (guint i = 0; i < n_rows * n_inputs; i++)
    d->inputs[i] = mdk_rng_range (rng, -1.0, 1.0);
  for (guint r = 0; r < n_rows; r++)
    if (loss == MDK_LOSS_SQUARED_ERROR)
      for (guint o = 0; o < n_outputs; o++)
        d->targets[r * n_outputs + o] = mdk_rng_uniform (rng);
    else if (n_outputs == 1)
      d->targets[r] = mdk_rng_below (rng, 2);
    else
      d->targets[r * n_outputs + mdk_rng_below (rng, n_outputs)] = 1.0;
  d->data = (MdkTrainingData) {
    .n_rows = n_rows,
    .n_inputs = n_inputs,
    .n_outputs = n_outputs,
    .inputs = d->inputs,
    .targets = d->targets,
    .loss = loss,
  };
}

static void
data_clear (Data *d)
{
  g_free (d->inputs);
  g_free (d->targets);
}

static double
loss_at (MdkNetwork            *net,
         const MdkTrainingData *data,
         double                *p,
         guint                  i,
         double                 value)
{
  double keep = p[i], loss;

  p[i] = value;
  mdk_backprop_set_parameters (net, p);
  loss = mdk_backprop_loss (net, data);
  p[i] = keep;
  mdk_backprop_set_parameters (net, p);
  return loss;
}

/* The analytic gradient against five-point central differences, parameter
 * by parameter (fourth order, so that even networks of stacked squares
 * with huge losses compare closely). */
static void
check_gradient (MdkNetwork            *net,
                const MdkTrainingData *data,
                const char            *what)
{
  guint n = mdk_backprop_n_parameters (net);
  g_autofree double *p = g_new (double, n);
  g_autofree double *grad = g_new (double, n);
  double loss = mdk_backprop_gradient (net, data, NULL, 0, grad);
  const double h = 1e-5;

  g_assert_true (isfinite (loss));
  g_assert_cmpfloat (loss, ==, mdk_backprop_loss (net, data));
  mdk_backprop_get_parameters (net, p);
  for (guint i = 0; i < n; i++)
    {
      double x = p[i];
      double numeric = (8.0 * (loss_at (net, data, p, i, x + h) - loss_at (net, data, p, i, x - h)) -
                        (loss_at (net, data, p, i, x + 2 * h) - loss_at (net, data, p, i, x - 2 * h))) /
                       (12.0 * h);
      if (fabs (numeric - grad[i]) > 1e-6 + 1e-4 * MAX (fabs (numeric), fabs (grad[i])))
        g_error ("%s: parameter %u of %u: analytic %.10g, numeric %.10g", what, i, n, grad[i], numeric);
    }
}

static void
test_gradient_check (void)
{
  static const struct { MdkLoss loss; guint outputs; const char *name; } losses[] = {
    { MDK_LOSS_SQUARED_ERROR, 2, "squared error" },
    { MDK_LOSS_CROSS_ENTROPY, 1, "binary cross-entropy" },
    { MDK_LOSS_CROSS_ENTROPY, 3, "softmax cross-entropy" },
  };
  g_autoptr(MdkNetwork) net = mdk_network_new ();
  MdkRng rng;

  mdk_rng_init (&rng, 7);
  /* Every activation alone, then mixed. */
  for (guint a = 0; a <= MDK_N_ACTIVATIONS; a++)
    for (guint l = 0; l < G_N_ELEMENTS (losses); l++)
      for (guint rep = 0; rep < 3; rep++)
        {
          g_autoptr(MdkNeatGenome) g = random_genome (3, losses[l].outputs, a, &rng);
          g_autofree char *what = g_strdup_printf ("%s, %s, genome %u",
                                                   a < MDK_N_ACTIVATIONS ? mdk_activation_to_id (a) : "mixed",
                                                   losses[l].name, rep);
          Data d;

          data_init (&d, 17, 3, losses[l].outputs, losses[l].loss, &rng);
          mdk_neat_genome_decode (g, net);
          g_assert_false (mdk_network_is_recurrent (net));
          g_assert_cmpuint (mdk_network_get_n_hidden (net), >, 0);
          check_gradient (net, &d.data, what);
          data_clear (&d);
        }
}

/* The loss the module computes is the loss of what the network outputs. */
static void
test_loss_matches_outputs (void)
{
  g_autoptr(MdkNetwork) net = mdk_network_new ();
  g_autoptr(MdkNeatGenome) g = NULL;
  double expected = 0.0, y;
  MdkRng rng;
  Data d;

  mdk_rng_init (&rng, 11);
  g = random_genome (3, 1, MDK_ACTIVATION_TANH, &rng);
  g->nodes[4].activation = MDK_ACTIVATION_SIGMOID;
  mdk_neat_genome_decode (g, net);
  data_init (&d, 9, 3, 1, MDK_LOSS_CROSS_ENTROPY, &rng);
  for (guint r = 0; r < 9; r++)
    {
      mdk_network_activate (net, d.inputs + 3 * r, &y);
      expected -= d.targets[r] ? log (y) : log (1.0 - y);
    }
  g_assert_cmpfloat_with_epsilon (mdk_backprop_loss (net, &d.data), expected / 9, 1e-12);
  d.data.loss = MDK_LOSS_SQUARED_ERROR;
  expected = 0.0;
  for (guint r = 0; r < 9; r++)
    {
      mdk_network_activate (net, d.inputs + 3 * r, &y);
      expected += (y - d.targets[r]) * (y - d.targets[r]);
    }
  g_assert_cmpfloat_with_epsilon (mdk_backprop_loss (net, &d.data), expected / 9, 1e-12);
  data_clear (&d);
}

static void
test_parameters_round_trip (void)
{
  g_autoptr(MdkNetwork) net = mdk_network_new ();
  g_autoptr(MdkNeatGenome) g = NULL;
  g_autofree double *p = NULL;
  guint n;
  double out0, out1;
  const double in[3] = { 0.3, -0.2, 0.9 };
  MdkRng rng;

  mdk_rng_init (&rng, 5);
  g = random_genome (3, 1, MDK_N_ACTIVATIONS, &rng);
  g->nodes[4].activation = MDK_ACTIVATION_SIGMOID;
  mdk_neat_genome_decode (g, net);
  n = mdk_backprop_n_parameters (net);
  g_assert_cmpuint (n, ==, mdk_network_get_n_connections (net) + g->n_nodes - 4);
  p = g_new (double, n);
  mdk_backprop_get_parameters (net, p);
  mdk_network_activate (net, in, &out0);
  /* Every bias and weight to zero: a network of constants f(0). */
  for (guint i = 0; i < n; i++)
    p[i] = 0.0;
  mdk_backprop_set_parameters (net, p);
  mdk_network_activate (net, in, &out1);
  g_assert_cmpfloat (out1, ==, 0.5);
  g_assert_cmpfloat (out0, !=, out1);
}

/* XOR from a fixed 2-2-1 sigmoid network: both methods lower the loss a
 * lot, and never raise it. */
static void
test_training_reduces_loss (void)
{
  static const double inputs[] = { 0, 0, 0, 1, 1, 0, 1, 1 };
  static const double targets[] = { 0, 1, 1, 0 };
  const MdkTrainingData data = { 4, 2, 1, inputs, targets, MDK_LOSS_CROSS_ENTROPY };

  for (int method = MDK_BACKPROP_SGD; method <= MDK_BACKPROP_ADAM; method++)
    {
      g_autoptr(MdkNetwork) net = mdk_network_new ();
      MdkBackpropParams params = {
        .steps = 1000,
        .batch_size = 0,
        .learning_rate = method == MDK_BACKPROP_ADAM ? 0.05 : 1.0,
        .method = method,
        .l2 = 0.0,
        .max_weight = 20.0,
      };
      double before, after;
      MdkRng rng;

      mdk_network_begin (net, 2, 1, 6);
      mdk_network_set_node (net, 3, MDK_ACTIVATION_SIGMOID, 0.1);
      mdk_network_set_node (net, 4, MDK_ACTIVATION_TANH, -0.5);
      mdk_network_set_node (net, 5, MDK_ACTIVATION_TANH, -1.5);
      mdk_network_add_connection (net, 0, 4, 1.1);
      mdk_network_add_connection (net, 1, 4, 0.9);
      mdk_network_add_connection (net, 0, 5, 0.8);
      mdk_network_add_connection (net, 1, 5, 1.2);
      mdk_network_add_connection (net, 4, 3, 0.7);
      mdk_network_add_connection (net, 5, 3, -0.5);
      mdk_network_compile (net);

      mdk_rng_init (&rng, 1);
      before = mdk_backprop_loss (net, &data);
      after = mdk_backprop_train (net, &data, &params, &rng);
      g_assert_cmpfloat (after, ==, mdk_backprop_loss (net, &data));
      g_assert_cmpfloat (after, <, 0.01 * before);

      /* A step so large it diverges: the old weights come back. */
      params.learning_rate = 1e6;
      params.max_weight = 1e9;
      params.steps = 3;
      before = after;
      after = mdk_backprop_train (net, &data, &params, &rng);
      g_assert_cmpfloat (after, <=, before);
      g_assert_cmpfloat (after, ==, mdk_backprop_loss (net, &data));
    }
}

/* Minibatches come from the RNG: the same stream gives the same result,
 * another stream another one; all rows per step draws nothing. */
static void
test_minibatches_follow_rng (void)
{
  g_autoptr(MdkNeatGenome) g = NULL;
  MdkBackpropParams params = { 50, 4, 0.01, MDK_BACKPROP_ADAM, 1e-3, 8.0 };
  double loss[4];
  MdkRng rng, data_rng;
  Data d;

  mdk_rng_init (&data_rng, 3);
  g = random_genome (3, 1, MDK_ACTIVATION_TANH, &data_rng);
  g->nodes[4].activation = MDK_ACTIVATION_SIGMOID;
  data_init (&d, 40, 3, 1, MDK_LOSS_CROSS_ENTROPY, &data_rng);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(MdkNetwork) net = mdk_network_new ();

      mdk_neat_genome_decode (g, net);
      loss[3] = mdk_backprop_loss (net, &d.data);
      mdk_rng_init (&rng, i < 2 ? 99 : 100);
      loss[i] = mdk_backprop_train (net, &d.data, &params, &rng);
    }
  g_assert_cmpfloat (loss[0], ==, loss[1]);
  g_assert_cmpfloat (loss[0], !=, loss[2]);
  g_assert_cmpfloat (loss[0], <, loss[3]);

  params.batch_size = 0;
  {
    g_autoptr(MdkNetwork) net = mdk_network_new ();
    MdkRng before;

    mdk_neat_genome_decode (g, net);
    mdk_rng_init (&rng, 5);
    before = rng;
    mdk_backprop_train (net, &d.data, &params, &rng);
    g_assert_cmpmem (&rng, sizeof rng, &before, sizeof before);
  }
  data_clear (&d);
}

static void
test_recurrent_has_no_gradient (void)
{
  g_autoptr(MdkNetwork) net = mdk_network_new ();
  static const double inputs[] = { 1.0 };
  static const double targets[] = { 1.0 };
  const MdkTrainingData data = { 1, 1, 1, inputs, targets, MDK_LOSS_SQUARED_ERROR };
  MdkBackpropParams params = { 10, 0, 0.1, MDK_BACKPROP_SGD, 0.0, 8.0 };
  MdkRng rng;

  mdk_network_begin (net, 1, 1, 3);
  mdk_network_add_connection (net, 0, 2, 1.0);
  mdk_network_add_connection (net, 2, 2, 0.5);
  mdk_network_compile (net);
  g_assert_true (mdk_network_is_recurrent (net));
  mdk_rng_init (&rng, 1);
  g_assert_true (isnan (mdk_backprop_loss (net, &data)));
  g_assert_true (isnan (mdk_backprop_train (net, &data, &params, &rng)));
}

/* XOR's four rows are its training data; CPPN images have none. */
static void
test_task_data (void)
{
  g_autoptr(MdkTask) xor = mdk_task_new (&mdk_task_xor_class, NULL, NULL);
  g_autoptr(MdkTask) cppn = mdk_task_new (&mdk_task_cppn_class, NULL, NULL);
  MdkTrainingData data;

  g_assert_true (mdk_task_get_training_data (xor, &data));
  g_assert_cmpuint (data.n_rows, ==, 4);
  g_assert_cmpuint (data.n_inputs, ==, 2);
  g_assert_cmpint (data.loss, ==, MDK_LOSS_CROSS_ENTROPY);
  for (guint r = 0; r < 4; r++)
    g_assert_cmpfloat (data.targets[r], ==, (data.inputs[2 * r] != data.inputs[2 * r + 1]) ? 1.0 : 0.0);
  g_assert_false (mdk_task_get_training_data (cppn, &data));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/backprop/gradient-check", test_gradient_check);
  g_test_add_func ("/core/backprop/loss-matches-outputs", test_loss_matches_outputs);
  g_test_add_func ("/core/backprop/parameters-round-trip", test_parameters_round_trip);
  g_test_add_func ("/core/backprop/training-reduces-loss", test_training_reduces_loss);
  g_test_add_func ("/core/backprop/minibatches-follow-rng", test_minibatches_follow_rng);
  g_test_add_func ("/core/backprop/recurrent", test_recurrent_has_no_gradient);
  g_test_add_func ("/core/backprop/task-data", test_task_data);
  return g_test_run ();
}
