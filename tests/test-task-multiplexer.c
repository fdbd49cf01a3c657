/* The multiplexer task: both truth tables against the definition, a network
 * built by hand from the definition solving it, the fitness of copying one
 * data bit worked out by counting, the trace, and NEAT solving the
 * 6-multiplexer through the normal runner. */
#define G_LOG_DOMAIN "medaka-test"

#include "config.h"

#include <math.h>

#include "mdk-neat.h"
#include "mdk-run.h"
#include "mdk-task.h"

static MdkTask *
task_new (const char *size)
{
  const MdkTaskClass *klass = &mdk_task_multiplexer_class;
  gpointer params = mdk_task_params_new (klass);
  g_autoptr(GError) error = NULL;
  MdkTask *task;

  g_assert_true (mdk_param_set_from_string (mdk_param_table_lookup (klass->params, klass->n_params, "size"),
                                            params, size, &error));
  task = mdk_task_new (klass, params, &error);
  g_assert_no_error (error);
  mdk_task_params_free (klass, params);
  return task;
}

/* The network of the definition, with step units: one hidden unit per data
 * bit d_k, on when the address bits spell k and d_k is 1, and an output
 * that is on when any of them is.  Hidden unit k sums d_k and, for each
 * address bit, a_i if bit i of k is 1 or −a_i if it is 0; all match with
 * d_k = 1 exactly when the sum exceeds popcount (k) + ½. */
static MdkNetwork *
definition_net_new (guint k_bits)
{
  guint n_data = 1u << k_bits, n_in = k_bits + n_data;
  guint out = n_in + 1, first_hidden = n_in + 2;
  MdkNetwork *net = mdk_network_new ();

  mdk_network_begin (net, n_in, 1, first_hidden + n_data);
  mdk_network_set_node (net, out, MDK_ACTIVATION_STEP, -0.5);
  for (guint k = 0; k < n_data; k++)
    {
      guint h = first_hidden + k;

      mdk_network_set_node (net, h, MDK_ACTIVATION_STEP, -(__builtin_popcount (k) + 0.5));
      mdk_network_add_connection (net, k_bits + k, h, 1.0);
      for (guint i = 0; i < k_bits; i++)
        mdk_network_add_connection (net, i, h, (k >> i) & 1 ? 1.0 : -1.0);
      mdk_network_add_connection (net, h, out, 1.0);
    }
  mdk_network_compile (net);
  return net;
}

/* A network whose output is data bit 0. */
static MdkNetwork *
copy_d0_net_new (guint k_bits)
{
  guint n_in = k_bits + (1u << k_bits);
  MdkNetwork *net = mdk_network_new ();

  mdk_network_begin (net, n_in, 1, n_in + 2);
  mdk_network_set_node (net, n_in + 1, MDK_ACTIVATION_IDENTITY, 0.0);
  mdk_network_add_connection (net, k_bits, n_in + 1, 1.0);
  mdk_network_compile (net);
  return net;
}

/* Both sizes: the names, every row of the trace against the definition
 * computed here, the hand-built network solving, and copying d0 being
 * right in 1/2^k + (1 − 1/2^k)/2 of the cases. */
