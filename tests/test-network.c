/* The compiled network against slow reference evaluators. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "mdk-neat-genome.h"
#include "mdk-network.h"

/* Random genomes from the real mutation operators. */
static MdkNeatGenome *
random_genome (MdkRng            *rng,
               MdkNeatInnovation *tracker,
               gboolean           recurrent,
               guint              n_inputs,
               guint              n_outputs,
               guint              steps)
{
  MdkNeatParams params;
  MdkNeatGenome *g;

  mdk_neat_params_init_defaults (&params);
  params.allow_recurrent = recurrent;
  params.add_node_rate = 0.25;
  params.add_connection_rate = 0.6;
  params.toggle_enable_rate = 0.1;
  params.activation_mutate_rate = 0.3;
  params.bias_mutate_rate = 0.5;
  params.weight_max = 3.0;

  g = mdk_neat_genome_new_minimal (n_inputs, n_outputs, MDK_ACTIVATION_TANH, 1.0, rng);
  for (guint s = 0; s < steps; s++)
    mdk_neat_genome_mutate (g, &params, tracker, rng);
  return g;
}

static gboolean
has_source_not_done (const MdkNeatGenome *g,
                     guint                v,
                     const gboolean      *done)
{
  guint first = g->n_inputs + 1;

  for (guint c = 0; c < g->n_conns; c++)
    {
      const MdkNeatConn *conn = &g->conns[c];
      int src = mdk_neat_genome_find_node (g, conn->in);
      int dst = mdk_neat_genome_find_node (g, conn->out);
      if (conn->enabled && (guint) dst == v && src != dst && (guint) src >= first && !done[src])
        return TRUE;
    }
  return FALSE;
}

/* The documented order, found the slow way: the lowest ready index, else the
 * lowest remaining one. */
static guint *
reference_order (const MdkNeatGenome *g)
{
  guint first = g->n_inputs + 1, n = g->n_nodes, k = 0;
  g_autofree gboolean *done = g_new0 (gboolean, n);
  guint *order = g_new (guint, n);

  while (k < n - first)
    {
      guint pick = G_MAXUINT;
      for (guint v = first; v < n && pick == G_MAXUINT; v++)
        if (!done[v] && !has_source_not_done (g, v, done))
          pick = v;
      for (guint v = first; v < n && pick == G_MAXUINT; v++)
        if (!done[v])
          pick = v;
      done[pick] = TRUE;
      order[k++] = pick;
    }
  return order;
}

/* One in-place step in that order, summing in gene order as documented. */
static void
reference_step (const MdkNeatGenome *g,
                const guint         *order,
                double              *values,
                const double        *inputs)
{
  memcpy (values, inputs, sizeof (double) * g->n_inputs);
  values[g->n_inputs] = 1.0;
  for (guint k = 0; k < g->n_nodes - g->n_inputs - 1; k++)
    {
      guint v = order[k];
      double sum = g->nodes[v].bias;
      for (guint c = 0; c < g->n_conns; c++)
        {
          const MdkNeatConn *conn = &g->conns[c];
          if (conn->enabled && (guint) mdk_neat_genome_find_node (g, conn->out) == v)
            sum += values[mdk_neat_genome_find_node (g, conn->in)] * conn->weight;
        }
      values[v] = mdk_activation_apply (g->nodes[v].activation, sum);
    }
}

/* Feed-forward only: the textbook recursive definition, independent of any
 * ordering. */
static double
recursive_value (const MdkNeatGenome *g,
                 guint                v,
                 const double        *inputs,
                 double              *memo,
                 gboolean            *known)
{
  double sum;

  if (v < g->n_inputs)
    return inputs[v];
  if (v == g->n_inputs)
    return 1.0;
  if (known[v])
    return memo[v];
  sum = g->nodes[v].bias;
  for (guint c = 0; c < g->n_conns; c++)
    {
      const MdkNeatConn *conn = &g->conns[c];
      if (conn->enabled && (guint) mdk_neat_genome_find_node (g, conn->out) == v)
        sum += conn->weight * recursive_value (g, mdk_neat_genome_find_node (g, conn->in), inputs, memo, known);
    }
  memo[v] = mdk_activation_apply (g->nodes[v].activation, sum);
  known[v] = TRUE;
  return memo[v];
}