static void
test_truth_tables (void)
{
  const char *sizes[] = { "6", "11" };

  for (guint z = 0; z < G_N_ELEMENTS (sizes); z++)
    {
      guint k_bits = z == 0 ? 2 : 3, n_data = 1u << k_bits, n_in = k_bits + n_data;
      g_autoptr(MdkTask) task = task_new (sizes[z]);
      g_autoptr(MdkNetwork) solver = definition_net_new (k_bits);
      g_autoptr(MdkNetwork) copier = copy_d0_net_new (k_bits);
      g_autoptr(MdkTrace) trace = NULL;
      double expected_right = 1.0 / n_data + (1.0 - 1.0 / n_data) / 2.0;
      MdkEvalResult r;
      MdkRng rng;

      g_assert_cmpuint (task->n_inputs, ==, n_in);
      g_assert_cmpuint (task->n_outputs, ==, 1);
      g_assert_cmpstr (task->input_names[0], ==, "a0");
      g_assert_cmpstr (task->input_names[k_bits], ==, "d0");
      g_assert_cmpstr (task->input_names[n_in - 1], ==, z == 0 ? "d3" : "d7");

      trace = mdk_task_trace (task, solver);
      g_assert_cmpint (trace->kind, ==, MDK_TRACE_TRUTH_TABLE);
      g_assert_cmpuint (trace->n_rows, ==, 1u << n_in);
      g_assert_cmpuint (trace->n_cols, ==, n_in);
      g_assert_cmpuint (trace->n_outputs, ==, 1);
      for (guint row = 0; row < trace->n_rows; row++)
        {
          const double *v = trace->values + (gsize) row * (n_in + 2);
          guint address = 0;

          /* Rows count up in binary, a0 the most significant column. */
          for (guint i = 0; i < n_in; i++)
            g_assert_cmpfloat (v[i], ==, (row >> (n_in - 1 - i)) & 1);
          for (guint i = 0; i < k_bits; i++)
            address += (guint) v[i] << i;
          g_assert_cmpfloat (v[n_in + 1], ==, v[k_bits + address]);
          g_assert_cmpfloat (v[n_in], ==, v[n_in + 1]);
        }
      g_assert_cmpstr (trace->labels[n_in], ==, "y");

      mdk_rng_init (&rng, 1);
      mdk_task_evaluate (task, solver, &rng, &r);
      g_assert_true (r.solved);
      g_assert_cmpfloat (r.fitness, ==, 1.0);
      g_assert_cmpfloat (r.train_metric, ==, 1.0);

      mdk_task_evaluate (task, copier, &rng, &r);
      g_assert_false (r.solved);
      g_assert_cmpfloat_with_epsilon (r.train_metric, expected_right, 1e-15);
      /* Outputs of exactly 0 or 1: the error is the wrong fraction. */
      g_assert_cmpfloat_with_epsilon (r.fitness, expected_right, 1e-15);
    }

  /* A hand-picked row: a0 = 1, a1 = 0 is address 1, so y = d1. */
  {
    g_autoptr(MdkTask) task = task_new ("6");
    g_autoptr(MdkNetwork) solver = definition_net_new (2);
    double in[6] = { 1, 0, 0, 1, 0, 0 }, out;

    mdk_network_activate (solver, in, &out);
    g_assert_cmpfloat (out, ==, 1.0);
    in[3] = 0;
    in[2] = 1;
    mdk_network_activate (solver, in, &out);
    g_assert_cmpfloat (out, ==, 0.0);
  }
}

/* NaN outputs are as wrong as can be, not a NaN fitness. */
static void
test_nan_output (void)
{
  g_autoptr(MdkTask) task = task_new ("6");
  g_autoptr(MdkNetwork) net = mdk_network_new ();
  MdkEvalResult r;
  MdkRng rng;

  mdk_network_begin (net, 6, 1, 8);
  mdk_network_set_node (net, 7, MDK_ACTIVATION_IDENTITY, NAN);
  mdk_network_compile (net);
  mdk_rng_init (&rng, 1);
  mdk_task_evaluate (task, net, &rng, &r);
  g_assert_cmpfloat (r.fitness, ==, 0.0);
  g_assert_false (r.solved);
}

/* NEAT solves the 6-multiplexer through the normal runner with the task's
 * suggested settings, and the champion really computes it.  It is hard for
 * NEAT: seed 3 is one of the runs that solve, after about 1,200
 * generations. */
static void
test_neat_solves (void)
{
  g_autoptr(MdkExperiment) e = mdk_experiment_new (&mdk_task_multiplexer_class, &mdk_neat_class);
  g_autoptr(GError) error = NULL;
  g_autoptr(MdkRun) run = NULL;
  g_autoptr(MdkNetwork) net = mdk_network_new ();
  MdkEvalResult result;
  gconstpointer champion;

  e->seed = 3;
  e->threads = 2;
  e->stop.max_generations = 1500;
  run = mdk_run_new (e, &error);
  g_assert_no_error (error);
  while (mdk_run_step (run) == NULL)
    ;
  g_assert_true (mdk_run_is_solved (run, NULL, NULL));
  champion = mdk_run_get_champion (run, &result, NULL);
  g_assert_true (result.solved);

  mdk_optimizer_decode (mdk_run_get_optimizer (run), champion, net);
  for (guint row = 0; row < 64; row++)
    {
      double in[6], out;

      for (guint i = 0; i < 6; i++)
        in[i] = (row >> (5 - i)) & 1;
      mdk_network_reset (net);
      mdk_network_activate (net, in, &out);
      g_assert_cmpint (out >= 0.5, ==, in[2 + (guint) in[0] + 2 * (guint) in[1]] != 0.0);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/task/multiplexer/truth-tables", test_truth_tables);
  g_test_add_func ("/core/task/multiplexer/nan-output", test_nan_output);
  g_test_add_func ("/core/task/multiplexer/neat-solves", test_neat_solves);

  return g_test_run ();
}