static void
test_feed_forward_matches_reference (void)
{
  MdkRng rng;
  g_autoptr(MdkNeatInnovation) tracker = mdk_neat_innovation_new (1000, 1000);
  g_autoptr(MdkNetwork) net = mdk_network_new ();
  guint checked_hidden = 0;

  mdk_rng_init (&rng, 11);
  for (guint trial = 0; trial < 3000; trial++)
    {
      guint n_in = 1 + mdk_rng_below (&rng, 4), n_out = 1 + mdk_rng_below (&rng, 3);
      g_autoptr(MdkNeatGenome) g = random_genome (&rng, tracker, FALSE, n_in, n_out,
                                                  mdk_rng_below (&rng, 30));
      double inputs[4], outputs[3];
      g_autofree double *memo = g_new0 (double, g->n_nodes);
      g_autofree gboolean *known = g_new0 (gboolean, g->n_nodes);
      g_autofree guint *order = reference_order (g);
      g_autofree double *values = g_new0 (double, g->n_nodes);

      mdk_neat_genome_decode (g, net);
      g_assert_false (mdk_network_is_recurrent (net));
      g_assert_cmpuint (mdk_network_get_n_connections (net), ==, mdk_neat_genome_count_enabled (g));
      checked_hidden += mdk_network_get_n_hidden (net);

      for (guint i = 0; i < n_in; i++)
        inputs[i] = mdk_rng_range (&rng, -2, 2);
      mdk_network_activate (net, inputs, outputs);
      reference_step (g, order, values, inputs);
      for (guint o = 0; o < n_out; o++)
        {
          double expected = recursive_value (g, n_in + 1 + o, inputs, memo, known);
          g_assert_cmpfloat_with_epsilon (outputs[o], expected, 1e-9);
          /* Same order; only the grouping of the sums differs. */
          g_assert_cmpfloat_with_epsilon (outputs[o], values[n_in + 1 + o], 1e-12);
        }
    }
  g_assert_cmpuint (checked_hidden, >, 3000);
}

static void
test_recurrent_matches_reference (void)
{
  MdkRng rng;
  g_autoptr(MdkNeatInnovation) tracker = mdk_neat_innovation_new (1000, 1000);
  g_autoptr(MdkNetwork) net = mdk_network_new ();
  guint n_recurrent = 0;

  mdk_rng_init (&rng, 12);
  for (guint trial = 0; trial < 2000; trial++)
    {
      guint n_in = 1 + mdk_rng_below (&rng, 3), n_out = 1 + mdk_rng_below (&rng, 2);
      g_autoptr(MdkNeatGenome) g = random_genome (&rng, tracker, TRUE, n_in, n_out,
                                                  5 + mdk_rng_below (&rng, 30));
      g_autofree guint *order = reference_order (g);
      g_autofree double *values = g_new0 (double, g->n_nodes);

      mdk_neat_genome_decode (g, net);
      if (mdk_network_is_recurrent (net))
        n_recurrent++;
      /* An acyclic genome never compiles to a recurrent network. */
      if (mdk_neat_genome_is_acyclic (g))
        g_assert_false (mdk_network_is_recurrent (net));

      /* State carries over between steps until reset. */
      values[n_in] = 1.0;
      for (guint step = 0; step < 6; step++)
        {
          double inputs[3], outputs[2];
          if (step == 4)
            {
              mdk_network_reset (net);
              memset (values, 0, sizeof (double) * g->n_nodes);
            }
          for (guint i = 0; i < n_in; i++)
            inputs[i] = mdk_rng_range (&rng, -2, 2);
          mdk_network_activate (net, inputs, outputs);
          reference_step (g, order, values, inputs);
          for (guint o = 0; o < n_out; o++)
            g_assert_cmpfloat_with_epsilon (outputs[o], values[n_in + 1 + o], 1e-9);
        }
    }
  /* The mutations really produced loops. */
  g_assert_cmpuint (n_recurrent, >, 200);
}

static void
test_batch_equals_rows (void)
{
  MdkRng rng;
  g_autoptr(MdkNeatInnovation) tracker = mdk_neat_innovation_new (1000, 1000);
  g_autoptr(MdkNetwork) net = mdk_network_new ();

  mdk_rng_init (&rng, 13);
  for (guint trial = 0; trial < 200; trial++)
    {
      g_autoptr(MdkNeatGenome) g = random_genome (&rng, tracker, trial % 2 == 0, 3, 2, 20);
      double inputs[50 * 3], batch[50 * 2], row[2];

      for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
        inputs[i] = mdk_rng_range (&rng, -1, 1);
      mdk_neat_genome_decode (g, net);
      mdk_network_activate_batch (net, inputs, 50, batch);
      for (guint r = 0; r < 50; r++)
        {
          mdk_network_reset (net);
          mdk_network_activate (net, inputs + 3 * r, row);
          g_assert_cmpfloat (row[0], ==, batch[2 * r]);
          g_assert_cmpfloat (row[1], ==, batch[2 * r + 1]);
        }
    }
}

/* A network is reused across genomes: a big one then a small one must not
 * leave anything behind. */
static void
test_reuse_across_sizes (void)
{
  MdkRng rng;
  g_autoptr(MdkNeatInnovation) tracker = mdk_neat_innovation_new (1000, 1000);
  g_autoptr(MdkNetwork) shared = mdk_network_new ();

  mdk_rng_init (&rng, 14);
  for (guint trial = 0; trial < 300; trial++)
    {
      g_autoptr(MdkNeatGenome) g = random_genome (&rng, tracker, trial % 3 == 0, 2, 1,
                                                  mdk_rng_below (&rng, 60));
      g_autoptr(MdkNetwork) fresh = mdk_network_new ();
      double in[2] = { 0.3, -0.7 }, a, b;

      mdk_neat_genome_decode (g, shared);
      mdk_neat_genome_decode (g, fresh);
      mdk_network_activate (shared, in, &a);
      mdk_network_activate (fresh, in, &b);
      g_assert_cmpfloat (a, ==, b);
    }
}

static void
test_hand_built (void)
{
  g_autoptr(MdkNetwork) net = mdk_network_new ();
  double in[2] = { 1.0, 0.0 }, out;

  /* out = identity(0.5 + 2·h), h = relu(x1 − x2 − 0.25 · bias) */
  mdk_network_begin (net, 2, 1, 5);
  mdk_network_set_node (net, 3, MDK_ACTIVATION_IDENTITY, 0.5);
  mdk_network_set_node (net, 4, MDK_ACTIVATION_RELU, 0.0);
  mdk_network_add_connection (net, 4, 3, 2.0);
  mdk_network_add_connection (net, 0, 4, 1.0);
  mdk_network_add_connection (net, 1, 4, -1.0);
  mdk_network_add_connection (net, 2, 4, -0.25);
  mdk_network_compile (net);
  mdk_network_activate (net, in, &out);
  g_assert_cmpfloat_with_epsilon (out, 0.5 + 2.0 * 0.75, 1e-12);
  in[0] = 0.0;
  in[1] = 1.0;
  mdk_network_activate (net, in, &out);
  g_assert_cmpfloat_with_epsilon (out, 0.5, 1e-12);
  g_assert_cmpuint (mdk_network_get_n_hidden (net), ==, 1);
  g_assert_cmpuint (mdk_network_get_n_connections (net), ==, 4);
}

static void
test_activations (void)
{
  for (guint a = 0; a < MDK_N_ACTIVATIONS; a++)
    {
      MdkActivation back;
      const char *id = mdk_activation_to_id (a);

      g_assert_nonnull (id);
      g_assert_true (mdk_activation_from_id (id, &back));
      g_assert_cmpint (back, ==, a);
      g_assert_nonnull (mdk_activation_get_label (a));
      /* The derivative agrees with a central difference (step excepted). */
      for (double x = -1.7; x < 1.8; x += 0.31)
        {
          double h = 1e-6;
          double numeric = (mdk_activation_apply (a, x + h) - mdk_activation_apply (a, x - h)) / (2 * h);
          double analytic = mdk_activation_derivative (a, x, mdk_activation_apply (a, x));
          if (a != MDK_ACTIVATION_STEP)
            g_assert_cmpfloat_with_epsilon (analytic, numeric, 1e-4);
        }
    }
  g_assert_cmpfloat_with_epsilon (mdk_activation_apply (MDK_ACTIVATION_NEAT_SIGMOID, 0.2),
                                  1.0 / (1.0 + exp (-4.9 * 0.2)), 1e-15);
  /* Medaka's own tanh against libm's, across the branch points. */
  for (double x = -30.0; x <= 30.0; x += 0.0007)
    {
      double mine = mdk_activation_apply (MDK_ACTIVATION_TANH, x), ref = tanh (x);
      g_assert_cmpfloat (fabs (mine - ref), <=, 1e-15 * fabs (ref) + 1e-300);
    }
  for (double x = 1e-12; x < 0.1; x *= 1.01)
    {
      g_assert_cmpfloat (fabs (mdk_activation_apply (MDK_ACTIVATION_TANH, x) - tanh (x)), <=, 1e-15 * tanh (x));
      g_assert_cmpfloat (mdk_activation_apply (MDK_ACTIVATION_TANH, -x), ==, -mdk_activation_apply (MDK_ACTIVATION_TANH, x));
    }
  g_assert_false (mdk_activation_from_id ("nope", &(MdkActivation) { 0 }));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/network/feed-forward-vs-reference", test_feed_forward_matches_reference);
  g_test_add_func ("/core/network/recurrent-vs-reference", test_recurrent_matches_reference);
  g_test_add_func ("/core/network/batch-equals-rows", test_batch_equals_rows);
  g_test_add_func ("/core/network/reuse-across-sizes", test_reuse_across_sizes);
  g_test_add_func ("/core/network/hand-built", test_hand_built);
  g_test_add_func ("/core/network/activations", test_activations);
  return g_test_run ();
}
